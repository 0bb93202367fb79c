"""The library in the admin: central parties edit it; a saved item is found by its new words."""

import pytest
from django.urls import reverse

from accounts.services import central_group
from library import selectors
from library.models import Item
from library.services import item_reindex


@pytest.mark.django_db
def test_central_parties_may_edit_the_library():
    codenames = set(central_group().permissions.values_list("codename", flat=True))
    assert {"change_item", "add_item", "change_example", "change_theme"} <= codenames


@pytest.mark.django_db
def test_the_admin_lists_and_opens_items(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:library_item_changelist")).status_code == 200
    item = Item.objects.get(slug="perspektivsamtaler")
    page = client.get(reverse("admin:library_item_change", args=[item.pk])).content.decode()
    assert "Vejledning til værktøjet" in page and "Afsnit i kilden" in page


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_changed_item_is_reindexed():
    item = Item.objects.get(slug="historievaerksted")
    assert not selectors.search("pingvinparaden").exists()
    Item.objects.filter(pk=item.pk).update(keywords="pingvinparaden")
    item.refresh_from_db()
    item_reindex(item=item)
    assert [found.slug for found in selectors.search("pingvinparaden")] == ["historievaerksted"]


def _form_values(form) -> dict:
    values = {}
    for name in form.fields:
        value = form[name].value()  # prepared as the widget renders it (pks, JSON text)
        values[form.add_prefix(name)] = "" if value is None else value
    return values


def _change_form_data(page) -> dict:
    """The admin change form as the browser would post it back: the item's fields, the themes,
    and every inline example with the formset's management fields."""
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for inline_form in formset.forms:
            data.update(_form_values(inline_form))
    return data


@pytest.mark.postgres
@pytest.mark.django_db
def test_saving_an_item_with_an_edited_example_in_the_admin_reindexes_it(client, superuser):
    """The admin's save (item, themes, then the inline examples) ends in ``item_reindex``: a
    word that is only in the edited example is found by the PostgreSQL search vector."""
    item = Item.objects.get(slug="dilemmavaerksted")
    assert not selectors.search("pingvinparaden").exists()
    client.force_login(superuser)
    url = reverse("admin:library_item_change", args=[item.pk])
    data = _change_form_data(client.get(url))
    example = item.examples.get()
    assert data["examples-0-id"] == example.pk
    data["examples-0-text"] = "Dilemmaet om pingvinparaden: hvem går forrest?"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    example.refresh_from_db()
    assert "pingvinparaden" in example.text
    saved = Item.objects.get(pk=item.pk)
    assert saved.guide_notes == item.guide_notes and saved.main_theme == item.main_theme
    assert [found.slug for found in selectors.search("pingvinparaden")] == ["dilemmavaerksted"]
