"""allauth's rate limits answer 429 with the portal's own Danish page (QA: the sixth password
change in a minute got allauth's bare English page, without the portal's frame or a lang)."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_sixth_password_change_in_a_minute_gets_a_danish_page(client):
    user = factories.UserFactory()
    user.set_password("gammel-adgangskode-1")
    user.save()
    client.force_login(user)
    url = reverse("account_change_password")
    wrong = {"oldpassword": "forkert", "password1": "ny-lang-adgangskode-9", "password2": "x"}
    answers = [client.post(url, wrong).status_code for _ in range(6)]
    assert 429 in answers
    response = client.post(
        url,
        {
            "oldpassword": "gammel-adgangskode-1",
            "password1": "ny-lang-adgangskode-9",
            "password2": "ny-lang-adgangskode-9",
        },
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "For mange forsøg" in html and "Intet er ændret" in html
    assert "Too Many Requests" not in html
    user.refresh_from_db()
    assert user.check_password("gammel-adgangskode-1")
