"""Every figure of the burn-down links to the list behind it (issue 14): a month's row opens
the invoices submitted and paid and the contracts concluded by the end of that month, in
Copenhagen, and each list adds up to the month's figure; a bad month in the URL is a Danish
message, never a 500."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from dashboards.selectors import budgets
from requests_app.models import Contract, Invoice
from tests import factories
from tests.dashboards import builders as b
from tests.dashboards import links

D = Decimal
UTC = datetime.UTC


@pytest.fixture
def spread(db):
    """NFA's 2016-17 frame (900.000 kr.), its contracts concluded and its invoices submitted
    and paid in different months:

    A  Sjælland, concluded 10 May, 100.000; 40.000 submitted 5 July and paid 2 September,
       30.000 submitted 3 October (attested, awaiting payment)
    B  Hovedstaden, concluded 1 September, 50.000; 50.000 submitted 1 and paid 20 December
    C  Sjælland, concluded 15 October, 30.000; 30.000 submitted 2 November was returned,
       10.000 submitted 20 November awaits the region
    D  a draft (never counts); and a CBS contract and invoice in another frame
    """
    frame = b.frame("nfa")
    sjaelland = factories.WorkplaceFactory(region=factories.region("sjaelland"))
    hovedstaden = factories.WorkplaceFactory(region=factories.region("hovedstaden"))

    def contract(workplace, reserved, concluded):
        made = b.request(workplace, reached=concluded - datetime.timedelta(days=20))
        return b.contract(made, frame=frame, reserved=reserved, concluded=concluded)

    a = contract(sjaelland, "100000", b.at(2016, 5, 10))
    b.invoice(
        a,
        amount="40000",
        submitted=b.at(2016, 7, 5),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 9, 2),
    )
    b.invoice(a, amount="30000", submitted=b.at(2016, 10, 3), state=Invoice.State.AWAITING_PAYMENT)
    contract_b = contract(hovedstaden, "50000", b.at(2016, 9, 1))
    b.invoice(
        contract_b,
        amount="50000",
        submitted=b.at(2016, 12, 1),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 12, 20),
    )
    c = contract(sjaelland, "30000", b.at(2016, 10, 15))
    b.invoice(c, amount="30000", submitted=b.at(2016, 11, 2), state=Invoice.State.RETURNED)
    b.invoice(c, amount="10000", submitted=b.at(2016, 11, 20))
    b.contract(
        b.request(sjaelland, reached=b.at(2016, 10, 2)),
        frame=frame,
        reserved=None,
        concluded=None,
        state=Contract.State.DRAFT,
    )
    cbs = b.contract(
        b.request(sjaelland, provider_slug="cbs", reached=b.at(2016, 5, 1)),
        frame=b.frame("cbs"),
        reserved="70000",
        concluded=b.at(2016, 5, 20),
    )
    b.invoice(
        cbs,
        amount="70000",
        submitted=b.at(2016, 6, 1),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 6, 10),
    )
    return {"contracts": {"A": a, "B": contract_b, "C": c}}


def _end_of(month: datetime.date) -> datetime.datetime:
    """The first moment after ``month``, in Copenhagen."""
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return datetime.datetime(following.year, following.month, 1, tzinfo=b.CPH)


def _by_month_end(contracts, month):
    """What the listed contracts committed at the month's end and what had been invoiced on
    them by then: the burn-down's formulas, one contract at a time."""
    committed = invoiced = D("0")
    for contract in contracts:
        booked = contract.invoices.exclude(state=Invoice.State.RETURNED)
        spent = links.amount_sum(booked.filter(submitted_at__lt=_end_of(month)))
        committed += max(contract.reserved_amount - spent, D("0"))
        invoiced += spent
    return committed, invoiced


def _burn_down(client, user, view, **query):
    client.force_login(user)
    response = client.get(reverse(view), {"period": b.period_2016().pk, **query})
    assert response.status_code == 200
    (burn,) = [
        item
        for item in response.context["budgets"]["burn_downs"]
        if item["burn"].frame.provider.slug == "nfa"
    ]
    return burn


