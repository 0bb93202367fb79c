"""Issue 10, point 4: money invoiced or paid stays in the period it was invoiced in. An
amendment that moves the delivery to another period moves only the unspent rest, and never so
that a frame goes over its amount.

The tests on the default database walk the scenario from the issue; the last one (marked
``postgres``) runs amendments, invoices and conclusions on two frames at once on PostgreSQL.
"""

import csv
import datetime
import importlib
import io
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from providers.models import BudgetFrame
from requests_app.models import Action, Contract, Invoice
from requests_app.pdf import minimal_pdf_bytes
from requests_app.selectors import ledger
from requests_app.services import contracts, invoices
from requests_app.services.base import RequestError
from tests import factories

IN_2016 = datetime.date(2016, 11, 30)
IN_2017 = datetime.date(2017, 9, 30)
PDF = minimal_pdf_bytes()


@pytest.fixture
def d(model2):
    return {
        **model2,
        "central": factories.CentralPartyFactory().user,
        "old": BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17"),
        "new": BudgetFrame.objects.get(provider__slug="nfa", period__name="2017-18"),
    }


def set_amount(frame, amount):
    frame.amount = Decimal(amount)
    frame.save(update_fields=["amount"])


def conclude(d, price, day=IN_2016):
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"]
    )
    data = factories.contract_data(price=Decimal(price), planned_delivery_on=day)
    contracts.contract_draft(request_pk=request.pk, user=d["staff"], data=data, activities=[])
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    return request


def submit(d, request, amount, number):
    return invoices.invoice_submit(
        request_pk=request.pk,
        user=d["staff"],
        number=number,
        invoice_date=timezone.localdate(),
        amount=Decimal(amount),
        pdf=SimpleUploadedFile("f.pdf", PDF, content_type="application/pdf"),
    )


def deliver(d, request):
    contracts.delivery_attest(
        request_pk=request.pk, user=d["leader"], delivered_on=timezone.localdate()
    )


def pay(d, invoice):
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    invoices.invoice_pay(
        invoice_pk=invoice.pk, user=d["central"], paid_on=timezone.localdate(), reference="B-1"
    )


def edit(d, request, price, day=IN_2017):
    data = factories.contract_data(price=Decimal(price), planned_delivery_on=day)
    contracts.contract_edit(request_pk=request.pk, user=d["staff"], data=data, activities=[])
    return Contract.objects.get(request=request).current.number


def amend(d, request, price, day=IN_2017):
    number = edit(d, request, price, day)
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=number)


def delivered_and_paid(d, price="100000", paid="60000"):
    """The issue's case: a delivered 2016-17 contract with a paid invoice."""
    request = conclude(d, price)
    invoice = submit(d, request, paid, f"P-{request.pk}")
    deliver(d, request)
    pay(d, invoice)
    return request, invoice


def money(frame):
    row = ledger.ledger([frame])[0]
    return {
        "committed": row.committed,
        "invoiced": row.invoiced,
        "attested": row.attested,
        "paid": row.paid,
        "remaining": row.remaining,
    }


def kr(**values):
    return {key: Decimal(value) for key, value in values.items()}


@pytest.mark.django_db
def test_paid_money_stays_in_its_period_when_an_amendment_moves_the_delivery(d):
    request, invoice = delivered_and_paid(d)
    assert money(d["old"]) == kr(
        committed="40000", invoiced="60000", attested="60000", paid="60000", remaining="800000"
    )

    amend(d, request, "100000")

    assert Contract.objects.get(request=request).frame == d["new"]
    # 2016-17 keeps the paid 60.000 and gets only the unspent 40.000 back: no room for more.
    assert money(d["old"]) == kr(
        committed="0", invoiced="60000", attested="60000", paid="60000", remaining="840000"
    )
    # 2017-18 holds only the rest.
    assert money(d["new"]) == kr(
        committed="40000", invoiced="0", attested="0", paid="0", remaining="860000"
    )
    invoice.refresh_from_db()
    assert invoice.frame == d["old"]
    event = request.events.get(action=Action.CONTRACT_AMENDED)
    assert event.data["frame"] == d["new"].pk
    assert event.data["previous_frame"] == d["old"].pk
    assert event.data["rest"] == "40000.00"


@pytest.mark.django_db
def test_the_old_period_cannot_pay_more_than_its_frame_after_the_move(d):
    set_amount(d["old"], "100000")
    request, _ = delivered_and_paid(d)
    amend(d, request, "100000")
    # The paid 60.000 still takes room in 2016-17: a 60.000 contract there does not fit.
    with pytest.raises(RequestError, match="40.000,00 kr."):
        conclude(d, "60000")
    conclude(d, "40000")
    assert ledger.frame_used(d["old"]) == Decimal("100000")
    assert ledger.ledger([d["old"]])[0].paid == Decimal("60000")


