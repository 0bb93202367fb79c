"""Issue 11, point 14: the budget page shows one programme at a time (the current one unless
another is chosen), a total per programme and never one across programmes, amounts that do
not wrap, and exports that follow the filter; in a number of queries that does not grow."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from providers.models import BudgetFrame, BudgetPeriod, Programme, Provider
from providers.money import format_dkk
from requests_app.pdf import minimal_pdf_bytes
from requests_app.selectors.invoices import current_programme
from requests_app.services import contracts, invoices
from tests import factories


@pytest.fixture
def programmes(db):
    """The seeded programme (2016-18, ended) and a second one running today."""
    old = Programme.objects.get()
    today = timezone.localdate()
    new = Programme.objects.create(
        name="Ekspertrådgivning i dag",
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=600),
    )
    period = BudgetPeriod.objects.create(
        programme=new,
        name="I år",
        starts_on=new.starts_on,
        ends_on=today + datetime.timedelta(days=200),
    )
    for provider in Provider.objects.all():
        BudgetFrame.objects.create(period=period, provider=provider, amount=Decimal("500000"))
    return {"old": old, "new": new, "new_period": period}


def shown_frames(response):
    return {row.frame.pk for row in response.context["rows"]}


def frames_of(programme):
    return set(BudgetFrame.objects.filter(period__programme=programme).values_list("pk", flat=True))


def total_of(programme):
    amounts = BudgetFrame.objects.filter(period__programme=programme).values_list(
        "amount", flat=True
    )
    return sum(amounts, Decimal("0"))


@pytest.mark.django_db
def test_the_current_programme_is_shown_by_default_and_the_filter_shows_another(
    client, central, programmes
):
    assert current_programme() == programmes["new"]
    client.force_login(central)
    page = client.get(reverse("invoices:ledger"))
    assert shown_frames(page) == frames_of(programmes["new"])
    html = page.content.decode()
    assert f'<option value="{programmes["new"].pk}" selected>' in html
    assert format_dkk(total_of(programmes["new"])) in html  # 2.000.000,00 kr.

    other = client.get(reverse("invoices:ledger"), {"programme": programmes["old"].pk})
    assert shown_frames(other) == frames_of(programmes["old"])
    assert format_dkk(total_of(programmes["old"])) in other.content.decode()


@pytest.mark.django_db
def test_a_period_of_another_programme_is_named_and_left_out(client, central, programmes):
    """QA: ?period=<2016-17>&programme=<today's> showed "No frames." without a word."""
    client.force_login(central)
    old_period = BudgetPeriod.objects.filter(programme=programmes["old"]).first()
    page = client.get(
        reverse("invoices:ledger"),
        {"programme": programmes["new"].pk, "period": old_period.pk},
    )
    html = page.content.decode()
    assert "Nogle filtre blev ikke forstået og er udeladt" in html
    assert f"Budgetperioden {old_period.name} hører ikke til {programmes['new'].name}." in html
    assert shown_frames(page) == frames_of(programmes["new"])  # the programme still applies
    # The invoice list names a filter it cannot use the same way.
    invoices = client.get(reverse("invoices:list"), {"period": "x"})
    assert "Nogle filtre blev ikke forstået og er udeladt" in invoices.content.decode()


@pytest.mark.django_db
def test_all_programmes_have_a_total_each_and_never_one_together(client, central, programmes):
    client.force_login(central)
    page = client.get(reverse("invoices:ledger"), {"programme": ""})
    assert shown_frames(page) == frames_of(programmes["old"]) | frames_of(programmes["new"])
    groups = page.context["programmes"]
    assert [g.programme for g in groups] == [programmes["old"], programmes["new"]]
    assert [g.totals["amount"] for g in groups] == [
        total_of(programmes["old"]),
        total_of(programmes["new"]),
    ]
    html = page.content.decode()
    assert html.count('class="fw-bold programme-total"') == 2
    assert f"I alt for {programmes['old'].name}" in html
    together = total_of(programmes["old"]) + total_of(programmes["new"])
    assert format_dkk(together) not in html


@pytest.mark.django_db
def test_amounts_never_wrap(client, central, programmes):
    client.force_login(central)
    html = client.get(reverse("invoices:ledger"), {"programme": ""}).content.decode()
    cells = re.findall(r"<td([^>]*)>([^<]*kr\.)</td>", html)
    assert len(cells) > 16
    assert all("text-nowrap" in attributes for attributes, _amount in cells)


