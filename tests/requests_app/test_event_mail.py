"""An event's e-mail names the event, not only the request's status (browser QA: every
invoice e-mail said "Levering attesteret", the request's status, and each contract draft
"Dialog startet"); an invoice's e-mail names the invoice."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from requests_app.services import contracts, intake, invoices
from tests import factories
from tests.requests_app.test_invoices import pdf_file


def mails_to(user, about):
    """The e-mails to ``user`` whose subject names ``about`` (the outbox also sends what
    earlier events left waiting)."""
    return [m for m in mail.outbox if user.email in m.to and about in m.subject]


@pytest.mark.django_db
def test_each_mail_says_what_happened(model2, django_capture_on_commit_callbacks):
    d = model2
    request = factories.complete_request(leader=d["leader"], counterpart=d["amr"], title="Trivsel")
    intake.request_submit(request_pk=request.pk, user=d["leader"])
    intake.request_confirm(request_pk=request.pk, user=d["amr"])
    intake.request_start_dialogue(
        request_pk=request.pk, user=d["staff"], started_on=timezone.localdate(request.created_at)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contracts.contract_draft(
            request_pk=request.pk, user=d["staff"], data=factories.contract_data(), activities=[]
        )
    (drafted,) = mails_to(d["leader"], "Kontrakt")
    assert drafted.subject == "Anmodning “Trivsel”: Kontrakt udarbejdet"
    assert drafted.body.startswith("Kontrakt udarbejdet: anmodningen “Trivsel” fra ")
    assert "Anmodningens status er nu: Dialog startet." in drafted.body

    contracts.contract_accept(request_pk=request.pk, user=d["staff"], version_number=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contracts.contract_accept(request_pk=request.pk, user=d["leader"], version_number=1)
    # The second acceptance concluded the contract: one e-mail says so, not two at once.
    assert [m.subject for m in mails_to(d["staff"], "Kontrakt")] == [
        "Anmodning “Trivsel”: Kontrakt indgået; beløbet er reserveret i rammen"
    ]
    invoice = invoices.invoice_submit(
        request_pk=request.pk,
        user=d["staff"],
        number="F-17",
        invoice_date=timezone.localdate(),
        amount=Decimal("9500"),
        pdf=pdf_file(),
    )
    contracts.delivery_attest(
        request_pk=request.pk, user=d["leader"], delivered_on=timezone.localdate(request.created_at)
    )
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    central = factories.CentralPartyFactory().user
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invoices.invoice_pay(
            invoice_pk=invoice.pk, user=central, paid_on=timezone.localdate(), reference="B-1"
        )
    (paid,) = mails_to(d["staff"], "Faktura")
    assert paid.subject == "Anmodning “Trivsel”: Faktura betalt (F-17)"
    assert paid.body.startswith("Faktura betalt: anmodningen “Trivsel” fra ")
    assert "Faktura F-17, beløb: 9.500,00 kr." in paid.body
    assert "Levering attesteret" in paid.body.split("status er nu:")[1]  # still said, last
