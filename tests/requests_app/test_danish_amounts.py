"""Issue 11, point 1, through the pages: the contract price and the invoice amount are typed
the Danish way, and a form shows a stored amount as it is typed."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Contract, Invoice
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, invoices
from tests import factories

CONTRACT = {
    "workplace_contact": "Lene",
    "provider_contact": "NFA",
    "wishes_expectations": "x",
    "task_scope": "y",
    "target_group": "z",
    "planned_delivery_on": "2016-11-30",
    "activities-TOTAL_FORMS": "1",
    "activities-INITIAL_FORMS": "0",
    "activities-0-description": "Workshop",
    "activities-0-starts_on": "2016-10-03",
}


@pytest.fixture
def dialogue(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    return {**model2, "request": request}


def pdf():
    return SimpleUploadedFile("faktura.pdf", minimal_pdf_bytes(), content_type="application/pdf")


@pytest.mark.django_db
def test_the_contract_form_takes_85_000(client, dialogue):
    client.force_login(dialogue["staff"])
    url = reverse("requests:contract_edit", kwargs={"pk": dialogue["request"].pk})
    response = client.post(url, {**CONTRACT, "price": "85.000"})
    assert response.status_code == 302, response.content.decode()
    assert Contract.objects.get().current.price == Decimal("85000.00")
    # The next version's form shows the price as it is typed, and takes it back unchanged.
    page = client.get(url).content.decode()
    assert 'value="85.000,00"' in page
    response = client.post(url, {**CONTRACT, "price": "85.000,00", "target_group": "alle"})
    assert response.status_code == 302
    assert Contract.objects.get().current.price == Decimal("85000.00")


@pytest.mark.django_db
def test_the_contract_form_explains_the_danish_form(client, dialogue):
    client.force_login(dialogue["staff"])
    url = reverse("requests:contract_edit", kwargs={"pk": dialogue["request"].pk})
    response = client.post(url, {**CONTRACT, "price": "12500.50"})
    assert response.status_code == 200
    assert "Skriv beløbet som 250.000,00" in response.content.decode()
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_the_invoice_and_correction_forms_take_100_000_00(client, dialogue):
    d = dialogue
    contracts.contract_draft(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(price=Decimal("100000")),
        activities=[],
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=d["request"].pk, user=user, version_number=1)
    client.force_login(d["staff"])
    url = reverse("requests:invoice_new", kwargs={"pk": d["request"].pk})
    response = client.post(
        url,
        {
            "number": "F-1",
            "invoice_date": timezone.localdate().isoformat(),
            "amount": "100.000,00",
            "pdf": pdf(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    invoice = Invoice.objects.get()
    assert invoice.amount == Decimal("100000.00")

    invoices.invoice_return(invoice_pk=invoice.pk, user=d["leader"], reason="Forkert beløb")
    page = client.get(reverse("invoices:detail", kwargs={"pk": invoice.pk})).content.decode()
    assert 'value="100.000,00"' in page  # the correction form, as it is typed
    response = client.post(
        reverse("invoices:resubmit", kwargs={"pk": invoice.pk}),
        {"invoice_date": timezone.localdate().isoformat(), "amount": "95 000,00 kr."},
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.amount == Decimal("95000.00")
