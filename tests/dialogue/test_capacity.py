"""Capacity in the catalogue and the wizard (issue 18, point 7): with known contracts and
invoices, the share of the frame, the medians and the requests in progress; the wizard warns
at the threshold and refuses a provider with nothing left and no later period."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone

from dialogue import capacity as capacity_module
from dialogue.capacity import FULL, GOOD, LIMITED, compute
from providers.models import BudgetFrame, BudgetPeriod, Programme, Provider
from requests_app.models import Action, Contract, Invoice, Status
from requests_app.services import intake
from requests_app.services.base import RequestError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.delete(capacity_module.CACHE_KEY)
    yield
    cache.delete(capacity_module.CACHE_KEY)


def _at(days_ago):
    """Noon on the Copenhagen calendar ``days_ago`` days back: whole calendar days apart
    whatever the hour the test runs and whether summer time changes in between (the
    capacity figures count days on the Copenhagen calendar)."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def world(people):
    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Ekspertrådgivning nu",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=700),
    )
    this = BudgetPeriod.objects.create(
        programme=programme,
        name="I år",
        starts_on=programme.starts_on,
        ends_on=today + datetime.timedelta(days=100),
    )
    later = BudgetPeriod.objects.create(
        programme=programme,
        name="Næste år",
        starts_on=this.ends_on + datetime.timedelta(days=1),
        ends_on=programme.ends_on,
    )
    providers = {p.slug: p for p in Provider.objects.all()}
    amounts = {"nfa": 500_000, "cbs": 150_000, "alectia": 100_000, "ruc": 100_000}
    frames = {
        slug: BudgetFrame.objects.create(
            period=this, provider=providers[slug], amount=Decimal(amount)
        )
        for slug, amount in amounts.items()
    }
    BudgetFrame.objects.create(period=later, provider=providers["ruc"], amount=Decimal(100_000))

    def request(slug, *, reached, contact=None, contract=None, status=Status.DIALOGUE, amount=None):
        row = factories.complete_request(
            leader=people["leader"],
            counterpart=people["amr"],
            provider_slug=slug,
            status=status,
            reached_provider_at=_at(reached),
            dialogue_started_on=timezone.localdate(_at(reached - contact))
            if contact is not None
            else None,
        )
        if contract is not None:
            Contract.objects.create(
                request=row,
                state=Contract.State.CONCLUDED,
                concluded_at=_at(reached - contract),
                frame=frames[slug],
                reserved_amount=Decimal(amount or contract_amounts[slug]),
            )
        return row

    contract_amounts = {"nfa": 200_000, "cbs": 60_000, "alectia": 100_000, "ruc": 100_000}
    # NFA: contact after 2, 4 and 9 days (median 4), contracts after 10 and 20 (median 15).
    a = request("nfa", reached=30, contact=2, contract=10, status=Status.CONTRACTED)
    request("nfa", reached=40, contact=4, contract=20, status=Status.CONTRACTED, amount=50_000)
    request("nfa", reached=10, contact=9)
    # More than a year ago: outside the medians, and delivered (no longer in progress).
    request("nfa", reached=400, contact=100, status=Status.DELIVERED)
    # NFA's first contract (200,000) is invoiced 50,000 and paid, the second reserves 50,000:
    # 250,000 used of 500,000.
    Invoice.objects.create(
        contract=a.contract,
        provider=providers["nfa"],
        frame=frames["nfa"],
        number="F-1",
        invoice_date=timezone.localdate(),
        amount=Decimal(50_000),
        pdf="invoices/x.pdf",
        state=Invoice.State.PAID,
        submitted_by=people["staff"],
        submitted_at=timezone.now(),
    )
    request("cbs", reached=20, contact=1, contract=5, status=Status.CONTRACTED)
    request("alectia", reached=20, contact=1, contract=5, status=Status.CONTRACTED)
    request("ruc", reached=20, contact=1, contract=5, status=Status.CONTRACTED)
    return providers