def _check_months(client, burn, contracts, *, partial):
    """Follow every month's links: each list adds up to the month's figure."""
    assert burn["burn"].partial is partial
    for month in burn["months"]:
        point, month_links, when = month["point"], month["links"], month["point"].month
        _count, invoices = links.follow(client, month_links["invoiced"])
        assert links.amount_sum(invoices) == point.invoiced, (when, "invoiced")
        _count, paid = links.follow(client, month_links["paid"])
        assert links.amount_sum(paid) == point.paid, (when, "paid")
        _count, listed = links.follow(client, month_links["committed"])
        concluded = {c.pk for c in contracts.values() if c.concluded_at < _end_of(when)}
        assert {c.pk for c in listed} == concluded, (when, "committed")
        committed, invoiced = _by_month_end(listed, when)
        assert committed == point.committed, (when, "committed")
        assert invoiced == point.invoiced, (when, "invoiced on the listed contracts")
        # What the list shows adds up to the figure: each contract's rest at the month's end
        # and their total in the foot (not the contracts' amounts).
        for contract in listed:
            assert (contract.committed, contract.invoiced) == _by_month_end([contract], when)
        shown = links.shown_totals(client, month_links["committed"])
        assert shown["committed"] == point.committed, (when, "committed shown")
        assert shown["invoiced"] == point.invoiced, (when, "invoiced shown")
        assert month_links["remaining"] == month_links["committed"]
        _count, used = links.follow(client, month_links["remaining"])
        assert sum(_by_month_end(used, when)) == point.used, (when, "used")
        assert point.amount - point.used == point.remaining


# The months' figures, April 2016 to March 2017: (committed, invoiced, paid).
WHOLE = [
    (0, 0, 0),
    (100000, 0, 0),
    (100000, 0, 0),
    (60000, 40000, 0),
    (60000, 40000, 0),
    (110000, 40000, 40000),
    (110000, 70000, 40000),
    (100000, 80000, 40000),
    (50000, 130000, 90000),
    (50000, 130000, 90000),
    (50000, 130000, 90000),
    (50000, 130000, 90000),
]
SJAELLAND = [
    (0, 0, 0),
    (100000, 0, 0),
    (100000, 0, 0),
    (60000, 40000, 0),
    (60000, 40000, 0),
    (60000, 40000, 40000),
    (60000, 70000, 40000),
    (50000, 80000, 40000),
    (50000, 80000, 40000),
    (50000, 80000, 40000),
    (50000, 80000, 40000),
    (50000, 80000, 40000),
]


def _figures(burn):
    return [(p.committed, p.invoiced, p.paid) for p in (m["point"] for m in burn["months"])]


@pytest.mark.parametrize(
    ("role", "view"), [("central", "dashboards:overview"), ("staff", "dashboards:provider")]
)
def test_each_month_links_to_the_lists_that_add_up_to_it(client, spread, role, view):
    user = {
        "central": lambda: factories.CentralPartyFactory().user,
        "staff": lambda: factories.ProviderStaffFactory(provider=factories.provider("nfa")).user,
    }[role]()
    burn = _burn_down(client, user, view)
    # The figures change from month to month, so the whole frame's lists could not add up.
    assert _figures(burn) == [tuple(D(v) for v in month) for month in WHOLE]
    _check_months(client, burn, spread["contracts"], partial=False)


def test_a_partial_months_links_keep_the_region(client, spread):
    """With a region chosen the rows are that region's part of the frame ("Used" for
    "Remaining"), and the months' lists count the region's requests alone."""
    central = factories.CentralPartyFactory().user
    burn = _burn_down(client, central, "dashboards:overview", region="sjaelland")
    assert _figures(burn) == [tuple(D(v) for v in month) for month in SJAELLAND]
    assert all("region=sjaelland" in link for m in burn["months"] for link in m["links"].values())
    contracts = {k: c for k, c in spread["contracts"].items() if k != "B"}
    _check_months(client, burn, contracts, partial=True)
    html = client.get(
        reverse("dashboards:overview"), {"period": b.period_2016().pk, "region": "sjaelland"}
    ).content.decode()
    assert "Brugt" in html.split('class="table table-sm burn-table"')[1].split("</thead>")[0]


