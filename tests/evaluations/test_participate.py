"""The participant's page: no login, once per browser, rate-limited, never a 500."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Answer, Response
from evaluations.services import rounds as services
from evaluations.views.participate import ANSWERED_COOKIE
from tests.evaluations.conftest import answer, link, post_data


@pytest.mark.django_db
def test_a_participant_answers_without_an_account(delivered, client):
    round = delivered["immediate"]
    url = link(round)
    page = client.get(url)
    assert page.status_code == 200
    assert "I hvilken grad var rådgivningen eller inspirationen relevant" in page.text
    assert "Send mine svar" in page.text
    posted = client.post(url, post_data(round))
    assert posted.status_code == 303
    response = Response.objects.get(round=round)
    assert response.submitted_on == timezone.localdate()
    assert response.version_id == round.version_id
    assert response.answers.filter(value=4).count() == 5
    name = ANSWERED_COOKIE.format(pk=round.pk)
    cookie = posted.cookies[name]
    # Keyed by the round and scoped to the participant pages, not to this link.
    assert cookie["path"] == "/evaluering/s/" and cookie["httponly"]
    # Only the signed "already answered" cookie: no session, no tracking.
    assert set(posted.cookies) <= {name, "csrftoken"}
    again = client.get(url)
    assert "allerede svaret" in again.text
    client.post(url, post_data(round))
    assert Response.objects.filter(round=round).count() == 1


@pytest.mark.django_db
def test_nothing_identifies_the_participant():
    fields = {field.name for field in Response._meta.get_fields()}
    fields |= {field.name for field in Answer._meta.get_fields()}
    assert not {name for name in fields if "ip" in name.split("_") or "user" in name}
    assert "submitted_on" in fields and "created_at" not in fields


@pytest.mark.django_db
def test_a_forged_cookie_does_not_stop_an_answer(delivered, client):
    round = delivered["immediate"]
    client.cookies[ANSWERED_COOKIE.format(pk=round.pk)] = str(round.pk)
    assert "Send mine svar" in client.get(link(round)).text


@pytest.mark.django_db
def test_missing_required_answers_are_asked_for_again(delivered, client):
    round = delivered["immediate"]
    data = post_data(round)
    first_scale = next(name for name, value in data.items() if value == "4")
    del data[first_scale]
    data[next(name for name, value in data.items() if value == "4")] = "9"
    page = client.post(link(round), data)
    assert page.status_code == 200
    assert "Nogle svar skal ses efter" in page.text
    assert not Response.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["x" * 43, "kort", "A" * 200, "%00", "..%2F..%2Fetc"],
)
def test_a_wrong_token_answers_404(delivered, client, token):
    assert client.get(f"/evaluering/s/{token}/").status_code == 404
    assert client.post(f"/evaluering/s/{token}/", {}).status_code == 404


@pytest.mark.django_db
def test_an_old_link_answers_404_after_renewal(delivered, client):
    round = delivered["immediate"]
    old = link(round)
    services.round_renew_link(round_pk=round.pk, user=delivered["leader"])
    assert client.get(old).status_code == 404
    assert client.get(link(round)).status_code == 200


@pytest.mark.django_db
def test_a_closed_round_refuses_answers_kindly(delivered, client):
    round = delivered["immediate"]
    answer(round)
    url = link(round)
    services.round_close(round_pk=round.pk, user=delivered["leader"])
    page = client.post(url, post_data(round))
    assert page.status_code == 200
    assert "lukket og tager ikke imod flere svar" in page.text
    assert Response.objects.filter(round=round).count() == 1


@pytest.mark.django_db
def test_the_follow_up_is_not_open_before_three_months(delivered, client):
    round = delivered["follow_up"]
    page = client.post(link(round), post_data(round))
    assert page.status_code == 200
    assert "Denne evaluering åbner" in page.text
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_posts_are_rate_limited(delivered, settings, client_factory):
    settings.EVALUATION_POSTS_PER_CLIENT = 2
    round = delivered["immediate"]
    url = link(round)
    for _ in range(2):
        assert client_factory().post(url, post_data(round)).status_code == 303
    refused = client_factory().post(url, post_data(round))
    assert refused.status_code == 429
    assert "for mange svar" in refused.text
    assert Response.objects.filter(round=round).count() == 2


@pytest.mark.django_db
def test_free_text_with_html_is_escaped_on_the_request_page(delivered, client, client_factory):
    round = delivered["immediate"]
    for _ in range(3):
        client_factory().post(link(round), post_data(round, text="<script>alert(1)</script><b>x"))
    client.force_login(delivered["leader"])
    page = client.get(reverse("requests:detail", args=[delivered["request"].pk]))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x" in page.text
    assert "<script>alert(1)" not in page.text


@pytest.mark.django_db
def test_extended_round_takes_answers_after_its_first_closing(delivered, client):
    round = delivered["immediate"]
    url = link(round)
    services.round_extend(
        round_pk=round.pk,
        user=delivered["leader"],
        closes_on=timezone.localdate() + datetime.timedelta(days=40),
    )
    with time_machine.travel(round.closes_at + datetime.timedelta(days=2), tick=False):
        assert services.rounds_close_due() == 0
        assert client.post(url, post_data(round)).status_code == 303