@pytest.mark.django_db
def test_the_new_period_needs_room_only_for_the_rest(d):
    set_amount(d["new"], "50000")
    request, _ = delivered_and_paid(d)
    # The full price (100.000) would not fit in 2017-18, the rest (40.000) does.
    amend(d, request, "100000")
    assert ledger.frame_used(d["new"]) == Decimal("40000")
    # A higher price must find its whole rest in the new frame: 70.000 does not fit in 50.000;
    # the most it may cost is the 60.000 invoiced plus the 50.000 the frame has.
    with pytest.raises(RequestError, match="110.000,00 kr."):
        edit(d, request, "130000")
    amend(d, request, "110000")
    assert ledger.frame_used(d["new"]) == Decimal("50000")
    assert ledger.frame_used(d["old"]) == Decimal("60000")


@pytest.mark.django_db
def test_an_amendment_that_would_push_the_new_frame_over_is_refused_and_changes_nothing(d):
    set_amount(d["new"], "50000")
    request, invoice = delivered_and_paid(d)
    number = edit(d, request, "100000")  # the rest, 40.000, fits when it is written
    contracts.contract_accept(request_pk=request.pk, user=d["staff"], version_number=number)
    conclude(d, "20000", day=IN_2017)  # meanwhile 2017-18 fills up: 30.000 left
    contract = Contract.objects.get(request=request)
    version = contract.current
    pdf_name, pdf_sha = version.pdf.name, version.pdf_sha256
    before = {"old": money(d["old"]), "new": money(d["new"])}

    with pytest.raises(RequestError) as refusal:
        contracts.contract_accept(request_pk=request.pk, user=d["leader"], version_number=number)

    assert str(refusal.value) == (
        "Ændringen kan ikke accepteres: den flytter 40.000,00 kr., der endnu ikke er "
        "faktureret, til rammen for NFA i 2017-18, som har 30.000,00 kr. tilbage. Det "
        "fakturerede, 60.000,00 kr., bliver i 2016-17."
    )
    contract.refresh_from_db()
    assert (contract.frame, contract.reserved_amount) == (d["old"], Decimal("100000"))
    assert {"old": money(d["old"]), "new": money(d["new"])} == before
    version.refresh_from_db()
    assert version.workplace_accepted_by is None
    assert (version.pdf.name, version.pdf_sha256) == (pdf_name, pdf_sha)
    assert version.pdf.storage.exists(pdf_name)  # the refused attempt left the PDF in place
    assert not request.events.filter(action=Action.CONTRACT_AMENDED).exists()
    invoice.refresh_from_db()
    assert invoice.frame == d["old"]


@pytest.mark.django_db
def test_invoices_awaiting_attestation_or_payment_hold_the_contract_in_its_period(d):
    request = conclude(d, "100000")
    deliver(d, request)
    invoice = submit(d, request, "60000", "F-1")
    number = edit(d, request, "100000")
    contracts.contract_accept(request_pk=request.pk, user=d["staff"], version_number=number)
    # Returned after a move, its 60.000 would come back as rest into 2017-18 unchecked.
    with pytest.raises(RequestError, match="afventer attestering eller betaling i 2016-17"):
        contracts.contract_accept(request_pk=request.pk, user=d["leader"], version_number=number)
    assert Contract.objects.get(request=request).frame == d["old"]
    # Within the period the amendment goes through.
    amend(d, request, "90000", day=datetime.date(2017, 1, 31))
    pay(d, invoice)
    amend(d, request, "90000")
    assert Contract.objects.get(request=request).frame == d["new"]
    assert money(d["old"])["paid"] == Decimal("60000")
    assert money(d["new"])["committed"] == Decimal("30000")


@pytest.mark.django_db
def test_after_the_move_invoices_book_in_the_new_period_and_closing_releases_the_rest_there(d):
    request, paid = delivered_and_paid(d)
    returned = submit(d, request, "10000", "F-2")
    invoices.invoice_return(invoice_pk=returned.pk, user=d["coordinator"], reason="Forkert beløb")
    amend(d, request, "100000")
    later = submit(d, request, "15000", "F-3")
    assert later.frame == d["new"]
    invoices.invoice_resubmit(
        invoice_pk=returned.pk,
        user=d["staff"],
        invoice_date=timezone.localdate(),
        amount=Decimal("5000"),
    )
    returned.refresh_from_db()
    assert returned.frame == d["new"]  # submitted again: booked where the contract is now
    assert money(d["new"]) == kr(
        committed="20000", invoiced="20000", attested="0", paid="0", remaining="860000"
    )
    # The contract cannot be invoiced beyond its amount across both periods.
    with pytest.raises(RequestError, match="20.000,00 kr."):
        submit(d, request, "20001", "F-4")

    contracts.contract_close(request_pk=request.pk, user=d["staff"])

    assert money(d["new"])["committed"] == Decimal("0")
    assert ledger.frame_used(d["new"]) == Decimal("20000")
    assert money(d["old"]) == kr(
        committed="0", invoiced="60000", attested="60000", paid="60000", remaining="840000"
    )
    assert paid.pk in Invoice.objects.filter(frame=d["old"]).values_list("pk", flat=True)


