"""Issue 10, point 14: no caching of logged-in pages, no "remember me", an idle timeout,
and no mail for a password reset to an unknown address."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from portal.middleware import SessionIdleTimeoutMiddleware as Idle
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_logged_in_pages_are_never_stored(client, leader):
    assert "no-store" not in client.get("/providers/").get("Cache-Control", "")
    client.force_login(leader)
    for url in ("/", "/providers/", reverse("requests:list")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_remember_me_is_ignored(client, leader):
    response = client.post(
        reverse("account_login"), {"login": leader.email, "password": PASSWORD, "remember": "on"}
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert 'name="remember"' not in client.get(reverse("account_login")).content.decode()


def go_idle(client, seconds):
    session = client.session
    session[Idle.LAST_ACTIVITY] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "idle", "still_logged_in"),
    [
        ("coordinator", 2 * 3600 - 120, True),
        ("coordinator", 2 * 3600 + 1, False),
        ("superuser", 2 * 3600 + 1, False),
        ("leader", 2 * 3600 + 1, True),
        ("leader", 8 * 3600 + 1, False),
    ],
)
def test_idle_sessions_end(client, request, role, idle, still_logged_in):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get("/", follow=True).status_code == 200
    go_idle(client, idle)
    response = client.get("/", follow=True)
    assert ("_auth_user_id" in client.session) is still_logged_in
    if not still_logged_in:
        assert "fordi du har været inaktiv" in response.content.decode()


@pytest.mark.django_db
def test_activity_keeps_the_session_alive(client, coordinator):
    client.force_login(coordinator)
    client.get("/")
    go_idle(client, 3600)
    client.get("/")
    assert client.session[Idle.LAST_ACTIVITY] >= int(time.time()) - 5
    go_idle(client, 3600)
    client.get("/")
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_idle_timeout_is_a_setting(client, settings, leader):
    settings.SESSION_IDLE_TIMEOUT_UNPRIVILEGED = 600
    client.force_login(leader)
    client.get("/")
    go_idle(client, 601)
    client.get("/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_no_mail(
    client, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": leader.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [leader.email]