def test_share_medians_and_requests_in_progress(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        figures = compute()
    nfa = figures[world["nfa"].pk]
    assert (nfa.amount, nfa.used, nfa.remaining) == (
        Decimal(500_000),
        Decimal(250_000),
        Decimal(250_000),
    )
    assert nfa.percent == 50 and nfa.level == GOOD
    assert nfa.median_to_contact == Decimal(4)
    assert nfa.median_to_contract == Decimal("15.0")
    assert nfa.in_progress == 3
    cbs = figures[world["cbs"].pk]
    assert cbs.remaining == Decimal(90_000) and cbs.level == LIMITED and cbs.below_threshold
    alectia = figures[world["alectia"].pk]
    assert alectia.level == FULL and alectia.refused
    ruc = figures[world["ruc"].pk]
    assert ruc.nothing_left and not ruc.refused and ruc.later_period_name == "Næste år"


def test_the_catalogue_shows_the_bars_in_words_and_when_computed(client, world):
    html = client.get(reverse("providers:list")).content.decode()
    assert "god plads" in html and "begrænset" in html and "fuldt disponeret" in html
    assert "50 % disponeret eller betalt, 250.000,00 kr. tilbage" in html
    assert 'id="capacity-computed"' in html
    # Medians as the dashboards show them: decimals only when there are any.
    assert "til første kontakt 4, til indgået kontrakt 15." in html


@pytest.fixture
def draft(people):
    return factories.complete_request(
        leader=people["leader"], counterpart=people["amr"], provider_slug="nfa"
    )


def _choose(client, draft, provider):
    return client.post(
        reverse("requests:step", kwargs={"pk": draft.pk, "step": "provider"}),
        {"provider": provider.pk, "save": "1"},
    )


def test_the_wizard_warns_at_the_threshold_and_refuses_a_provider_with_nothing_left(
    client, people, world, draft
):
    client.force_login(people["leader"])
    page = client.get(reverse("requests:step", kwargs={"pk": draft.pk, "step": "provider"}))
    html = page.content.decode()
    assert 'id="wizard-capacity"' in html
    warning = html.split('id="capacity-cbs"')[1].split('id="capacity-')[0]
    assert "capacity-warning" in warning and "100.000,00 kr." in warning
    assert "capacity-refused" in html.split('id="capacity-alectia"')[1].split("</div>")[1]

    response = _choose(client, draft, world["alectia"])
    assert response.status_code == 200
    assert "ingen senere periode" in response.content.decode()
    draft.refresh_from_db()
    assert draft.provider == world["nfa"]

    # Nothing left this period, but a later period has room: it may be chosen.
    assert _choose(client, draft, world["ruc"]).status_code == 302
    draft.refresh_from_db()
    assert draft.provider == world["ruc"]
    assert _choose(client, draft, world["cbs"]).status_code == 302


def test_the_inbox_names_the_later_period_when_the_frame_is_used_up(client, world):
    ruc = factories.ProviderStaffFactory(provider=world["ruc"]).user
    client.force_login(ruc)
    html = client.get(reverse("requests:inbox")).content.decode()
    assert 'id="frame-full-ruc"' in html and "Næste år" in html
    alectia = factories.ProviderStaffFactory(provider=world["alectia"]).user
    client.force_login(alectia)
    html = client.get(reverse("requests:inbox")).content.decode()
    assert 'id="frame-full-alectia"' in html and "ingen senere periode" in html
    nfa = factories.ProviderStaffFactory(provider=world["nfa"]).user
    client.force_login(nfa)
    assert "frame-full" not in client.get(reverse("requests:inbox")).content.decode()


def test_sending_checks_the_provider_again_against_the_frames_as_they_are_now(
    client, people, world, draft
):
    """The wizard checked NFA when it was chosen; its frame has filled up since (and the
    cached figures do not know yet): sending refuses it in Danish and changes nothing."""
    assert not capacity_module.capacity()[world["nfa"].pk].refused  # cached: room left
    BudgetFrame.objects.filter(provider=world["nfa"], period__name="I år").update(
        amount=Decimal(250_000)
    )
    client.force_login(people["leader"])
    response = client.post(reverse("requests:submit", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "NFA har intet tilbage i sin ramme for denne periode" in html
    assert "Vælg en anden udbyder" in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.events.filter(action=Action.REQUEST_SUBMITTED).exists()


def test_sending_to_a_provider_with_room_later_or_now_goes_through(people, world, draft):
    for slug in ("ruc", "nfa"):  # RUC: nothing left now, room in the next period
        request = factories.complete_request(
            leader=people["leader"], counterpart=people["amr"], provider_slug=slug
        )
        intake.request_submit(request_pk=request.pk, user=people["leader"])
        request.refresh_from_db()
        assert request.status == Status.AWAITING_COUNTERPART, slug
    refused = factories.complete_request(
        leader=people["leader"], counterpart=people["amr"], provider_slug="alectia"
    )
    with pytest.raises(RequestError, match="ingen senere periode"):
        intake.request_submit(request_pk=refused.pk, user=people["leader"])
    refused.refresh_from_db()
    assert refused.status == Status.DRAFT


# --- The later period against the request's wished dates ---


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_the_later_period_is_known_with_its_first_day(world):
    ruc = compute()[world["ruc"].pk]
    later = BudgetPeriod.objects.get(name="Næste år")
    assert ruc.later_period_starts_on == later.starts_on == _days(101)
    assert ruc.too_early(_days(100)) and not ruc.too_early(_days(101))
    assert not ruc.too_early(None)  # no wish: the contract may fall in the later period
    assert not compute()[world["nfa"].pk].too_early(_days(1))  # room now


def _choose_with_wishes(client, draft, provider, wanted_to):
    return client.post(
        reverse("requests:step", kwargs={"pk": draft.pk, "step": "provider"}),
        {
            "provider": provider.pk,
            "wanted_from": _days(10).isoformat(),
            "wanted_to": wanted_to.isoformat(),
            "save": "1",
        },
    )


def test_the_wizard_refuses_a_full_provider_when_the_wishes_end_before_its_later_period(
    client, people, world, draft
):
    client.force_login(people["leader"])
    page = client.get(reverse("requests:step", kwargs={"pk": draft.pk, "step": "provider"}))
    later_note = page.content.decode().split('id="capacity-ruc"')[1].split('id="capacity-')[0]
    first_day = formats.date_format(_days(101), "SHORT_DATE_FORMAT")
    assert "capacity-later" in later_note and f"Næste år, fra {first_day}" in later_note

    response = _choose_with_wishes(client, draft, world["ruc"], _days(60))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"tidligst falde i den senere periode Næste år, fra {first_day}" in html
    draft.refresh_from_db()
    assert draft.provider == world["nfa"] and draft.wanted_to is None  # nothing changed

    # Wishes that reach into the later period: RUC may be chosen.
    assert _choose_with_wishes(client, draft, world["ruc"], _days(150)).status_code == 302
    draft.refresh_from_db()
    assert draft.provider == world["ruc"] and draft.wanted_to == _days(150)
    # Moving the wishes back before the later period, with RUC kept, is refused too.
    response = _choose_with_wishes(client, draft, world["ruc"], _days(60))
    assert response.status_code == 200 and "tidligst falde" in response.content.decode()
    draft.refresh_from_db()
    assert draft.wanted_to == _days(150)
    # A provider with room now takes any wishes.
    assert _choose_with_wishes(client, draft, world["cbs"], _days(60)).status_code == 302


def test_sending_refuses_wishes_that_end_before_the_later_period(people, world):
    early = factories.complete_request(
        leader=people["leader"],
        counterpart=people["amr"],
        provider_slug="ruc",
        wanted_from=_days(10),
        wanted_to=_days(60),
    )
    with pytest.raises(RequestError, match="tidligst falde i den senere periode Næste år"):
        intake.request_submit(request_pk=early.pk, user=people["leader"])
    early.refresh_from_db()
    assert early.status == Status.DRAFT
    later = factories.complete_request(
        leader=people["leader"],
        counterpart=people["amr"],
        provider_slug="ruc",
        wanted_from=_days(10),
        wanted_to=_days(120),
    )
    intake.request_submit(request_pk=later.pk, user=people["leader"])
    later.refresh_from_db()
    assert later.status == Status.AWAITING_COUNTERPART


def test_the_inbox_marks_the_requests_whose_wishes_end_before_the_later_period(
    client, people, world
):
    def waiting(title, wanted_to):
        return factories.complete_request(
            leader=people["leader"],
            counterpart=people["amr"],
            provider_slug="ruc",
            title=title,
            status=Status.AT_PROVIDER,
            reached_provider_at=_at(2),
            wanted_to=wanted_to,
        )

    waiting("Ønsket for tidligt", _days(60))
    waiting("Ønsket ind i næste år", _days(150))
    waiting("Uden ønsker", None)
    client.force_login(factories.ProviderStaffFactory(provider=world["ruc"]).user)
    html = client.get(reverse("requests:inbox")).content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split("<tr>")[1:]}
    first_day = formats.date_format(_days(101), "SHORT_DATE_FORMAT")
    until = formats.date_format(_days(60), "SHORT_DATE_FORMAT")
    note = f"Ønsket til og med {until}: en kontrakt kan tidligst falde i Næste år, fra {first_day}."
    assert note in rows["Ønsket for tidligt"]
    assert "later-period-note" not in rows["Ønsket ind i næste år"]
    assert "later-period-note" not in rows["Uden ønsker"]
    # A provider with room now: no request is marked, whatever its wishes.
    waiting_at_nfa = factories.complete_request(
        leader=people["leader"],
        counterpart=people["amr"],
        provider_slug="nfa",
        status=Status.AT_PROVIDER,
        reached_provider_at=_at(2),
        wanted_to=_days(5),
    )
    client.force_login(factories.ProviderStaffFactory(provider=world["nfa"]).user)
    html = client.get(reverse("requests:inbox")).content.decode()
    assert waiting_at_nfa.title in html and "later-period-note" not in html