@pytest.mark.django_db
def test_amending_back_and_forth_never_moves_invoiced_money(d):
    request, _ = delivered_and_paid(d)
    amend(d, request, "100000")
    later = submit(d, request, "25000", "F-2")
    pay(d, later)
    amend(d, request, "100000", day=IN_2016)  # back to 2016-17 with 15.000 unspent
    assert money(d["old"]) == kr(
        committed="15000", invoiced="60000", attested="60000", paid="60000", remaining="825000"
    )
    assert money(d["new"]) == kr(
        committed="0", invoiced="25000", attested="25000", paid="25000", remaining="875000"
    )


@pytest.mark.django_db
def test_the_ledger_page_and_its_export_show_each_period(client, d):
    request, _ = delivered_and_paid(d)
    amend(d, request, "100000")
    client.force_login(d["central"])
    page = client.get(reverse("invoices:ledger"))
    shown = {(r.provider.short_name, r.period.name): r for r in page.context["rows"]}
    assert shown[("NFA", "2016-17")].paid == Decimal("60000")
    assert shown[("NFA", "2017-18")].committed == Decimal("40000")
    response = client.get(reverse("invoices:ledger"), {"export": "csv"})
    table = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    rows = {row[2]: row[3:] for row in table if row[0] == "NFA"}
    # frame, committed, invoiced, attested, paid, remaining
    assert rows["2016-17"] == ["900000,00", "0,00", "60000,00", "60000,00", "60000,00", "840000,00"]
    assert rows["2017-18"] == ["900000,00", "40000,00", "0,00", "0,00", "0,00", "860000,00"]


@pytest.mark.django_db
def test_the_ledger_takes_a_fixed_number_of_queries(d, django_assert_num_queries):
    for _ in range(3):
        request, _invoice = delivered_and_paid(d, price="20000", paid="5000")
        amend(d, request, "20000")
    frames = list(BudgetFrame.objects.select_related("provider", "period"))
    with django_assert_num_queries(2):
        rows = ledger.ledger(frames)
    used = {row.frame.pk: row.used for row in rows}
    assert used[d["old"].pk] == Decimal("15000")
    assert used[d["new"].pk] == Decimal("45000")


@pytest.mark.django_db
def test_the_data_migration_books_existing_invoices_in_their_contracts_frame(d):
    request, invoice = delivered_and_paid(d)
    Invoice.objects.filter(pk=invoice.pk).update(frame=d["new"])
    migration = importlib.import_module("requests_app.migrations.0008_invoice_frame")
    migration.fill_invoice_frames(apps, None)
    invoice.refresh_from_db()
    assert invoice.frame == d["old"]


REGIONS = ["sjaelland", "syddanmark", "midtjylland"]  # model 2: straight to the provider


@pytest.fixture
def parties(seeded):
    """A TRIO and a coordinator in each of three regions (requests in one region wait for
    each other on the region's row), NFA staff and a central party."""
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    people = []
    for slug in REGIONS:
        _, leader, amr = factories.trio(slug)
        coordinator = factories.CoordinatorFactory(region=factories.region(slug)).user
        people.append(
            {
                "leader": leader,
                "amr": amr,
                "staff": staff,
                "coordinator": coordinator,
                "central": factories.CentralPartyFactory().user,
                "old": BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17"),
                "new": BudgetFrame.objects.get(provider__slug="nfa", period__name="2017-18"),
            }
        )
    return people


