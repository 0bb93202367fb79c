"""Four eyes on money: who attested an invoice never pays it, and a role someone granted
themself never lets them attest or pay (issue 10, point 6)."""

import pytest
from django.utils import timezone

from accounts.models import RegionalCoordinator
from accounts.services import role_change_log
from requests_app import permissions
from requests_app.services import invoices
from requests_app.services.base import RequestError
from tests import factories
from tests.requests_app.test_invoices import attest_delivery, concluded, submit  # noqa: F401


def _pay(invoice, user):
    return invoices.invoice_pay(
        invoice_pk=invoice.pk, user=user, paid_on=timezone.localdate(), reference="R-1"
    )


@pytest.mark.django_db
def test_who_attested_an_invoice_cannot_pay_it(concluded):  # noqa: F811
    d = concluded
    attest_delivery(d)
    invoice = submit(d)
    # A central user who also holds the region's coordinator role, granted by someone else.
    both = d["central"]
    row = RegionalCoordinator.objects.create(user=both, region=d["request"].workplace.region)
    role_change_log(actor=factories.UserFactory(is_superuser=True), role=row, granted=True)
    invoices.invoice_attest(invoice_pk=invoice.pk, user=both)
    invoice.refresh_from_db()
    assert "invoice_pay" not in permissions.available_actions(both, invoice)
    with pytest.raises(RequestError, match="selv"):
        _pay(invoice, both)
    other_central = factories.CentralPartyFactory().user
    assert "invoice_pay" in permissions.available_actions(other_central, invoice)
    _pay(invoice, other_central)
    invoice.refresh_from_db()
    assert invoice.paid_by == other_central


@pytest.mark.django_db
def test_a_self_granted_role_never_attests_or_pays(concluded):  # noqa: F811
    d = concluded
    attest_delivery(d)
    invoice = submit(d)
    central = d["central"]
    row = RegionalCoordinator.objects.create(user=central, region=d["request"].workplace.region)
    role_change_log(actor=central, role=row, granted=True)
    with pytest.raises(RequestError):
        invoices.invoice_attest(invoice_pk=invoice.pk, user=central)
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    with pytest.raises(RequestError):
        _pay(invoice, central)
    invoice.refresh_from_db()
    assert invoice.state == invoice.State.AWAITING_PAYMENT
