"""Every evaluation page and action, for every role: anonymous → login, a request the user
may not see → 404, seen but not theirs → 403 (pages) or a refusal that changes nothing
(actions)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import DeliveryReport, EvaluationRound
from tests.evaluations.conftest import ROLES

LOCAL = {"leader", "amr", "colleague"}
UNSEEN = {"outsider", "other_staff", "other_coordinator"}


def client_as(client, delivered, role):
    if delivered[role] is not None:
        client.force_login(delivered[role])
    return client


def expected_page(role, allowed):
    if role == "anonymous":
        return 302
    if role in UNSEEN:
        return 404
    return 200 if role in allowed else 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_handout_page(delivered, client, role):
    url = reverse("evaluations:handout", args=[delivered["immediate"].pk])
    page = client_as(client, delivered, role).get(url)
    assert page.status_code == expected_page(role, LOCAL)
    if role == "anonymous":
        assert page.url.startswith(reverse("account_login"))
    if page.status_code == 200:
        assert "<svg" in page.text and "/evaluering/s/" in page.text


@pytest.mark.django_db
def test_handout_of_an_unknown_round_is_404(delivered, client):
    client.force_login(delivered["leader"])
    assert client.get(reverse("evaluations:handout", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_delivery_report_page(delivered, client, role):
    url = reverse("evaluations:delivery_report", args=[delivered["request"].pk])
    page = client_as(client, delivered, role).get(url)
    assert page.status_code == expected_page(role, {"staff"})
    data = {"delivered": "To workshops", "hours": "7,5", "participants": "18", "materials": ""}
    posted = client.post(url, data)
    if role == "staff":
        assert posted.status_code == 302
        report = DeliveryReport.objects.get(request=delivered["request"])
        assert str(report.hours) == "7.5" and report.participants == 18
    else:
        assert posted.status_code == expected_page(role, set())
        assert not DeliveryReport.objects.exists()


@pytest.mark.django_db
def test_delivery_report_refuses_bad_input(delivered, client):
    client.force_login(delivered["staff"])
    url = reverse("evaluations:delivery_report", args=[delivered["request"].pk])
    page = client.post(url, {"delivered": "", "hours": "-1", "participants": "mange"})
    assert page.status_code == 200
    assert not DeliveryReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["close", "extend", "renew_link"])
def test_round_actions(delivered, client, role, action):
    round = delivered["immediate"]
    before = EvaluationRound.objects.values().get(pk=round.pk)
    url = reverse(f"evaluations:{action}", args=[round.pk])
    later = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    client = client_as(client, delivered, role)
    assert client.get(url).status_code in (302, 404, 405)
    posted = client.post(url, {"closes_on": later})
    after = EvaluationRound.objects.values().get(pk=round.pk)
    if role == "anonymous":
        assert posted.status_code == 302 and reverse("account_login") in posted.url
    elif role in UNSEEN:
        assert posted.status_code == 404
    else:
        assert posted.status_code == 302
        assert posted.url.endswith("#evaluation")
    assert (after != before) == (role in LOCAL)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(set(ROLES) - {"anonymous"} - UNSEEN))
def test_request_page_panel_per_role(delivered, client, role):
    client.force_login(delivered[role])
    page = client.get(reverse("requests:detail", args=[delivered["request"].pk]))
    assert page.status_code == 200
    assert 'id="evaluation"' in page.text
    assert 'id="round-immediate-count"' in page.text
    shows_link = reverse("evaluations:handout", args=[delivered["immediate"].pk]) in page.text
    assert shows_link == (role in LOCAL)
    writes = reverse("evaluations:delivery_report", args=[delivered["request"].pk]) in page.text
    assert writes == (role == "staff")
