"""A to-do under the bell is settled when it is done (QA on the demo data): "Betal
fakturaen" stayed unread after the payment, and the bell kept counting it."""

import pytest
from django.utils import timezone

from accounts.models import Notification
from requests_app.models import Invoice, Status
from requests_app.services import invoices
from tests import factories


@pytest.fixture
def attested(db):
    """An invoice the region has attested: the central parties are asked to pay it."""
    workplace, leader, amr = factories.trio("sjaelland")
    factories.ProviderStaffFactory(provider=factories.provider("nfa"))
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    centrals = [factories.CentralPartyFactory().user for _ in range(2)]
    request = factories.complete_request(
        leader=leader,
        counterpart=amr,
        title="Trivsel",
        status=Status.DELIVERED,
        reached_provider_at=timezone.now(),
    )
    invoice = factories.invoiced(
        request, number="F-1", state=Invoice.State.AWAITING_REGION, submitted_by=leader
    )
    invoices.invoice_attest(invoice_pk=invoice.pk, user=coordinator)
    for central in centrals:
        notice = Notification.objects.get(user=central)
        assert notice.subject == "Betal fakturaen F-1: Trivsel" and notice.read_at is None
    return invoice, centrals


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@pytest.mark.django_db
def test_paying_the_invoice_settles_the_ask_to_pay_it_for_everyone(attested):
    invoice, (payer, other) = attested
    invoices.invoice_pay(
        invoice_pk=invoice.pk,
        user=payer,
        paid_on=timezone.localdate(),
        reference="BET-1",
    )
    assert unread(payer) == 0
    assert unread(other) == 0


@pytest.mark.django_db
def test_returning_the_invoice_settles_the_ask_to_pay_it(attested):
    invoice, (returner, other) = attested
    invoices.invoice_return(invoice_pk=invoice.pk, user=returner, reason="Forkert beløb")
    assert unread(returner) == 0 and unread(other) == 0


@pytest.mark.django_db
def test_asks_about_other_invoices_stay_unread(attested):
    invoice, (payer, _other) = attested
    Notification.objects.create(user=payer, key="event:999999:1", subject="Betal fakturaen: X")
    invoices.invoice_pay(
        invoice_pk=invoice.pk, user=payer, paid_on=timezone.localdate(), reference="BET-1"
    )
    assert list(
        Notification.objects.filter(user=payer, read_at__isnull=True).values_list("key", flat=True)
    ) == ["event:999999:1"]
