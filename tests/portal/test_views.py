from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import CentralPartyMember, Membership
from providers.models import ProviderStaff


@pytest.mark.django_db
def test_anonymous_start_page_explains_the_offer(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "portal/landing.html"
    assert 'lang="da"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("leader", "Dine arbejdspladser"),
        ("amr", "Dine arbejdspladser"),
        ("provider_staff", "Din udbyder"),
        ("coordinator", "Din region"),
        ("central", "Overblik for de centrale parter"),
        ("no_role_user", "ingen rolle"),
    ],
)
def test_start_page_per_role(client, request, role, expected):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/", follow=True)  # the central parties' is the dashboard
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_central_start_page_shows_frames_in_danish_money(client, central):
    client.force_login(central)
    content = client.get("/", follow=True).content.decode()
    assert "900.000,00 kr." in content


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_names_the_broker_when_it_is_down(client):
    # Degraded, not down: pages work and mail waits in the outbox until the broker is back.
    with mock.patch("portal.views._check_broker", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down"}


@pytest.mark.django_db
def test_healthz_names_the_database_when_it_is_down(client):
    with mock.patch("portal.views.connection.cursor", side_effect=Exception("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down"


@pytest.mark.django_db
def test_unknown_url_gives_friendly_danish_404(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


@pytest.mark.django_db
def test_500_page_is_danish_and_standalone(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Der gik noget galt" in html


@pytest.mark.django_db
def test_wrong_password_gives_a_clear_message(client, leader):
    response = client.post(reverse("account_login"), {"login": leader.email, "password": "forkert"})
    assert response.status_code == 200
    assert "ikke korrekt" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unknown_email_gives_the_same_clear_message(client):
    response = client.post(
        reverse("account_login"), {"login": "ukendt@example.dk", "password": "forkert"}
    )
    assert response.status_code == 200
    assert "ikke korrekt" in response.content.decode()


@pytest.mark.django_db
def test_login_with_right_password_reaches_start_page(client, leader):
    from tests.factories import PASSWORD

    response = client.post(
        reverse("account_login"), {"login": leader.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Dine arbejdspladser" in response.content.decode()


@pytest.mark.django_db
def test_there_is_no_open_signup(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "lukket" in response.content.decode().lower()
    response = client.post(
        "/accounts/signup/",
        {"email": "ny@example.dk", "password1": "Langt-nok-123", "password2": "Langt-nok-123"},
    )
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="ny@example.dk").exists()


@pytest.mark.django_db
def test_password_reset_sends_mail_for_known_user_only(
    client, leader, django_capture_on_commit_callbacks
):
    # The mail is stored with the request and sent after commit (the outbox).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": leader.email})
    assert len(mail.outbox) == 1
    assert leader.email in mail.outbox[0].to


@pytest.mark.django_db
def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/providers/"})
    assert response.status_code == 302
    response = client.get("/providers/")
    assert 'lang="en"' in response.content.decode()
    assert "The providers" in response.content.decode()


@pytest.mark.django_db
def test_central_party_invites_a_provider_staff_member(
    client, central, django_capture_on_commit_callbacks
):
    client.force_login(central)
    from providers.models import Provider

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invite_user"),
            {
                "email": "Ny.Konsulent@Example.DK",
                "first_name": "Ny",
                "last_name": "Konsulent",
                "role": "provider",
                "provider": Provider.objects.get(slug="ruc").pk,
            },
        )
    assert response.status_code == 302
    staff = ProviderStaff.objects.get(user__email="ny.konsulent@example.dk")
    assert staff.provider.slug == "ruc"
    assert not staff.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_invite_requires_the_organisation_of_the_role(client, central):
    client.force_login(central)
    response = client.post(
        reverse("invite_user"),
        {"email": "x@example.dk", "first_name": "X", "last_name": "Y", "role": "leader"},
    )
    assert response.status_code == 200
    assert "Vælg én til denne rolle" in response.content.decode()
    assert not Membership.objects.filter(user__email="x@example.dk").exists()


@pytest.mark.django_db
def test_invite_adds_a_role_to_an_existing_user_without_mail(client, superuser, leader):
    client.force_login(superuser)
    response = client.post(
        reverse("invite_user"),
        {
            "email": leader.email,
            "first_name": "A",
            "last_name": "B",
            "role": "central",
            "party": "forhandlingsfaellesskabet",
        },
    )
    assert response.status_code == 302
    assert CentralPartyMember.objects.filter(user=leader).exists()
    leader.refresh_from_db()
    assert leader.is_staff
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_danish_by_default_even_for_an_english_browser(client):
    response = client.get("/providers/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert 'lang="da"' in response.content.decode()
    assert response["Content-Language"] == "da"


@pytest.mark.django_db
def test_totp_can_be_activated_and_is_asked_for_at_the_next_login(client, leader):
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import PASSWORD

    def code(secret):
        return format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    client.force_login(leader)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=leader).exists()
    client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert Authenticator.objects.filter(user=leader, type="totp").exists()

    client.logout()
    response = client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": code(secret)}, follow=True)
    assert "_auth_user_id" in client.session
    assert "Dine arbejdspladser" in response.content.decode()


@pytest.mark.django_db
def test_a_declined_request_is_listed_as_sent_not_as_under_way(client):
    """Browser QA: delivered and declined requests were listed as "Igangværende"."""
    from requests_app.models import Status
    from tests import factories

    workplace, leader, amr = factories.trio("sjaelland")
    factories.complete_request(
        leader=leader, counterpart=amr, title="Afvist emne", status=Status.DECLINED
    )
    client.force_login(leader)
    html = client.get(reverse("home")).content.decode()
    section = html.split('id="open-requests"')[0].rsplit("<h3", 1)[1]
    assert "Sendte anmodninger" in section
    assert "Afvist emne" in html and "Igangværende" not in html
