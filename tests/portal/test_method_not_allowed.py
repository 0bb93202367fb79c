"""A method a URL does not take gets a page in the user's language, still 405 with its
``Allow`` header, and changes nothing: a POST to a page that only shows something, a GET to
an action. The permission matrix (tests/permissions_matrix) pins the status of every URL."""

import pytest
from django.urls import reverse

from requests_app.models import Request
from tests import factories


@pytest.mark.django_db
def test_a_post_to_a_page_that_only_shows_is_refused_with_a_danish_page(client, leader):
    client.force_login(leader)
    response = client.post(reverse("requests:list"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    page = response.content.decode()
    assert "Det kan siden ikke" in page
    assert "Intet er ændret." in page
    assert 'lang="da"' in page


@pytest.mark.django_db
def test_a_get_to_an_action_is_refused_with_the_page_and_changes_nothing(client):
    workplace, leader, amr = factories.trio("sjaelland")
    request = factories.complete_request(leader=leader, counterpart=amr)
    client.force_login(leader)
    response = client.get(reverse("requests:submit", args=[request.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Det kan siden ikke" in response.content.decode()
    assert Request.objects.get(pk=request.pk).status == request.status


@pytest.mark.django_db
def test_the_page_follows_the_language_switch(client, leader):
    client.cookies["django_language"] = "en"
    client.force_login(leader)
    response = client.post(reverse("invoices:list"))
    assert response.status_code == 405
    assert "This page cannot do that" in response.content.decode()


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_it_on_public_pages(client):
    response = client.post(reverse("providers:list"))
    assert response.status_code == 405
    assert "Det kan siden ikke" in response.content.decode()


@pytest.mark.django_db
def test_the_api_keeps_its_own_answer(client, central):
    client.force_login(central)
    response = client.post(reverse("api:budgets"))
    assert response.status_code == 405
    assert "Det kan siden ikke" not in response.content.decode()
