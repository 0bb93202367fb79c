"""Budgets on the dashboards: the ledger's numbers per frame, parts of frames for a region or
theme, and the burn-down by month for a frame with known contracts and invoices."""

import datetime
from decimal import Decimal

import pytest

from dashboards.permissions import dashboard_scope
from dashboards.selectors import budgets
from dashboards.selectors.filters import DashboardFilters
from providers.models import Theme
from requests_app.models import Contract, Invoice
from requests_app.selectors import ledger
from tests import factories
from tests.dashboards import builders as b

D = Decimal


@pytest.fixture
def known(db):
    """NFA's 2016-17 frame (900.000 kr.) with four contracts:

    A  concluded 10 May 2016, 100.000; invoice 40.000 submitted 5 July, paid 20 August
    B  concluded 1 Sep 2016 (Region Hovedstaden), 50.000; invoice 50.000 submitted 1 Dec
    C  concluded 15 Oct 2016, 30.000; its invoice of 2 Nov was returned (never counts)
    D  a draft on the same frame (never counts)
    """
    frame = b.frame("nfa")
    sjaelland = factories.WorkplaceFactory(region=factories.region("sjaelland"))
    hovedstaden = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    a = b.contract(
        b.request(sjaelland, reached=b.at(2016, 5, 1)),
        frame=frame,
        reserved="100000",
        concluded=b.at(2016, 5, 10),
    )
    b.invoice(
        a,
        amount="40000",
        submitted=b.at(2016, 7, 5),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 8, 20),
    )
    contract_b = b.contract(
        b.request(hovedstaden, reached=b.at(2016, 8, 20), themes=["violence-threats"]),
        frame=frame,
        reserved="50000",
        concluded=b.at(2016, 9, 1),
    )
    b.invoice(contract_b, amount="50000", submitted=b.at(2016, 12, 1))
    c = b.contract(
        b.request(sjaelland, reached=b.at(2016, 10, 1)),
        frame=frame,
        reserved="30000",
        concluded=b.at(2016, 10, 15),
    )
    b.invoice(c, amount="30000", submitted=b.at(2016, 11, 2), state=Invoice.State.RETURNED)
    b.contract(
        b.request(sjaelland, reached=b.at(2016, 10, 2)),
        frame=frame,
        reserved=None,
        concluded=None,
        state=Contract.State.DRAFT,
    )
    return frame


def _points(points):
    return [(p.month, p.committed, p.invoiced, p.paid, p.remaining) for p in points]


def test_burn_down_of_a_frame_with_known_contracts_and_invoices(known):
    points = budgets.burn_down(known, today=datetime.date(2017, 6, 1))
    m = datetime.date
    assert _points(points) == [
        (m(2016, 4, 1), D("0"), D("0"), D("0"), D("900000")),
        (m(2016, 5, 1), D("100000"), D("0"), D("0"), D("800000")),
        (m(2016, 6, 1), D("100000"), D("0"), D("0"), D("800000")),
        # A's invoice takes the place of part of its commitment: the remainder is unchanged.
        (m(2016, 7, 1), D("60000"), D("40000"), D("0"), D("800000")),
        (m(2016, 8, 1), D("60000"), D("40000"), D("40000"), D("800000")),
        (m(2016, 9, 1), D("110000"), D("40000"), D("40000"), D("750000")),
        (m(2016, 10, 1), D("140000"), D("40000"), D("40000"), D("720000")),
        (m(2016, 11, 1), D("140000"), D("40000"), D("40000"), D("720000")),
        (m(2016, 12, 1), D("90000"), D("90000"), D("40000"), D("720000")),
        (m(2017, 1, 1), D("90000"), D("90000"), D("40000"), D("720000")),
        (m(2017, 2, 1), D("90000"), D("90000"), D("40000"), D("720000")),
        (m(2017, 3, 1), D("90000"), D("90000"), D("40000"), D("720000")),
    ]
    # The last month is the ledger's row: the budget page shows the same amounts.
    row = ledger.ledger([known])[0]
    last = points[-1]
    assert (last.committed, last.invoiced, last.paid, last.remaining) == (
        row.committed,
        row.invoiced,
        row.paid,
        row.remaining,
    )


def test_burn_down_stops_at_the_current_month(known):
    points = budgets.burn_down(known, today=datetime.date(2016, 9, 14))
    assert [p.month for p in points][-1] == datetime.date(2016, 9, 1)
    assert len(points) == 6
    assert budgets.burn_down(known, today=datetime.date(2016, 1, 1)) == []