def test_a_coordinator_following_a_months_links_sees_only_their_region(client, spread):
    """The lists are the dashboards' scope: the whole frame's month links, opened by
    Sjælland's coordinator, list Sjælland's contracts and invoices and add up to its part."""
    central = factories.CentralPartyFactory().user
    whole = _burn_down(client, central, "dashboards:overview")
    client.force_login(factories.CoordinatorFactory(region=factories.region("sjaelland")).user)
    theirs = [c for key, c in spread["contracts"].items() if key != "B"]
    for month, figures in zip(whole["months"], SJAELLAND, strict=True):
        when, (committed, invoiced, paid) = month["point"].month, figures
        rows = {key: links.follow(client, month["links"][key])[1] for key in ("invoiced", "paid")}
        assert links.amount_sum(rows["invoiced"]) == invoiced, when
        assert links.amount_sum(rows["paid"]) == paid, when
        regions = {i.contract.request.workplace.region.slug for i in rows["invoiced"]}
        assert regions <= {"sjaelland"}, when
        _count, contracts = links.follow(client, month["links"]["committed"])
        concluded = {c.pk for c in theirs if c.concluded_at < _end_of(when)}
        assert {c.pk for c in contracts} == concluded, when
        assert _by_month_end(contracts, when)[0] == committed, when
        assert links.shown_totals(client, month["links"]["committed"])["committed"] == committed


@pytest.mark.parametrize(
    ("role", "view"),
    [("central", "dashboards:overview"), ("coordinator", "dashboards:region")],
)
def test_a_budget_rows_committed_list_adds_up_to_it(client, spread, role, view):
    """The budget table's "committed" is the ledger's: each contract's reservation less all
    that was invoiced on it; its list's foot shows the same sum, and the amounts' beside it."""
    user = {
        "central": lambda: factories.CentralPartyFactory().user,
        "coordinator": lambda: (
            factories.CoordinatorFactory(region=factories.region("sjaelland")).user
        ),
    }[role]()
    client.force_login(user)
    response = client.get(reverse(view), {"period": b.period_2016().pk})
    rows = [row for group in response.context["budgets"]["groups"] for row in group["rows"]]
    assert {row.provider.slug for row in rows} >= {"nfa", "cbs"}
    for row in rows:
        shown = links.shown_totals(client, row.links["committed"])
        _count, listed = links.follow(client, row.links["committed"])
        assert shown["committed"] == row.committed == links.committed(listed), row.provider
        assert shown["amount"] == sum((c.amount for c in listed), D("0")), row.provider
    nfa = next(row for row in rows if row.provider.slug == "nfa")
    # A 100.000 less 70.000 and C 30.000 less 10.000 (B, Hovedstaden's, is all invoiced).
    assert nfa.committed == D("50000")


def test_the_committed_figure_is_the_lists_foot_on_the_page(client, spread):
    """What the user reads: a month's "committed" figure and the foot of the list it opens."""
    burn = _burn_down(client, factories.CentralPartyFactory().user, "dashboards:overview")
    december = next(m for m in burn["months"] if m["point"].month == datetime.date(2016, 12, 1))
    html = client.get(december["links"]["committed"]).content.decode()
    foot = html.split("<tfoot")[1].split("</tfoot>")[0]
    # Amounts A 100.000 and B 50.000 and C 30.000; invoiced 70.000, 50.000, 10.000.
    assert "I alt" in foot and "180.000,00 kr." in foot and "130.000,00 kr." in foot
    assert "50.000,00 kr." in foot and december["point"].committed == D("50000")
    assert "Disponeret" in html.split("<thead")[1].split("</thead>")[0]


