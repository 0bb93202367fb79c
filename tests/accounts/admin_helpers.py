"""Helpers for admin tests: a real central-party admin user and the POST data of a page."""

from django import forms

from tests import factories


def central_group():
    from accounts.services import central_group as make

    return make()


def central_admin(**kwargs):
    """A central party as `user_invite` makes one: staff, in the "Centrale parter" group."""
    user = factories.CentralPartyFactory(user=factories.UserFactory(is_staff=True, **kwargs)).user
    user.groups.add(central_group())
    return user


def _add(data, form):
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        data[bound.html_name] = list(value) if isinstance(value, (list, tuple)) else value


def post_data(response):
    """What a browser would send back from an admin change page, unchanged."""
    data = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add(data, formset.management_form)
        for form in formset.forms:
            _add(data, form)
    return data
