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
