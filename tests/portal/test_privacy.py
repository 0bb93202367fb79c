"""Personal data (issue 16, Data): the download of one's own data, anonymising a former user,
and the privacy and accessibility pages linked in the footer."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership, Notification, RoleChange
from accounts.privacy import PrivacyError, is_anonymised, personal_data, user_anonymise
from requests_app.models import RequestEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["privacy", "accessibility"])
def test_the_privacy_and_accessibility_pages_are_public_danish_and_in_the_footer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="da"' in html
    assert f'href="{reverse("privacy")}"' in html
    assert f'href="{reverse("accessibility")}"' in html
    if name == "privacy":
        assert "5 år" in html  # the retention setting, in words
    else:
        assert "WCAG 2.1" in html and "3. dec. 2026" in html


def test_my_data_needs_a_login(client):
    response = client.get(reverse("my_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_my_data_is_a_json_download_of_the_users_own_data(client):
    _, leader, amr = factories.trio()
    request = factories.complete_request(leader=leader, counterpart=amr)
    other_workplace, other_leader, other_amr = factories.trio("hovedstaden")
    factories.complete_request(leader=other_leader, counterpart=other_amr, title="Ikke din")
    client.force_login(leader)
    response = client.get(reverse("my_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    assert data["account"]["email"] == leader.email
    assert [m["role"] for m in data["workplace_memberships"]] == ["Leder"]
    assert [r["id"] for r in data["requests"]["requests"]] == [request.pk]
    assert data["requests"]["requests"][0]["as"] == ["initiator", "last_editor"]
    assert other_leader.email not in response.content.decode()


@pytest.fixture
def former_user():
    _, leader, amr = factories.trio()
    request = factories.complete_request(leader=leader, counterpart=amr)
    from requests_app.services import intake

    intake.request_submit(request_pk=request.pk, user=leader)
    Notification.objects.create(user=leader, key="test:1", subject="Hej")
    return leader, request


def test_anonymising_replaces_name_and_email_revokes_roles_and_keeps_events(client, former_user):
    leader, request = former_user
    central = factories.CentralPartyFactory().user
    old_email = leader.email
    events_before = RequestEvent.objects.filter(actor=leader).count()
    assert events_before

    user_anonymise(user_pk=leader.pk, by=central)

    leader.refresh_from_db()
    assert is_anonymised(leader)
    assert leader.first_name.startswith("Tidligere bruger ") and leader.last_name == ""
    assert old_email not in leader.email
    assert not leader.is_active and not leader.has_usable_password()
    assert not Membership.objects.filter(user=leader).exists()
    revoked = RoleChange.objects.filter(subject=leader, action="revoked", actor=central)
    assert revoked.count() == 1
    assert not Notification.objects.filter(user=leader).exists()
    assert RequestEvent.objects.filter(actor=leader).count() == events_before
    assert old_email not in json.dumps(personal_data(leader))
    # The timeline shows the pseudonym.
    client.force_login(request.counterpart)
    page = client.get(request.get_absolute_url()).content.decode()
    assert leader.first_name in page
    # The account cannot log in any more.
    assert not client.login(email=old_email, password="secret")


def test_the_pseudonym_is_stable_and_anonymising_twice_is_refused(former_user):
    leader, _ = former_user
    central = factories.CentralPartyFactory().user
    user_anonymise(user_pk=leader.pk, by=central)
    leader.refresh_from_db()
    name = leader.first_name
    with pytest.raises(PrivacyError, match="allerede anonymiseret"):
        user_anonymise(user_pk=leader.pk, by=central)
    leader.refresh_from_db()
    assert leader.first_name == name


def test_nobody_anonymises_themselves_or_an_administrator():
    central = factories.CentralPartyFactory().user
    admin = get_user_model().objects.create_superuser("root@example.dk", "x")
    with pytest.raises(PrivacyError):
        user_anonymise(user_pk=central.pk, by=central)
    with pytest.raises(PrivacyError):
        user_anonymise(user_pk=admin.pk, by=central)
    assert not is_anonymised(admin) and not is_anonymised(central)


def _central_admin(client):
    from accounts.services import central_group

    central = factories.CentralPartyFactory().user
    central.is_staff = True
    central.save()
    central.groups.add(central_group())
    client.force_login(central)
    return central


def test_a_central_user_anonymises_a_former_user_in_the_admin_after_confirming(client, former_user):
    leader, _ = former_user
    _central_admin(client)
    url = reverse("admin:accounts_user_changelist")
    payload = {"action": "anonymise", "_selected_action": [leader.pk]}
    asked = client.post(url, payload)
    assert asked.status_code == 200
    assert "kan ikke fortrydes" in asked.content.decode()
    leader.refresh_from_db()
    assert not is_anonymised(leader)

    done = client.post(url, {**payload, "confirmed": "yes"}, follow=True)
    assert done.status_code == 200
    leader.refresh_from_db()
    assert is_anonymised(leader)
    assert "1 bruger blev anonymiseret" in done.content.decode()


def test_a_leader_cannot_reach_the_anonymise_action(client, former_user):
    leader, _ = former_user
    other = factories.MembershipFactory(role="leader").user
    client.force_login(other)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "anonymise", "_selected_action": [leader.pk], "confirmed": "yes"},
    )
    assert response.status_code in (302, 403)
    leader.refresh_from_db()
    assert not is_anonymised(leader)
