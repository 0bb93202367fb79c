"""Every view of the foundation, for every role: who gets 200, who is sent to log in, who 403."""

import pytest
from django.urls import reverse

PUBLIC = ["/", "/providers/", "/providers/nfa/", "/healthz"]
CENTRAL_ONLY = ["/accounts/invite/"]
LOGGED_IN = ["/accounts/2fa/", "/accounts/password/change/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_for_everyone(client, role_user, path):
    role, user = role_user
    client.force_login(user)
    response = client.get(path)
    if path == "/" and role in {"central", "superuser"}:
        # The central parties' start page is their dashboard.
        assert response.status_code == 302 and response.url == reverse("dashboards:overview")
        response = client.get(response.url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PUBLIC, "/accounts/login/", "/accounts/password/reset/"])
def test_public_pages_for_anonymous(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_login_page_sends_a_logged_in_user_home(client, role_user):
    _, user = role_user
    client.force_login(user)
    response = client.get("/accounts/login/")
    assert response.status_code == 302
    assert response.url == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", CENTRAL_ONLY + LOGGED_IN)
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", CENTRAL_ONLY)
def test_central_only_pages(client, role_user, path):
    role, user = role_user
    client.force_login(user)
    expected = 200 if role in {"central", "superuser"} else 403
    response = client.get(path)
    assert response.status_code == expected
    if expected == 403:
        assert "Ingen adgang" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGGED_IN)
def test_account_pages_for_every_role(client, role_user, path):
    _, user = role_user
    client.force_login(user)
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_admin_is_for_staff_only(client, role_user):
    role, user = role_user
    client.force_login(user)
    response = client.get("/admin/")
    if role == "superuser":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
