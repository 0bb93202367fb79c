"""A request is checked against the provider's frames whenever it is sent on towards a
provider, not only when it is first sent: choosing a new provider after a decline, and the
other party's confirmation (QA: a declined request could be sent on to a provider with
nothing left, where no contract could ever be concluded)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue import capacity as capacity_module
from providers.models import BudgetFrame
from requests_app.models import Action, Status
from requests_app.services import intake
from requests_app.services.base import RequestError
from tests import factories
from tests.dialogue.test_capacity import _fresh_cache, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _declined(people, **fields):
    return factories.complete_request(
        leader=people["leader"],
        counterpart=people["amr"],
        provider_slug="nfa",
        status=Status.DECLINED,
        **fields,
    )


def test_a_new_provider_with_nothing_left_is_refused_and_nothing_changes(client, people, world):  # noqa: F811
    request = _declined(people)
    client.force_login(people["leader"])
    response = client.post(
        reverse("requests:redirect", args=[request.pk]),
        {"provider": world["alectia"].pk},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alectia har intet tilbage i sin ramme for denne periode" in html
    request.refresh_from_db()
    assert request.status == Status.DECLINED and request.provider == world["nfa"]
    assert not request.events.filter(action=Action.REQUEST_REDIRECTED).exists()


def test_a_new_provider_with_room_only_after_the_wishes_is_refused(people, world):  # noqa: F811
    soon = timezone.localdate() + datetime.timedelta(days=30)
    request = _declined(people, wanted_from=soon, wanted_to=soon + datetime.timedelta(days=10))
    with pytest.raises(RequestError, match="senere periode"):
        intake.request_redirect(request_pk=request.pk, user=people["leader"], provider=world["ruc"])
    request.refresh_from_db()
    assert request.status == Status.DECLINED


def test_a_new_provider_with_room_goes_through(people, world):  # noqa: F811
    for slug in ("cbs", "ruc"):  # CBS: room now; RUC: room in the later period
        request = _declined(people)
        intake.request_redirect(request_pk=request.pk, user=people["leader"], provider=world[slug])
        request.refresh_from_db()
        assert request.status == Status.AWAITING_COUNTERPART and request.provider == world[slug]


def test_confirming_checks_the_frames_as_they_are_now(client, people, world):  # noqa: F811
    request = factories.complete_request(
        leader=people["leader"], counterpart=people["amr"], provider_slug="nfa"
    )
    intake.request_submit(request_pk=request.pk, user=people["leader"])
    assert not capacity_module.capacity()[world["nfa"].pk].refused  # cached: room left
    # NFA's frame fills up before the other party confirms.
    BudgetFrame.objects.filter(provider=world["nfa"], period__name="I år").update(
        amount=Decimal(250_000)
    )
    client.force_login(people["amr"])
    response = client.post(reverse("requests:confirm", args=[request.pk]), follow=True)
    assert "NFA har intet tilbage i sin ramme for denne periode" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART and request.confirmed_by is None
    assert not request.events.filter(action=Action.REQUEST_CONFIRMED).exists()
    # With room again, the same confirmation goes through.
    BudgetFrame.objects.filter(provider=world["nfa"], period__name="I år").update(
        amount=Decimal(500_000)
    )
    intake.request_confirm(request_pk=request.pk, user=people["amr"])
    request.refresh_from_db()
    assert request.confirmed_by == people["amr"]


def test_the_regions_approval_checks_the_frames_as_they_are_now(client, model1, world):  # noqa: F811
    """The frame may fill up while a request waits for the region. The coordinator cannot
    choose another provider, so they are told to return the request; nothing changes."""
    request = factories.complete_request(
        leader=model1["leader"], counterpart=model1["amr"], provider_slug="nfa"
    )
    intake.request_submit(request_pk=request.pk, user=model1["leader"])
    intake.request_confirm(request_pk=request.pk, user=model1["amr"])
    request.refresh_from_db()
    assert request.status == Status.AWAITING_REGION
    BudgetFrame.objects.filter(provider=world["nfa"], period__name="I år").update(
        amount=Decimal(250_000)
    )
    client.force_login(model1["coordinator"])
    response = client.post(reverse("requests:region_approve", args=[request.pk]), follow=True)
    html = response.content.decode()
    assert "NFA har ikke flere midler i rammen til den ønskede periode" in html
    assert "Send anmodningen tilbage til arbejdspladsen" in html
    request.refresh_from_db()
    assert request.status == Status.AWAITING_REGION and request.region_approved_by is None
    assert request.reached_provider_at is None
    assert not request.events.filter(action=Action.REQUEST_REGION_APPROVED).exists()
    # With room again, the same approval goes through.
    BudgetFrame.objects.filter(provider=world["nfa"], period__name="I år").update(
        amount=Decimal(500_000)
    )
    intake.request_region_approve(request_pk=request.pk, user=model1["coordinator"])
    request.refresh_from_db()
    assert request.status == Status.AT_PROVIDER