def test_a_month_ends_at_midnight_in_copenhagen(client, db):
    """An invoice submitted 30 November at 23:30 UTC (00:30 on 1 December in Copenhagen)
    belongs to December, in the burn-down and in the lists behind it; so does a contract
    concluded at 22:30 UTC on 31 August (00:30 on 1 September, summer time)."""
    frame = b.frame("nfa")
    workplace = factories.WorkplaceFactory(region=factories.region("sjaelland"))
    august = b.contract(
        b.request(workplace, reached=b.at(2016, 8, 1)),
        frame=frame,
        reserved="10000",
        concluded=datetime.datetime(2016, 8, 31, 21, 30, tzinfo=UTC),
    )
    september = b.contract(
        b.request(workplace, reached=b.at(2016, 8, 1)),
        frame=frame,
        reserved="20000",
        concluded=datetime.datetime(2016, 8, 31, 22, 30, tzinfo=UTC),
    )
    november = b.invoice(
        august,
        amount="1000",
        submitted=datetime.datetime(2016, 11, 30, 22, 30, tzinfo=UTC),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 11, 30),
    )
    december = b.invoice(
        september,
        amount="2000",
        submitted=datetime.datetime(2016, 11, 30, 23, 30, tzinfo=UTC),
        state=Invoice.State.PAID,
        paid_on=datetime.date(2016, 12, 1),
    )
    points = {
        p.month: (p.committed, p.invoiced, p.paid)
        for p in budgets.burn_down(frame, today=datetime.date(2017, 6, 1))
    }
    month = datetime.date
    assert points[month(2016, 8, 1)] == (10000, 0, 0)
    assert points[month(2016, 9, 1)] == (30000, 0, 0)
    assert points[month(2016, 11, 1)] == (29000, 1000, 1000)
    assert points[month(2016, 12, 1)] == (27000, 3000, 3000)

    client.force_login(factories.CentralPartyFactory().user)

    def listed(name, **query):
        return {row.pk for row in links.follow(client, f"{reverse(name)}?{urlencode(query)}")[1]}

    assert listed("dashboards:contracts", concluded_by="2016-08") == {august.pk}
    assert listed("dashboards:contracts", concluded_by="2016-09") == {august.pk, september.pk}
    assert listed("dashboards:invoices", submitted_by="2016-11") == {november.pk}
    assert listed("dashboards:invoices", submitted_by="2016-12") == {november.pk, december.pk}
    assert listed("dashboards:invoices", paid_by="2016-11") == {november.pk}
    assert listed("dashboards:invoices", paid_by="2016-12") == {november.pk, december.pk}
    assert listed("dashboards:invoices", submitted_by="2016-10") == set()


@pytest.mark.parametrize(
    ("name", "param", "label"),
    [
        ("dashboards:invoices", "submitted_by", "Indsendt inden månedens udgang"),
        ("dashboards:invoices", "paid_by", "Betalt inden månedens udgang"),
        ("dashboards:contracts", "concluded_by", "Indgået inden månedens udgang"),
    ],
)
@pytest.mark.parametrize("value", ["abc", "2026-13", "2026-11-05", "9999-12", "<b>"])
def test_a_bad_month_is_named_in_danish_and_left_out(client, spread, name, param, label, value):
    client.force_login(factories.CentralPartyFactory().user)
    status = "booked" if name == "dashboards:invoices" else "in_force"
    response = client.get(reverse(name), {"status": status, param: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nogle filtre kunne ikke bruges og er udeladt" in html
    assert f"{label} ({param}): Indtast en måned som ÅÅÅÅ-MM, fx 2026-11." in html
    assert "<b>" not in html.split('id="filter-problems"')[1].split("</div>")[0]
    # The bad month is left out; the status still applies.
    assert (
        response.context["count"] == links.follow(client, f"{reverse(name)}?status={status}")[0] > 0
    )
    export = client.get(reverse(name), {param: value, "export": "csv"})
    assert "Ret filtrene, før du eksporterer" in export.content.decode()


def test_the_months_are_in_the_lists_filter_form(client, spread):
    """A month link's filter shows in the form, in Danish, as a month to change or clear."""
    client.force_login(factories.CentralPartyFactory().user)
    html = client.get(
        reverse("dashboards:invoices"), {"submitted_by": "2016-11", "paid_by": "2016-12"}
    ).content.decode()
    assert "Indsendt inden månedens udgang" in html and "Betalt inden månedens udgang" in html
    assert 'type="month" name="submitted_by" value="2016-11"' in html
    assert 'type="month" name="paid_by" value="2016-12"' in html
    html = client.get(reverse("dashboards:contracts"), {"concluded_by": "2016-10"}).content.decode()
    assert 'type="month" name="concluded_by" value="2016-10"' in html
    assert "Indgået inden månedens udgang" in html