@pytest.mark.django_db
def test_a_frame_notice_link_still_opens_its_frame(client, central, programmes):
    """The notices link to ?provider=&period=: a period of another programme than the
    current one is shown, not hidden by the default."""
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    client.force_login(central)
    page = client.get(
        reverse("invoices:ledger"), {"provider": frame.provider_id, "period": frame.period_id}
    )
    assert shown_frames(page) == {frame.pk}


@pytest.mark.django_db
def test_provider_staff_see_their_frames_of_the_current_programme(client, programmes):
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    client.force_login(staff)
    page = client.get(reverse("invoices:ledger"))
    assert {r.provider.slug for r in page.context["rows"]} == {"nfa"}
    assert {r.period for r in page.context["rows"]} == {programmes["new_period"]}


@pytest.mark.django_db
def test_exports_follow_the_filter_with_a_total_per_programme(client, central, programmes):
    client.force_login(central)
    response = client.get(reverse("invoices:ledger"), {"export": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row[1] for row in table[1:]} == {programmes["new"].name}
    assert len(table) == 1 + len(frames_of(programmes["new"]))

    response = client.get(reverse("invoices:ledger"), {"export": "xlsx", "programme": ""})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    totals = [(index, row) for index, row in enumerate(rows) if row[0] == "I alt"]
    assert [row[1] for _index, row in totals] == [programmes["old"].name, programmes["new"].name]
    old_rows = len(frames_of(programmes["old"]))
    assert totals[0][0] == 1 + old_rows  # right under the old programme's rows
    assert totals[1][0] == len(rows) - 1  # the last row
    for (_index, row), programme in zip(
        totals, [programmes["old"], programmes["new"]], strict=True
    ):
        assert Decimal(str(row[3])) == total_of(programme)


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("invoices:ledger"), {"programme": ""})
    assert response.status_code == 200
    return len(queries)


def _concluded_and_invoiced(d, price="12500", invoice="5000"):
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal(price)),
        activities=[],
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    invoices.invoice_submit(
        request_pk=request.pk,
        user=d["staff"],
        number=f"F-{request.pk}",
        invoice_date=timezone.localdate(),
        amount=Decimal(invoice),
        pdf=SimpleUploadedFile("f.pdf", minimal_pdf_bytes(), content_type="application/pdf"),
    )


@pytest.mark.django_db
def test_the_page_takes_a_fixed_number_of_queries(
    client, central, programmes, model2, django_assert_max_num_queries
):
    client.force_login(central)
    client.get(reverse("invoices:ledger"))  # the session and the user, once
    _concluded_and_invoiced(model2)
    few = _count_queries(client)
    # More frames, contracts and invoices: another programme with two periods, more contracts.
    more = Programme.objects.create(
        name="Endnu et program",
        starts_on=datetime.date(2030, 4, 1),
        ends_on=datetime.date(2032, 3, 31),
    )
    for year in (2030, 2031):
        period = BudgetPeriod.objects.create(
            programme=more,
            name=f"{year}-{year + 1 - 2000}",
            starts_on=datetime.date(year, 4, 1),
            ends_on=datetime.date(year + 1, 3, 31),
        )
        for provider in Provider.objects.all():
            BudgetFrame.objects.create(period=period, provider=provider, amount=Decimal("100"))
    for _ in range(3):
        _concluded_and_invoiced(model2)
    assert _count_queries(client) == few
    # Session, user, the roles, the programme, 3 for the ledger, the bell, 3 for the filter's
    # choices, and the request's savepoint and its release.
    with django_assert_max_num_queries(13):
        client.get(reverse("invoices:ledger"), {"programme": ""})


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["invoices:list", "invoices:ledger"])
def test_provider_staff_are_offered_their_own_provider_only(client, url):
    """Browser QA: NFA's staff were offered all four providers in the filter."""
    nfa, cbs = factories.provider("nfa"), factories.provider("cbs")
    client.force_login(factories.ProviderStaffFactory(provider=nfa).user)
    form = client.get(reverse(url)).context["form"]
    assert list(form.fields["provider"].queryset) == [nfa]
    html = client.get(reverse(url), {"provider": cbs.pk}).content.decode()
    assert "Nogle filtre blev ikke forstået og er udeladt" in html
    central = factories.CentralPartyFactory().user
    client.force_login(central)
    form = client.get(reverse(url)).context["form"]
    assert form.fields["provider"].queryset.count() == Provider.objects.count() >= 4
