"""Template filters shared by every app."""

from django import template

from providers.money import format_dkk
from requests_app.text import error_label

register = template.Library()


@register.filter
def dkk(value):
    """Money the Danish way: ``{{ frame.amount|dkk }}`` -> ``900.000,00 kr.``"""
    return format_dkk(value)


register.filter("error_label", error_label)  # "Kommentar", not "Kommentar (valgfrit)"
