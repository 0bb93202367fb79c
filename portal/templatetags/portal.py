"""Template filters shared by every app."""

from django import template
from django.utils.translation import pgettext

from providers.money import format_dkk

register = template.Library()


@register.filter
def dkk(value):
    """Money the Danish way: ``{{ frame.amount|dkk }}`` -> ``900.000,00 kr.``"""
    return format_dkk(value)


@register.filter
def error_label(label):
    """A field's label as the error summary names it: "Kommentar", not "Kommentar
    (valgfrit)": the field is in error for what was typed, not for being optional."""
    label = str(label)
    suffix = f" ({pgettext('field label', 'optional')})"
    return label.removesuffix(suffix)
