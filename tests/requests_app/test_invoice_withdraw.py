"""A returned invoice the provider gives up is withdrawn: it stays returned, counts for
nothing, and no queue, waiting line or bell asks anyone to correct it any more (browser QA:
a returned invoice replaced by a new one stayed "Sendt retur" and "correct the returned
invoice" for good)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from requests_app.models import Action, Invoice, RequestEvent
from requests_app.selectors import requests as request_selectors
from requests_app.selectors.start_page import start_page
from requests_app.services import invoices
from requests_app.services.base import RequestError
from tests.requests_app.test_invoices import attest_delivery, concluded, row, submit  # noqa: F401

State = Invoice.State


@pytest.fixture
def replaced(concluded):  # noqa: F811
    """F-1 returned by the region; the provider sends F-2 for the same work instead."""
    d = concluded
    attest_delivery(d)
    first = submit(d, number="F-1", amount="12500")
    invoices.invoice_return(invoice_pk=first.pk, user=d["coordinator"], reason="Forkert beløb")
    second = submit(d, number="F-2", amount="12500")
    return {**d, "first": first, "second": second}


def _withdraw(d):
    return invoices.invoice_withdraw(invoice_pk=d["first"].pk, user=d["staff"])


@pytest.mark.django_db
def test_withdrawing_keeps_it_returned_and_every_sum_as_it_was(replaced):
    d = replaced
    before = row(d)
    _withdraw(d)
    first = Invoice.objects.get(pk=d["first"].pk)
    assert first.state == State.RETURNED and first.withdrawn_at is not None
    assert first.get_state_display() == "Sendt retur og trukket tilbage af udbyderen"
    after = row(d)
    assert (after.committed, after.invoiced, after.remaining) == (
        before.committed,
        before.invoiced,
        before.remaining,
    )
    d["request"].contract.refresh_from_db()
    assert d["request"].contract.invoiced_amount == Decimal("12500")
    event = RequestEvent.objects.filter(invoice=first).latest("pk")
    assert (event.action, event.actor) == (Action.INVOICE_WITHDRAWN, d["staff"])


@pytest.mark.django_db
def test_only_the_providers_staff_withdraw_and_only_a_returned_invoice_once(replaced):
    d = replaced
    for user in (d["leader"], d["coordinator"], d["central"], d["other_staff"]):
        with pytest.raises(RequestError):
            invoices.invoice_withdraw(invoice_pk=d["first"].pk, user=user)
    with pytest.raises(RequestError, match="Sendt retur|Afventer"):
        invoices.invoice_withdraw(invoice_pk=d["second"].pk, user=d["staff"])
    _withdraw(d)
    with pytest.raises(RequestError, match="trukket tilbage"):
        _withdraw(d)
    with pytest.raises(RequestError, match="trukket tilbage"):
        invoices.invoice_resubmit(
            invoice_pk=d["first"].pk,
            user=d["staff"],
            invoice_date=d["first"].invoice_date,
            amount=Decimal("100"),
        )


@pytest.mark.django_db
def test_nobody_is_asked_to_correct_it_any_more(replaced):
    d = replaced
    staff, request = d["staff"], d["request"]
    # F-2 goes its way to payment; F-1 alone still asks the provider for a correction.
    invoices.invoice_attest(invoice_pk=d["second"].pk, user=d["coordinator"])
    invoices.invoice_pay(
        invoice_pk=d["second"].pk,
        user=d["central"],
        paid_on=timezone.localdate(),
        reference="R-1",
    )
    assert [i.number for i in start_page(user=staff)["invoices_returned"]] == ["F-1"]
    asked = Notification.objects.filter(user=staff, read_at__isnull=True, subject__contains="F-1")
    assert asked.exists()
    request.refresh_from_db()
    assert request_selectors.waiting_for(request).step == "rette den returnerede faktura"
    _withdraw(d)
    assert start_page(user=staff)["invoices_returned"] == []
    assert not asked.exists()
    assert request_selectors.waiting_for(request).step == "fakturere eller lukke kontrakten"


@pytest.mark.django_db
def test_the_page_offers_withdrawal_to_the_provider_and_says_it_is_done(client, replaced):
    d = replaced
    url = reverse("invoices:detail", args=[d["first"].pk])
    withdraw = reverse("invoices:withdraw", args=[d["first"].pk])
    client.force_login(d["coordinator"])
    assert withdraw not in client.get(url).content.decode()
    client.force_login(d["staff"])
    assert withdraw in client.get(url).content.decode()
    page = client.post(withdraw, follow=True).content.decode()
    assert "Fakturaen er trukket tilbage." in page
    assert "Trukket tilbage af udbyderen" in page
    assert withdraw not in page
    assert reverse("invoices:resubmit", args=[d["first"].pk]) not in page


@pytest.mark.django_db
def test_whoever_returned_it_is_told_and_nobody_is_asked(
    replaced, django_capture_on_commit_callbacks
):
    from django.core import mail

    d = replaced
    with django_capture_on_commit_callbacks(execute=True):
        _withdraw(d)
    told = [m for m in mail.outbox if "trukket tilbage" in m.subject.lower()]
    assert [m.to for m in told] == [[d["coordinator"].email]], [m.subject for m in mail.outbox]
    assert not Notification.objects.filter(
        user=d["coordinator"], read_at__isnull=True, subject__contains="F-1"
    ).exists()
