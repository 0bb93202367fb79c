import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, timezone
from openpyxl import load_workbook

from providers.models import BudgetFrame, BudgetPeriod, Programme
from requests_app.models import Action, Contract, Invoice
from requests_app.pdf import minimal_pdf_bytes
from requests_app.selectors import ledger
from requests_app.services import contracts, invoices
from requests_app.services.base import RequestError
from tests import factories

State = Invoice.State
PDF = minimal_pdf_bytes()


def pdf_file(name="faktura.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def concluded(model2):
    """A request in Sjælland with a concluded 12.500 kr. contract with NFA."""
    central = factories.CentralPartyFactory().user
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk, user=model2["staff"], data=factories.contract_data(), activities=[]
    )
    for user in (model2["staff"], model2["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    request.refresh_from_db()
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    return {**model2, "request": request, "central": central, "frame": frame}


def submit(d, number="F-1", amount="12500", **kwargs):
    return invoices.invoice_submit(
        request_pk=d["request"].pk,
        user=d["staff"],
        number=number,
        invoice_date=timezone.localdate(),
        amount=Decimal(amount),
        pdf=kwargs.pop("pdf", pdf_file()),
        **kwargs,
    )


def attest_delivery(d):
    contracts.delivery_attest(
        request_pk=d["request"].pk, user=d["leader"], delivered_on=timezone.localdate()
    )


def row(d):
    return ledger.ledger([d["frame"]])[0]


@pytest.mark.django_db
def test_full_flow_moves_the_ledger(concluded):
    d = concluded
    assert (row(d).committed, row(d).invoiced) == (Decimal("12500"), Decimal("0"))
    invoice = submit(d)
    assert invoice.state == State.AWAITING_DELIVERY
    assert (row(d).committed, row(d).invoiced) == (Decimal("0"), Decimal("12500"))
    assert row(d).remaining == Decimal("887500")
    attest_delivery(d)
    invoice.refresh_from_db()
    assert invoice.state == State.AWAITING_REGION
    with pytest.raises(RequestError):
        invoices.invoice_attest(invoice_pk=invoice.pk, user=d["staff"])
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    assert row(d).attested == Decimal("12500")
    with pytest.raises(RequestError):
        invoices.invoice_pay(
            invoice_pk=invoice.pk,
            user=d["coordinator"],
            paid_on=timezone.localdate(),
            reference="B-1",
        )
    invoices.invoice_pay(
        invoice_pk=invoice.pk, user=d["central"], paid_on=timezone.localdate(), reference="B-1"
    )
    invoice.refresh_from_db()
    assert invoice.state == State.PAID
    assert row(d).paid == Decimal("12500")
    assert row(d).remaining == Decimal("887500")
    actions = list(d["request"].events.values_list("action", flat=True))
    # The delivery moves the waiting invoice on to the region, and that is an event too.
    assert actions[-5:] == [
        Action.INVOICE_SUBMITTED,
        Action.CONTRACT_DELIVERY_ATTESTED,
        Action.INVOICE_DELIVERY_CONFIRMED,
        Action.INVOICE_ATTESTED,
        Action.INVOICE_PAID,
    ]


@pytest.mark.django_db
def test_invoice_after_delivery_goes_straight_to_the_region(concluded):
    attest_delivery(concluded)
    assert submit(concluded).state == State.AWAITING_REGION


@pytest.mark.django_db
def test_partial_invoices_up_to_the_contract_amount(concluded):
    submit(concluded, number="F-1", amount="5000")
    submit(concluded, number="F-2", amount="5000")
    with pytest.raises(RequestError, match="2.500,00 kr."):
        submit(concluded, number="F-3", amount="3000")
    assert Invoice.objects.count() == 2
    submit(concluded, number="F-3", amount="2500")
    assert row(concluded).invoiced == Decimal("12500")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pdf": pdf_file("faktura.pdf", b"MZ\x90\x00 not a pdf at all")}, "ikke en PDF"),
        (
            {"pdf": pdf_file("stor.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024) + b"%%EOF")},
            "10 MB",
        ),
        ({"amount": "-100"}, "mere end 0 kr."),
        ({"amount": "0"}, "mere end 0 kr."),
        ({"amount": "12500.01"}, "12.500,00 kr."),
        ({"number": "  "}, "fakturanummer"),
    ],
)
def test_bad_invoices_are_refused_and_nothing_is_stored(concluded, kwargs, message, settings):
    with pytest.raises(RequestError, match=message):
        submit(concluded, **kwargs)
    assert not Invoice.objects.exists()
    assert list(settings.MEDIA_ROOT.glob("invoices/**/*.pdf")) == []


@pytest.mark.django_db
def test_duplicate_invoice_number_per_provider(concluded, model2):
    submit(concluded, number="F-7", amount="1000")
    with pytest.raises(RequestError, match="F-7"):
        submit(concluded, number="F-7", amount="1000")
    assert Invoice.objects.count() == 1


@pytest.mark.django_db
def test_only_a_concluded_contract_and_its_provider_may_invoice(concluded):
    with pytest.raises(RequestError):
        invoices.invoice_submit(
            request_pk=concluded["request"].pk,
            user=concluded["other_staff"],
            number="X",
            invoice_date=timezone.localdate(),
            amount=Decimal("10"),
            pdf=pdf_file(),
        )
    other = factories.request_in_dialogue(
        leader=concluded["leader"], counterpart=concluded["amr"], staff=concluded["staff"]
    )
    with pytest.raises(RequestError, match="indgået kontrakt"):
        invoices.invoice_submit(
            request_pk=other.pk,
            user=concluded["staff"],
            number="Y",
            invoice_date=timezone.localdate(),
            amount=Decimal("10"),
            pdf=pdf_file(),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("stage", ["workplace", "region", "central"])
def test_each_reviewer_may_return_and_the_provider_corrects(concluded, stage):
    d = concluded
    invoice = submit(d, amount="12000")
    reviewer = d["leader"]
    if stage in {"region", "central"}:
        attest_delivery(d)
        reviewer = d["coordinator"]
    if stage == "central":
        invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
        reviewer = d["central"]
    with pytest.raises(RequestError):
        invoices.invoice_return(invoice_pk=invoice.pk, user=d["other_staff"], reason="Nej")
    with pytest.raises(RequestError, match="begrundelse"):
        invoices.invoice_return(invoice_pk=invoice.pk, user=reviewer, reason=" ")
    invoices.invoice_return(invoice_pk=invoice.pk, user=reviewer, reason="Forkert beløb")
    invoice.refresh_from_db()
    assert invoice.state == State.RETURNED
    assert row(d).invoiced == Decimal("0")
    assert row(d).committed == Decimal("12500")
    invoices.invoice_resubmit(
        invoice_pk=invoice.pk,
        user=d["staff"],
        invoice_date=timezone.localdate(),
        amount=Decimal("12500"),
    )
    invoice.refresh_from_db()
    expected = State.AWAITING_DELIVERY if stage == "workplace" else State.AWAITING_REGION
    assert invoice.state == expected
    assert invoice.amount == Decimal("12500")


@pytest.mark.django_db
def test_the_reason_for_return_shows_only_while_the_invoice_is_returned(client, concluded):
    """QA: a corrected and resubmitted invoice still listed "Begrundelse for retur" among its
    current details, as if it were still returned; the reason stays in its history."""
    d = concluded
    invoice = submit(d, amount="12000")
    invoices.invoice_return(invoice_pk=invoice.pk, user=d["leader"], reason="Forkert beløb")
    client.force_login(d["staff"])
    page = client.get(reverse("invoices:detail", args=[invoice.pk])).content.decode()
    assert "Begrundelse for retur" in page
    invoices.invoice_resubmit(
        invoice_pk=invoice.pk,
        user=d["staff"],
        invoice_date=timezone.localdate(),
        amount=Decimal("12500"),
    )
    page = client.get(reverse("invoices:detail", args=[invoice.pk])).content.decode()
    assert "Begrundelse for retur" not in page
    assert "Forkert beløb" in page  # in the history


@pytest.mark.django_db
def test_closing_a_contract_below_its_amount_releases_the_rest(concluded):
    d = concluded
    submit(d, amount="8000")
    with pytest.raises(RequestError, match="leveringen"):
        contracts.contract_close(request_pk=d["request"].pk, user=d["staff"])
    attest_delivery(d)
    with pytest.raises(RequestError):
        contracts.contract_close(request_pk=d["request"].pk, user=d["leader"])
    before = row(d).remaining
    contract = contracts.contract_close(request_pk=d["request"].pk, user=d["staff"])
    assert contract.state == Contract.State.CLOSED
    assert row(d).remaining == before + Decimal("4500")
    assert row(d).committed == Decimal("0")
    with pytest.raises(RequestError):
        submit(d, number="F-9", amount="100")
    with pytest.raises(RequestError, match="lukket"):
        contracts.contract_edit(
            request_pk=d["request"].pk,
            user=d["staff"],
            data=factories.contract_data(),
            activities=[],
        )


@pytest.mark.django_db
def test_payment_needs_a_reference_and_a_date_not_in_the_future(concluded):
    d = concluded
    attest_delivery(d)
    invoice = submit(d)
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    with pytest.raises(RequestError):
        invoices.invoice_pay(
            invoice_pk=invoice.pk, user=d["central"], paid_on=timezone.localdate(), reference=""
        )
    with pytest.raises(RequestError, match="fremtiden"):
        invoices.invoice_pay(
            invoice_pk=invoice.pk,
            user=d["central"],
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            reference="X",
        )


@pytest.mark.django_db
def test_payment_is_dated_no_earlier_than_the_attestation(client, concluded):
    """A payment dated years before the invoice would move it into another period's figures
    and the burn-down's months: refused in Danish, the invoice stays unpaid."""
    d = concluded
    attest_delivery(d)
    invoice = submit(d)
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    invoice.refresh_from_db()
    attested_on = timezone.localdate(invoice.attested_at)
    with pytest.raises(RequestError, match="hvor fakturaen blev attesteret"):
        invoices.invoice_pay(
            invoice_pk=invoice.pk,
            user=d["central"],
            paid_on=attested_on - datetime.timedelta(days=1),
            reference="B-1",
        )
    client.force_login(d["central"])
    response = client.post(
        reverse("invoices:pay", kwargs={"pk": invoice.pk}),
        {"paid_on": "2016-03-01", "reference": "B-1"},
        follow=True,
    )
    assert response.status_code == 200
    day = formats.date_format(attested_on, "SHORT_DATE_FORMAT")
    assert f"Betalingsdatoen kan ikke ligge før {day}" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.state == Invoice.State.AWAITING_PAYMENT and invoice.paid_on is None
    invoices.invoice_pay(
        invoice_pk=invoice.pk, user=d["central"], paid_on=attested_on, reference="B-1"
    )
    invoice.refresh_from_db()
    assert invoice.state == Invoice.State.PAID and invoice.paid_on == attested_on


@pytest.mark.django_db
def test_upload_through_the_form_checks_content(client, concluded):
    client.force_login(concluded["staff"])
    url = reverse("requests:invoice_new", kwargs={"pk": concluded["request"].pk})
    data = {"number": "F-1", "invoice_date": timezone.localdate().isoformat(), "amount": "12500,00"}
    response = client.post(url, {**data, "pdf": pdf_file("x.pdf", b"<html>not pdf</html>")})
    assert response.status_code == 200
    assert "ikke en PDF" in response.content.decode()
    response = client.post(url, {**data, "amount": "-1", "pdf": pdf_file()})
    assert "mere end 0 kr." in response.content.decode()
    assert not Invoice.objects.exists()
    response = client.post(url, {**data, "pdf": pdf_file()})
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert invoice.amount == Decimal("12500.00")
    download = client.get(reverse("invoices:pdf", kwargs={"pk": invoice.pk}))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_invoice_pages_per_role(client, concluded):
    d = concluded
    invoice = submit(d)
    detail = reverse("invoices:detail", kwargs={"pk": invoice.pk})
    outsider = factories.MembershipFactory().user
    other_coordinator = factories.CoordinatorFactory(region=factories.region("hovedstaden")).user
    expected = {
        "leader": 200,
        "amr": 200,
        "staff": 200,
        "coordinator": 200,
        "central": 200,
        "other_staff": 404,
    }
    for role, status in expected.items():
        client.force_login(d[role])
        assert client.get(detail).status_code == status, role
        assert client.get(reverse("invoices:list")).status_code == 200
    for user in (outsider, other_coordinator):
        client.force_login(user)
        assert client.get(detail).status_code == 404
        assert list(client.get(reverse("invoices:list")).context["invoices"]) == []
    client.logout()
    assert client.get(detail).status_code == 302
    for role, status in {"staff": 200, "central": 200, "leader": 403, "coordinator": 403}.items():
        client.force_login(d[role])
        assert client.get(reverse("invoices:ledger")).status_code == status, role
    client.force_login(d["staff"])
    frames = client.get(reverse("invoices:ledger")).context["rows"]
    assert {r.provider.slug for r in frames} == {"nfa"}


@pytest.mark.django_db
def test_xlsx_export_totals_equal_the_ledger(client, concluded):
    d = concluded
    submit(d, amount="5000")
    client.force_login(d["central"])
    response = client.get(reverse("invoices:ledger"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body, total_row = rows[0], rows[1:-1], rows[-1]
    assert header[3] == "Ramme" and total_row[0] == "I alt"
    expected = ledger.totals(ledger.ledger(BudgetFrame.objects.all()))
    for column, key in zip(
        range(3, 9),
        ["amount", "committed", "invoiced", "attested", "paid", "remaining"],
        strict=True,
    ):
        assert Decimal(str(total_row[column])).quantize(Decimal("0.01")) == expected[key]
        assert (
            Decimal(str(sum(r[column] for r in body))).quantize(Decimal("0.01")) == (expected[key])
        )
    csv_response = client.get(reverse("invoices:list"), {"export": "csv"})
    assert "F-1;NFA" in csv_response.content.decode("utf-8-sig")
    xlsx = client.get(reverse("invoices:list"), {"export": "xlsx", "state": "awaiting_delivery"})
    invoice_rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert invoice_rows[-1][6] == 5000


@pytest.mark.django_db
def test_a_new_programme_set_up_in_the_admin_shows_in_the_ledger(client, settings):
    settings.DEBUG = True
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    from django.contrib.auth import get_user_model

    central = get_user_model().objects.get(email="central@demo.dk")
    client.force_login(central)
    response = client.post(
        reverse("admin:providers_programme_add"),
        {
            "name": "Ekspertrådgivning 2031-33",
            "starts_on": "2031-04-01",
            "ends_on": "2033-03-31",
            "providers": [p.pk for p in factories.provider("nfa").__class__.objects.all()],
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "0",
            "periods-0-name": "2031-32",
            "periods-0-starts_on": "2031-04-01",
            "periods-0-ends_on": "2032-03-31",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    period = BudgetPeriod.objects.get(name="2031-32")
    response = client.post(
        reverse("admin:providers_budgetperiod_change", args=[period.pk]),
        {
            "programme": period.programme_id,
            "name": "2031-32",
            "starts_on": "2031-04-01",
            "ends_on": "2032-03-31",
            "frames-TOTAL_FORMS": "1",
            "frames-INITIAL_FORMS": "0",
            "frames-0-provider": factories.provider("ruc").pk,
            "frames-0-amount": "1.000.000,00",  # the Danish way (issue 11, point 1)
        },
    )
    assert response.status_code == 302, [
        form.errors for form in response.context["inline_admin_formsets"][0].formset.forms
    ] + [response.context["adminform"].form.errors]
    # The budget page shows the current programme; the new one when it is chosen.
    page = client.get(reverse("invoices:ledger"), {"programme": period.programme_id})
    rows = page.context["rows"]
    new = [r for r in rows if r.period == period]
    assert len(new) == 1 and new[0].amount == Decimal("1000000.00")
    assert Programme.objects.filter(name="Ekspertrådgivning 2031-33").exists()


@pytest.mark.django_db
def test_each_invoice_step_emails_who_acts_next(concluded, django_capture_on_commit_callbacks):
    from django.core import mail

    from accounts.mail import send_outbox

    d = concluded
    send_outbox()  # the set-up's own mails go out first
    mail.outbox.clear()

    def recipients(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        found = {address for message in mail.outbox for address in message.to}
        mail.outbox.clear()
        return result, found

    invoice, to = recipients(lambda: submit(d))
    assert to == {d["leader"].email, d["amr"].email}
    _, to = recipients(lambda: attest_delivery(d))
    assert d["coordinator"].email in to and d["staff"].email in to
    _, to = recipients(
        lambda: invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    )
    assert to == {d["central"].email}
    _, to = recipients(
        lambda: invoices.invoice_return(invoice_pk=invoice.pk, user=d["central"], reason="Fejl")
    )
    assert to == {d["staff"].email}
    _, to = recipients(
        lambda: invoices.invoice_resubmit(
            invoice_pk=invoice.pk,
            user=d["staff"],
            invoice_date=timezone.localdate(),
            amount=Decimal("12500"),
        )
    )
    assert to == {d["coordinator"].email}


@pytest.mark.django_db
def test_invoice_above_the_original_amount_after_an_amendment(concluded):
    d = concluded
    submit(d, number="F-1", amount="12500")
    with pytest.raises(RequestError, match="0,00 kr."):
        submit(d, number="F-2", amount="2000")
    with pytest.raises(RequestError, match="12.500,00 kr."):
        contracts.contract_edit(
            request_pk=d["request"].pk,
            user=d["staff"],
            data=factories.contract_data(price=Decimal("10000")),
            activities=[],
        )
    contracts.contract_edit(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal("14500")),
        activities=[],
    )
    with pytest.raises(RequestError):
        submit(d, number="F-2", amount="2000")  # not before both sides accept
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=d["request"].pk, user=user, version_number=2)
    submit(d, number="F-2", amount="2000")
    assert row(d).invoiced == Decimal("14500")
    assert row(d).committed == Decimal("0")


@pytest.mark.django_db
def test_start_pages_list_the_invoice_work_waiting(client, concluded):
    d = concluded

    def home(user):
        client.force_login(user)
        return client.get("/", follow=True).content.decode()  # the central's: the dashboard

    assert 'id="to-attest-delivery"' in home(d["leader"])
    invoice = submit(d)
    attest_delivery(d)
    assert 'id="to-attest-delivery"' not in home(d["leader"])
    assert invoice.number in home(d["coordinator"])
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    assert 'id="invoices-to-attest"' not in home(d["coordinator"])
    assert invoice.number in home(d["central"])
    invoices.invoice_return(invoice_pk=invoice.pk, user=d["central"], reason="Mangler EAN")
    page = home(d["staff"])
    assert 'id="invoices-returned"' in page and "Mangler EAN" in page
