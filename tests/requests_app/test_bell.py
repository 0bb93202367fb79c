"""Every event that asks somebody to act is under their bell too (issue 11, point 8), and the
frame notices open the budget page of their frame (point 10)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from providers.models import BudgetFrame
from requests_app.services import contracts, frame_alerts, intake, invoices
from tests import factories
from tests.requests_app.test_invoices import pdf_file


def bell(user):
    return list(Notification.objects.filter(user=user).values_list("subject", flat=True))


@pytest.mark.django_db
def test_each_step_asks_the_next_actor_under_the_bell(model2, django_capture_on_commit_callbacks):
    d = model2
    request = factories.complete_request(leader=d["leader"], counterpart=d["amr"], title="Trivsel")
    with django_capture_on_commit_callbacks(execute=True):
        intake.request_submit(request_pk=request.pk, user=d["leader"])
    assert bell(d["amr"]) == ["Bekræft anmodningen: Trivsel"]
    assert bell(d["leader"]) == []
    # The bell does not add an e-mail: the event's own e-mail is the only one.
    assert [m.to for m in mail.outbox] == [[d["amr"].email]]

    intake.request_confirm(request_pk=request.pk, user=d["amr"])
    assert "Tag dialogen op: Trivsel" in bell(d["staff"])
    assert bell(d["other_staff"]) == []
    intake.request_start_dialogue(
        request_pk=request.pk, user=d["staff"], started_on=timezone.localdate(request.created_at)
    )
    contracts.contract_draft(
        request_pk=request.pk, user=d["staff"], data=factories.contract_data(), activities=[]
    )
    assert "Acceptér kontrakten: Trivsel" in bell(d["leader"])
    assert "Acceptér kontrakten: Trivsel" not in bell(d["staff"])
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    central = factories.CentralPartyFactory().user
    invoice = invoices.invoice_submit(
        request_pk=request.pk,
        user=d["staff"],
        number="F-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("100"),
        pdf=pdf_file(),
    )
    assert "Attestér leveringen: Trivsel" in bell(d["leader"])
    contracts.delivery_attest(
        request_pk=request.pk, user=d["leader"], delivered_on=timezone.localdate(request.created_at)
    )
    invoices.invoice_attest(invoice_pk=invoice.pk, user=d["coordinator"])
    notice = Notification.objects.get(user=central)
    assert notice.subject == "Betal fakturaen F-1: Trivsel"  # two invoices told apart
    assert notice.url == invoice.get_absolute_url()


def frame_passed_75_percent(model2, accept=contracts.contract_accept):
    """NFA's 2016-17 frame of 100.000 kr., 80 % used by a contract concluded through
    ``accept`` (the bell's budget alerts are then due)."""
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = Decimal("100000")
    frame.save()
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=model2["staff"],
        data=factories.contract_data(price=Decimal("80000")),
        activities=[],
    )
    for user in (model2["staff"], model2["leader"]):
        accept(request_pk=request.pk, user=user, version_number=1)
    return frame


@pytest.mark.django_db
def test_frame_notices_open_the_budget_page_of_their_frame(model2):
    frame = frame_passed_75_percent(model2)
    frame_alerts.check_frame_thresholds(frame)
    notice = Notification.objects.get(user=model2["staff"], key__startswith="frame:")
    assert notice.url == (
        reverse("invoices:ledger") + f"?provider={frame.provider_id}&period={frame.period_id}"
    )
