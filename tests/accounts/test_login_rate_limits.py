"""Issue 10, point 8: failed logins slow an attacker without locking the owner out.

allauth counts ``login_failed`` per client address and per key; the portal's adapter makes
the key the account *and* the address. Counts live in Django's cache (Redis in production,
see tests/portal/test_security_settings.py).
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def log_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_owner_logs_in_from_their_own_address_after_an_attacker_failed_many_times(
    client, leader, client_factory
):
    attacker = client_factory()
    for _ in range(30):
        log_in(attacker, leader.email, "forkert-kode", REMOTE_ADDR=ATTACKER)
    response = log_in(client, leader.email, PASSWORD, REMOTE_ADDR=OWNER)
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.django_db
def test_the_attacker_is_slowed_even_with_the_right_password(leader, client_factory):
    attacker = client_factory()
    for _ in range(5):
        response = log_in(attacker, leader.email, "forkert-kode", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200
    response = log_in(attacker, leader.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 200
    assert "for mange mislykkede" in response.content.decode()
    assert not logged_in(attacker)


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_stopped(leader, client_factory):
    attacker = client_factory()
    for index in range(20):
        log_in(attacker, f"gaet{index}@example.dk", "forkert-kode", REMOTE_ADDR=ATTACKER)
    response = log_in(attacker, leader.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 200
    assert not logged_in(attacker)


@pytest.mark.django_db
def test_a_successful_login_does_not_wipe_the_count(leader, client_factory):
    """allauth rolls back only the successful attempt: periodic good logins hide nothing."""
    attacker = client_factory()
    for _ in range(4):
        log_in(attacker, leader.email, "forkert-kode", REMOTE_ADDR=ATTACKER)
    assert log_in(attacker, leader.email, PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 302
    attacker.logout()
    log_in(attacker, leader.email, "forkert-kode", REMOTE_ADDR=ATTACKER)
    log_in(attacker, leader.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert not logged_in(attacker)


@pytest.mark.django_db
def test_forged_forwarded_for_is_ignored_without_a_trusted_proxy(leader, client_factory):
    attacker = client_factory()
    for index in range(6):
        log_in(
            attacker,
            leader.email,
            "forkert-kode",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{index}",
        )
    response = log_in(
        attacker, leader.email, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert not logged_in(attacker)
    assert response.status_code == 200


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    settings, client, leader, client_factory
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    attacker = client_factory()
    for _ in range(10):
        log_in(
            attacker,
            leader.email,
            "forkert-kode",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    # Same proxy, but the owner's own address: not locked out.
    response = log_in(client, leader.email, PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OWNER)
    assert response.status_code == 302
    assert logged_in(client)
    # The attacker's address is slowed.
    log_in(attacker, leader.email, PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert not logged_in(attacker)


@pytest.mark.django_db
def test_trusted_client_ip_header(settings, client, leader, client_factory):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    attacker = client_factory()
    for _ in range(10):
        log_in(
            attacker, leader.email, "forkert-kode", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP=ATTACKER
        )
    response = log_in(client, leader.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP=OWNER)
    assert response.status_code == 302