def test_burn_down_of_a_region_counts_only_its_requests(known):
    central = factories.CentralPartyFactory().user
    filters = DashboardFilters(region=factories.region("sjaelland"))
    (burn,) = budgets.burn_downs_for(central, filters, [known])
    assert burn.partial
    assert _points(burn.points)[-1] == (
        datetime.date(2017, 3, 1),
        D("90000"),  # A's 60.000 and C's 30.000; B is Hovedstaden's
        D("40000"),
        D("40000"),
        D("900000") - D("130000"),
    )


def test_budget_rows_equal_the_ledger_for_whole_frames(known):
    central = factories.CentralPartyFactory().user
    filters = DashboardFilters(period=b.period_2016())
    rows = budgets.budget_rows(central, filters)
    expected = {row.frame.pk: row for row in ledger.ledger(budgets.frames_for(central, filters))}
    assert len(rows) == 4
    for row in rows:
        other = expected[row.frame.pk]
        assert not row.partial
        assert (row.committed, row.invoiced, row.attested, row.paid, row.remaining) == (
            other.committed,
            other.invoiced,
            other.attested,
            other.paid,
            other.remaining,
        )
    nfa = next(row for row in rows if row.provider.slug == "nfa")
    assert (nfa.committed, nfa.invoiced, nfa.attested, nfa.paid) == (
        D("90000"),
        D("90000"),
        D("40000"),
        D("40000"),
    )
    assert nfa.remaining == D("720000")
    assert nfa.share_used == D("20.0")


def test_a_theme_or_region_makes_the_rows_partial(known):
    central = factories.CentralPartyFactory().user
    theme = Theme.objects.get(slug="violence-threats")
    rows = budgets.budget_rows(central, DashboardFilters(period=b.period_2016(), theme=theme))
    nfa = next(row for row in rows if row.provider.slug == "nfa")
    assert nfa.partial and nfa.remaining is None
    assert (nfa.committed, nfa.invoiced) == (D("0"), D("50000"))  # B only
    assert nfa.share_used == D("5.6")


def test_a_coordinator_sees_what_their_region_used_of_every_frame(known):
    coordinator = factories.CoordinatorFactory(region=factories.region("hovedstaden")).user
    rows = budgets.budget_rows(coordinator, DashboardFilters(period=b.period_2016()))
    assert {row.provider.slug for row in rows} == {"nfa", "cbs", "alectia", "ruc"}
    nfa = next(row for row in rows if row.provider.slug == "nfa")
    assert nfa.partial and (nfa.committed, nfa.invoiced) == (D("0"), D("50000"))


def test_provider_staff_follow_their_own_frames_whole(known):
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    rows = budgets.budget_rows(staff, DashboardFilters())
    assert {row.provider.slug for row in rows} == {"nfa"}
    assert all(not row.partial for row in rows)
    assert dashboard_scope(staff).provider_ids == {factories.provider("nfa").pk}


def test_nobody_else_follows_a_frame(known, leader):
    assert budgets.budget_rows(leader, DashboardFilters()) == []


def test_a_contract_invoiced_beyond_its_reservation_commits_nothing(known):
    """The sums per frame put back what such a contract would take below nothing, month by
    month in the burn-down and in the rows, as the ledger's max(reserved - invoiced, 0)."""
    over = b.contract(
        b.request(factories.WorkplaceFactory(), reached=b.at(2016, 11, 1)),
        frame=known,
        reserved="20000",
        concluded=b.at(2016, 11, 10),
    )
    b.invoice(over, amount="15000", submitted=b.at(2016, 12, 5))
    b.invoice(over, amount="10000", submitted=b.at(2017, 2, 5))
    points = {p.month: p for p in budgets.burn_down(known, today=datetime.date(2017, 6, 1))}
    # A, B and C commit 140.000 in November and the new contract 20.000 more; in December
    # B's invoice takes B's 50.000 and the new one's first invoice leaves it 5.000; after
    # its second (25.000 of 20.000) it commits nothing, never -5.000.
    assert points[datetime.date(2016, 11, 1)].committed == D("160000")
    assert points[datetime.date(2016, 12, 1)].committed == D("95000")
    assert points[datetime.date(2017, 2, 1)].committed == D("90000")
    central = factories.CentralPartyFactory().user
    filters = DashboardFilters(period=b.period_2016())
    rows = {row.frame.pk: row for row in budgets.budget_rows(central, filters)}
    expected = {row.frame.pk: row for row in ledger.ledger([known])}
    assert rows[known.pk].committed == expected[known.pk].committed == D("90000")
    assert rows[known.pk].invoiced == expected[known.pk].invoiced == D("115000")