def drafted_and_half_accepted(d, price, day):
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"]
    )
    data = factories.contract_data(price=Decimal(price), planned_delivery_on=day)
    contracts.contract_draft(request_pk=request.pk, user=d["staff"], data=data, activities=[])
    contracts.contract_accept(request_pk=request.pk, user=d["staff"], version_number=1)
    return request


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_amendments_invoices_and_conclusions_never_exceed_either_frame(parties):
    from django.db import connection

    assert connection.vendor == "postgresql"
    first = parties[0]
    old, new = first["old"], first["new"]
    set_amount(old, "100000")
    set_amount(new, "100000")
    person = [parties[i % len(parties)] for i in range(12)]

    # 2016-17: three delivered 20.000 contracts, 10.000 of each paid (60.000 used); each has
    # an amendment to 2017-18 at 30.000 (a rest of 20.000) that awaits the workplace.
    moving = []
    for i in range(3):
        request, _ = delivered_and_paid(person[i], price="20000", paid="10000")
        number = edit(person[i], request, "30000")
        contracts.contract_accept(request_pk=request.pk, user=first["staff"], version_number=number)
        moving.append((person[i], request, number))
    # 2017-18: a 20.000 contract to be invoiced twice (80.000 left); four 20.000 contracts and
    # the three amendments compete for it. 2016-17: three 20.000 contracts compete for what is
    # left there and what the amendments give back.
    invoiced = conclude(person[3], "20000", day=IN_2017)
    to_new = [
        (person[4 + i], drafted_and_half_accepted(person[4 + i], "20000", IN_2017))
        for i in range(4)
    ]
    to_old = [
        (person[8 + i], drafted_and_half_accepted(person[8 + i], "20000", IN_2016))
        for i in range(3)
    ]
    assert ledger.frame_used(old) == Decimal("60000")
    assert ledger.frame_used(new) == Decimal("20000")

    tasks = []
    for who, request, number in moving:
        tasks.append(
            (
                "amend",
                lambda w=who, r=request, n=number: contracts.contract_accept(
                    request_pk=r.pk, user=w["leader"], version_number=n
                ),
            )
        )
    for who, request in to_new:
        tasks.append(
            (
                "new",
                lambda w=who, r=request: contracts.contract_accept(
                    request_pk=r.pk, user=w["leader"], version_number=1
                ),
            )
        )
    for who, request in to_old:
        tasks.append(
            (
                "old",
                lambda w=who, r=request: contracts.contract_accept(
                    request_pk=r.pk, user=w["leader"], version_number=1
                ),
            )
        )
    for number in ("B-1", "B-2"):
        tasks.append(("invoice", lambda n=number: submit(person[3], invoiced, "10000", n)))
    # The rest of a moving contract invoiced at the same moment as its amendment.
    tasks.append(("rest", lambda: submit(moving[0][0], moving[0][1], "10000", "R-1")))

    barrier = threading.Barrier(len(tasks))
    outcomes = []

    def run(kind, task):
        from django.db import connections

        try:
            barrier.wait()
            task()
            outcomes.append((kind, "ok"))
        except RequestError as error:
            outcomes.append((kind, str(error)))
        except Exception as error:  # a deadlock or anything else unexpected
            outcomes.append((kind, f"ERROR {type(error).__name__}: {error}"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=task) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert not any(thread.is_alive() for thread in threads)
    assert len(outcomes) == len(tasks)
    assert not [o for o in outcomes if o[1].startswith("ERROR")], outcomes
    ok = {kind: sum(1 for k, o in outcomes if k == kind and o == "ok") for kind, _ in tasks}
    # Neither frame is ever exceeded; 2017-18 had room for exactly four of the seven.
    assert ledger.frame_used(old) <= old.amount
    assert ledger.frame_used(new) <= new.amount
    assert ok["amend"] + ok["new"] == 4
    assert ledger.frame_used(new) == Decimal("100000")
    assert ok["invoice"] == 2
    # 2016-17 keeps every paid krone and got back only the rest of what moved.
    moved = Contract.objects.filter(request__in=[r for _, r, _ in moving], frame=new).count()
    assert moved == ok["amend"]
    assert ledger.ledger([old])[0].paid == Decimal("30000")
    assert Invoice.objects.filter(frame=old, state=Invoice.State.PAID).count() == 3
    assert ledger.frame_used(old) == Decimal("60000") - 10000 * moved + 20000 * ok["old"]
    refusals = [o for _, o in outcomes if o != "ok"]
    assert all("tilbage" in o or "afventer attestering" in o for o in refusals), refusals


@pytest.mark.django_db
def test_accepting_an_amendment_says_what_happened(client, d):
    """QA: the first acceptance of an amendment said "the contract is concluded" while the
    page waited for the other side; the second says the amendment applies."""
    request = conclude(d, "50000")
    number = edit(d, request, "60000")
    url = reverse("requests:contract_accept", args=[request.pk])
    client.force_login(d["leader"])
    html = client.post(url, {"version": number}, follow=True).content.decode()
    assert "Din accept er registreret. Den anden side skal acceptere den samme version." in html
    assert "Kontrakten er indgået" not in html
    client.force_login(d["staff"])
    html = client.post(url, {"version": number}, follow=True).content.decode()
    assert f"Begge sider har accepteret version {number}. Den ændrede kontrakt gælder." in html
    assert Contract.objects.get(request=request).current.price == Decimal("60000")
