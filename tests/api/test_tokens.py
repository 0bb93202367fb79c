"""Personal API tokens (issue 14, point 4): made on the profile page and shown once, stored
as a SHA-256 only, used as ``Authorization: Bearer``, listed and revoked; and the schema
that the docs page is written from (``tests/api/test_docs.py``)."""

import hashlib
import re

import pytest
from django.urls import reverse

from api import tokens
from api.models import ApiToken
from tests import factories

TOKEN = re.compile(r'id="new-token-value" type="text" readonly value="([^"]+)"')


def make_token(client, user, name="Regneark"):
    client.force_login(user)
    response = client.post(reverse("profile"), {"action": "create", "name": name})
    assert response.status_code == 200
    return TOKEN.search(response.content.decode()).group(1)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_the_profile(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_token_is_shown_once_and_stored_hashed(client, central):
    raw = make_token(client, central)
    token = ApiToken.objects.get(user=central)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (token.token_hash, token.prefix) and raw.startswith(token.prefix)
    assert len(raw) >= 43  # token_urlsafe(32)
    page = client.get(reverse("profile")).content.decode()
    assert raw not in page
    assert "Regneark" in page and token.prefix in page
    assert "Personlige API-tokens" in page


@pytest.mark.django_db
def test_a_token_reads_the_api_and_notes_its_use(client_factory, central):
    raw = make_token(client_factory(), central)
    api = client_factory()
    response = api.get("/api/v1/budgets", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert ApiToken.objects.get(user=central).last_used_at is not None
    assert api.get("/api/v1/budgets").status_code == 401
    wrong = api.get("/api/v1/budgets", headers={"Authorization": f"Bearer {raw}x"})
    assert wrong.status_code == 401
    assert wrong.json()["detail"].startswith("Log ind")


@pytest.mark.django_db
def test_a_revoked_token_no_longer_reads(client_factory, central):
    owner = client_factory()
    raw = make_token(owner, central)
    token = ApiToken.objects.get(user=central)
    response = owner.post(reverse("profile"), {"action": "revoke", "token": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = client_factory()
    assert api.get("/api/v1/reach", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    page = owner.get(reverse("profile")).content.decode()
    assert "Tilbagekaldt" in page


@pytest.mark.django_db
def test_nobody_revokes_another_users_token(client, central, coordinator):
    make_token(client, central)
    token = ApiToken.objects.get(user=central)
    client.force_login(coordinator)
    assert (
        client.post(reverse("profile"), {"action": "revoke", "token": token.pk}).status_code == 404
    )
    assert client.post(reverse("profile"), {"action": "revoke", "token": "x"}).status_code == 404
    # "²" is a digit to str.isdigit but no number to int(): a 404 too, not a 500.
    assert client.post(reverse("profile"), {"action": "revoke", "token": "²"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_a_deactivated_users_token_no_longer_reads(client, central):
    raw = make_token(client, central)
    central.is_active = False
    central.save(update_fields=["is_active"])
    assert tokens.user_for_token(raw) is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_short_name(client, central, name):
    client.force_login(central)
    response = client.post(reverse("profile"), {"action": "create", "name": name})
    assert response.status_code == 400
    assert 'id="token-error"' in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "no_role_user"])
def test_roles_without_the_api_make_no_token(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("profile")).content.decode()
    assert "API'et er for de centrale parter" in page
    response = client.post(reverse("profile"), {"action": "create", "name": "Mit"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["central", "coordinator", "provider_staff"])
def test_each_reading_role_makes_and_uses_a_token(client_factory, request, role):
    user = request.getfixturevalue(role)
    raw = make_token(client_factory(), user)
    response = client_factory().get("/api/v1/requests", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_profile_is_linked_from_the_user_menu(client, leader):
    client.force_login(leader)
    assert f'href="{reverse("profile")}"' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_a_session_reads_get_without_a_csrf_token(client_factory, central):
    session = client_factory(enforce_csrf_checks=True)
    session.force_login(central)
    assert session.get("/api/v1/budgets").status_code == 200


@pytest.mark.django_db
def test_the_schema_describes_five_read_only_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/budgets",
        "/api/v1/requests",
        "/api/v1/deadlines/sla",
        "/api/v1/reach",
        "/api/v1/evaluations/summary",
    }
    for path, operations in schema["paths"].items():
        (get,) = operations.values()  # read-only: one GET each
        assert set(operations) == {"get"}, path
        assert get["summary"] and get["description"], path
        assert {"200", "400", "401", "403", "422"} <= set(get["responses"]), path
        for parameter in get.get("parameters", []):
            assert parameter["in"] == "query" and parameter.get("description"), (path, parameter)
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}


def test_the_token_module_never_keeps_the_token():
    token_fields = {field.name for field in ApiToken._meta.get_fields()}
    assert "token" not in token_fields and "token_hash" in token_fields
    assert factories  # the shared factories back the fixtures used above
