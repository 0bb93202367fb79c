"""``Contract.invoiced_amount`` is what the contract's invoices that are not returned add up
to, whichever way an invoice is written: the database keeps it (triggers from migration
0018), and the ledger sums it instead of reading every contract's invoices (issue 12).

These run on SQLite here and on PostgreSQL in ``make test-pg``: each database has its own
triggers (``requests_app/triggers.py``).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from requests_app import triggers
from requests_app.models import Contract, Invoice
from requests_app.selectors import ledger
from requests_app.services import invoices
from tests import factories
from tests.requests_app.test_invoices import attest_delivery, concluded, submit  # noqa: F401

State = Invoice.State
pytestmark = pytest.mark.django_db


def stored(contract) -> Decimal:
    return Contract.objects.values_list("invoiced_amount", flat=True).get(pk=contract.pk)


def assert_kept(*contracts):
    for contract in contracts:
        assert stored(contract) == ledger.contract_invoiced(contract), contract


def test_the_services_keep_it_through_an_invoices_life(concluded):  # noqa: F811
    d = concluded
    contract = d["request"].contract
    assert stored(contract) == Decimal("0.00")
    first = submit(d, number="F-1", amount="5000.10")
    assert stored(contract) == Decimal("5000.10")
    second = submit(d, number="F-2", amount="2000.20")
    assert stored(contract) == Decimal("7000.30")
    attest_delivery(d)
    invoices.invoice_return(invoice_pk=second.pk, user=d["coordinator"], reason="Forkert beløb")
    assert stored(contract) == Decimal("5000.10")  # a returned invoice counts for nothing
    invoices.invoice_resubmit(
        invoice_pk=second.pk,
        user=d["staff"],
        invoice_date=timezone.localdate(),
        amount=Decimal("1500.00"),
    )
    assert stored(contract) == Decimal("6500.10")
    invoices.invoice_attest(invoice_pk=first.pk, user=d["coordinator"])
    invoices.invoice_pay(
        invoice_pk=first.pk, user=d["central"], paid_on=timezone.localdate(), reference="B-1"
    )
    assert stored(contract) == Decimal("6500.10")  # attesting and paying change no total
    assert_kept(contract)
    row = ledger.ledger([d["frame"]])[0]
    assert row.committed == Decimal("12500.00") - Decimal("6500.10")
    assert row.invoiced == Decimal("6500.10")


def test_any_write_keeps_it(model2):
    """Inserts, updates, a move to another contract, deletes and bulk inserts alike."""
    requests = [
        factories.complete_request(
            leader=model2["leader"], counterpart=model2["amr"], status="delivered", title=title
        )
        for title in ("A", "B")
    ]
    invoice = factories.invoiced(
        requests[0], number="R-1", state=State.AWAITING_REGION, submitted_by=model2["leader"]
    )
    one = invoice.contract
    other = factories.invoiced(
        requests[1], number="R-2", state=State.PAID, submitted_by=model2["leader"], amount="300"
    ).contract
    assert (stored(one), stored(other)) == (Decimal("1000.00"), Decimal("300.00"))
    Invoice.objects.filter(pk=invoice.pk).update(amount=Decimal("750.55"))
    assert stored(one) == Decimal("750.55")
    Invoice.objects.filter(pk=invoice.pk).update(state=State.RETURNED)
    assert stored(one) == Decimal("0.00")
    Invoice.objects.filter(pk=invoice.pk).update(state=State.AWAITING_REGION)
    Invoice.objects.filter(pk=invoice.pk).update(contract=other)
    assert (stored(one), stored(other)) == (Decimal("0.00"), Decimal("1050.55"))
    Invoice.objects.bulk_create(
        [
            Invoice(
                contract=one,
                provider_id=invoice.provider_id,
                frame_id=invoice.frame_id,
                number=f"B-{n}",
                invoice_date=invoice.invoice_date,
                amount=Decimal("0.10"),
                state=State.AWAITING_PAYMENT,
                pdf="invoices/x.pdf",
                submitted_by=model2["leader"],
                submitted_at=timezone.now(),
            )
            for n in range(3)
        ]
    )
    assert stored(one) == Decimal("0.30")
    Invoice.objects.filter(number="B-0").delete()
    Invoice.objects.filter(pk=invoice.pk).delete()
    assert (stored(one), stored(other)) == (Decimal("0.20"), Decimal("300.00"))
    assert_kept(one, other)


def test_the_migration_fills_it_for_the_invoices_already_there(model2):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], status="delivered"
    )
    contract = factories.invoiced(
        request, number="M-1", state=State.PAID, submitted_by=model2["leader"], amount="420.42"
    ).contract
    Contract.objects.filter(pk=contract.pk).update(invoiced_amount=0)  # as before 0018
    with connection.cursor() as cursor:
        cursor.execute(triggers.BACKFILL)
    assert stored(contract) == Decimal("420.42")


def test_the_triggers_are_installed(model2):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {name for (name,) in cursor.fetchall()}
    expected = {
        "sqlite": {
            f"requests_app_invoice_contract_invoiced_{e}" for e in ("insert", "delete", "update")
        },
        "postgresql": {"requests_app_invoice_contract_invoiced"},
    }[connection.vendor]
    assert expected <= names


def test_a_migration_that_rebuilds_the_tables_keeps_the_triggers_and_the_totals(seeded):
    """SQLite rebuilds a table to add a column with a default: the invoices table's triggers
    would go with it, and the contracts table could not be rebuilt while a trigger names it.
    Around every migration run they step aside and come back (``pre_migrate`` and
    ``post_migrate``); PostgreSQL alters in place."""
    from django.db import models

    scratch = {model: models.IntegerField(default=7) for model in (Contract, Invoice)}
    plan = [("a migration", False)]
    triggers.before_migrate(using="default", plan=plan)
    with connection.schema_editor() as editor:
        for model, field in scratch.items():
            field.set_attributes_from_name("scratch")
            field.model = model
            editor.add_field(model, field)
            editor.remove_field(model, field)
    triggers.after_migrate(using="default", plan=plan)
    leader = factories.MembershipFactory(workplace=factories.WorkplaceFactory(), role="leader")
    request = factories.complete_request(
        leader=leader.user,
        counterpart=factories.MembershipFactory(workplace=leader.workplace, role="amr").user,
        status="delivered",
    )
    contract = factories.invoiced(
        request, number="T-1", state=State.PAID, submitted_by=leader.user, amount="99.95"
    ).contract
    assert stored(contract) == Decimal("99.95")
