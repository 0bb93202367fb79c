"""Issue 11, point 3: no message ends in "kr.." (an amount, which ends in "kr.", then a full
stop). Each message that shows an amount is triggered through its service, in Danish."""

import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Notification
from providers.forms import BudgetFrameAdminForm
from providers.models import BudgetFrame
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, frame_alerts, invoices
from requests_app.services.base import RequestError
from tests import factories


@pytest.fixture(autouse=True)
def _danish():
    with translation.override("da"):
        yield


@pytest.fixture
def d(model2):
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = Decimal("100000")
    frame.save()
    return {**model2, "frame": frame, "request": new_request(model2)}


def new_request(d):
    return factories.request_in_dialogue(leader=d["leader"], counterpart=d["amr"], staff=d["staff"])


def draft(d, request, price):
    return contracts.contract_draft(
        request_pk=request.pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal(price)),
        activities=[],
    )


def accept(d, request, number=1):
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=number)


def concluded(d, request, price):
    draft(d, request, price)
    accept(d, request)


def submit(d, request, amount, number="F-1"):
    return invoices.invoice_submit(
        request_pk=request.pk,
        user=d["staff"],
        number=number,
        invoice_date=timezone.localdate(),
        amount=Decimal(amount),
        pdf=SimpleUploadedFile("f.pdf", minimal_pdf_bytes(), content_type="application/pdf"),
    )


def refusal(call, *args) -> str:
    with pytest.raises(RequestError) as error:
        call(*args)
    return str(error.value)


def assert_one_full_stop(message, amount):
    assert "kr.." not in message, message
    assert amount in message, message


@pytest.mark.django_db
def test_price_over_the_frame_at_drafting(d):
    message = refusal(draft, d, d["request"], "150000")
    assert_one_full_stop(message, "100.000,00 kr.")
    assert message.startswith("Prisen overstiger de 100.000,00 kr., der er tilbage")


@pytest.mark.django_db
def test_frame_refusal_at_conclusion(d):
    draft(d, d["request"], "50000")
    concluded(d, new_request(d), "60000")
    message = refusal(accept, d, d["request"])
    assert_one_full_stop(message, "40.000,00 kr.")
    assert "Den koster 50.000,00 kr." in message


@pytest.mark.django_db
def test_amendment_refused_by_the_frame_at_acceptance(d):
    concluded(d, d["request"], "12500")
    contracts.contract_edit(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal("50000")),
        activities=[],
    )
    concluded(d, new_request(d), "60000")  # leaves 27.500 + the contract's own 12.500
    message = refusal(accept, d, d["request"], 2)
    assert_one_full_stop(message, "40.000,00 kr.")
    assert "koster nu 50.000,00 kr." in message


@pytest.mark.django_db
def test_price_below_what_is_invoiced(d):
    concluded(d, d["request"], "12500")
    submit(d, d["request"], "10000")
    message = refusal(
        lambda: contracts.contract_edit(
            request_pk=d["request"].pk,
            user=d["staff"],
            data=factories.contract_data(price=Decimal("5000")),
            activities=[],
        )
    )
    assert_one_full_stop(message, "10.000,00 kr.")


@pytest.mark.django_db
def test_invoice_over_the_contract_amount(d):
    concluded(d, d["request"], "12500")
    message = refusal(submit, d, d["request"], "13000")
    assert_one_full_stop(message, "12.500,00 kr.")
    assert message.startswith("Beløbet overstiger de 12.500,00 kr., der er tilbage")


@pytest.mark.django_db
def test_the_75_percent_notice(d):
    concluded(d, d["request"], "80000")
    frame_alerts.check_frame_thresholds(d["frame"])
    notice = Notification.objects.get(user=d["staff"], key__startswith="frame:")
    assert notice.body == "80.000,00 kr. af 100.000,00 kr. er brugt."


@pytest.mark.django_db
def test_frame_below_what_is_used_in_the_admin(d):
    concluded(d, d["request"], "80000")
    form = BudgetFrameAdminForm(
        {"period": d["frame"].period_id, "provider": d["frame"].provider_id, "amount": "50.000"},
        instance=BudgetFrame.objects.get(pk=d["frame"].pk),
    )
    assert not form.is_valid()
    assert_one_full_stop(form.errors["amount"][0], "80.000,00 kr.")


@pytest.mark.django_db
def test_the_closing_message(client, d):
    concluded(d, d["request"], "12500")
    submit(d, d["request"], "10000")
    contracts.delivery_attest(
        request_pk=d["request"].pk, user=d["leader"], delivered_on=timezone.localdate()
    )
    client.force_login(d["staff"])
    response = client.post(reverse("requests:contract_close", kwargs={"pk": d["request"].pk}))
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert_one_full_stop(message, "10.000,00 kr.")


MONEY = ("remaining", "price", "invoiced", "left", "used", "amount", "rest", "accepted_price")
AMOUNT_THEN_STOP = re.compile(r"(%\((" + "|".join(MONEY) + r")\)s|\{\{ ?\w*price ?\}\})\.$")


def test_no_danish_translation_puts_a_full_stop_right_after_an_amount():
    path = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"
    offenders = [
        entry.msgid
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        and (AMOUNT_THEN_STOP.search(entry.msgid) or AMOUNT_THEN_STOP.search(entry.msgstr))
    ]
    assert offenders == []


def test_no_template_puts_a_full_stop_right_after_an_amount():
    templates = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path)
        for path in templates.rglob("*.html")
        if re.search(r"\|dkk\s*\}\}\.", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
