"""Issue 10, point 13: users who acted on a request are deactivated, never deleted."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from requests_app.models import RequestEvent
from tests import factories
from tests.accounts.admin_helpers import central_admin

User = get_user_model()


@pytest.fixture
def leader_with_events(db):
    workplace, leader, amr = factories.trio()
    request = factories.complete_request(leader=leader, counterpart=amr)
    RequestEvent.objects.create(request=request, actor=leader, action="request_submit")
    return leader


@pytest.mark.django_db
def test_a_user_with_events_cannot_be_deleted_even_by_a_superuser(
    client, superuser, leader_with_events
):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_delete", args=[leader_with_events.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=leader_with_events.pk).exists()
    assert RequestEvent.objects.filter(actor=leader_with_events).exists()
    page = client.get(reverse("admin:accounts_user_change", args=[leader_with_events.pk]))
    assert reverse("admin:accounts_user_delete", args=[leader_with_events.pk]) not in (
        page.content.decode()
    )


@pytest.mark.django_db
def test_a_user_without_events_can_still_be_deleted(client, superuser):
    person = factories.UserFactory()
    client.force_login(superuser)
    url = reverse("admin:accounts_user_delete", args=[person.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_deactivate_action(client, leader_with_events):
    central = central_admin()
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(central)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [leader_with_events.pk, superuser.pk]},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 bruger blev deaktiveret." in html
    assert "1 bruger blev sprunget over" in html
    leader_with_events.refresh_from_db()
    superuser.refresh_from_db()
    assert not leader_with_events.is_active
    assert superuser.is_active
    # Deactivated means logged out and unable to log in; the timeline keeps the name.
    assert RequestEvent.objects.get().actor == leader_with_events
    assert not client.login(email=leader_with_events.email, password=factories.PASSWORD)
