"""Issue 10, point 9: privileged roles must activate TOTP before they use the portal."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD

PRIVILEGED = ["provider_staff", "coordinator", "central", "superuser"]


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True


def code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRIVILEGED)
def test_privileged_roles_without_totp_are_sent_to_activation(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in ("/", "/providers/", reverse("requests:list"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_activate_totp"), url


@pytest.mark.django_db
def test_staff_without_a_role_is_forced_too(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get("/").url == reverse("mfa_activate_totp")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "amr", "no_role_user"])
def test_workplace_members_are_not_forced(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_way_to_activation_stays_open(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_after_activating_totp_the_user_gets_through(client, coordinator):
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert client.get("/").url == reverse("mfa_activate_totp")
    # The password was just given: the first authenticator is set up without asking again.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    response = client.get("/")
    assert response.status_code == 200
    assert "Din region" in response.content.decode()

    # The next login asks for the code, and then lets the user in.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code(secret)})
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_setting_turns_it_off(client, settings, coordinator):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = False
    client.force_login(coordinator)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_login_older_than_the_reauthentication_timeout_asks_again(
    client, coordinator, monkeypatch
):
    from allauth.account import app_settings

    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    later = time.time() + app_settings.REAUTHENTICATION_TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))


@pytest.mark.django_db
def test_with_an_authenticator_the_mfa_pages_ask_for_the_password_again(client, coordinator):
    """Only the first activation takes the login: turning the authenticator off (or adding
    recovery codes) right after logging in still asks for the password."""
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
