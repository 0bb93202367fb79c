"""Every page of the contract, invoicing and ledger, for every role, as designed."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, invoices
from tests import factories
from tests.requests_app.conftest import ROLES


@pytest.fixture
def world(model2, people):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=model2["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    for user in (model2["staff"], model2["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    invoice = invoices.invoice_submit(
        request_pk=request.pk,
        user=model2["staff"],
        number="F-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("1000"),
        pdf=SimpleUploadedFile("f.pdf", minimal_pdf_bytes(), content_type="application/pdf"),
    )
    return {"request": request, "invoice": invoice, "people": people}


LOCAL = {"leader", "amr", "colleague"}
SEES_REQUEST = LOCAL | {"staff", "coordinator", "central"}


def expected_for(page, role):
    if role == "anonymous":
        return 302
    if page in {"contract_pdf", "contract_ics"}:
        if role not in SEES_REQUEST:
            return 404
        return 403 if role == "coordinator" else 200
    if page == "contract_edit":
        if role not in SEES_REQUEST:
            return 404
        # Concluded: the parties may amend it (a new version to accept); others may not.
        return 200 if role in LOCAL | {"staff"} else 403
    if page == "invoice_new":
        if role not in SEES_REQUEST:
            return 404
        return 200 if role == "staff" else 403
    if page in {"invoice_detail", "invoice_pdf"}:
        return 200 if role in SEES_REQUEST else 404
    if page == "invoice_list":
        return 200
    if page == "ledger":
        return 200 if role in {"staff", "other_staff", "central"} else 403
    if page == "notifications":
        return 200
    raise AssertionError(page)


def url_for(page, world):
    pk, invoice = world["request"].pk, world["invoice"].pk
    return {
        "contract_pdf": reverse("requests:contract_pdf", kwargs={"pk": pk, "number": 1}),
        "contract_ics": reverse("requests:contract_ics", kwargs={"pk": pk}),
        "contract_edit": reverse("requests:contract_edit", kwargs={"pk": pk}),
        "invoice_new": reverse("requests:invoice_new", kwargs={"pk": pk}),
        "invoice_detail": reverse("invoices:detail", kwargs={"pk": invoice}),
        "invoice_pdf": reverse("invoices:pdf", kwargs={"pk": invoice}),
        "invoice_list": reverse("invoices:list"),
        "ledger": reverse("invoices:ledger"),
        "notifications": reverse("notifications"),
    }[page]


PAGES = [
    "contract_pdf",
    "contract_ics",
    "contract_edit",
    "invoice_new",
    "invoice_detail",
    "invoice_pdf",
    "invoice_list",
    "ledger",
    "notifications",
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_page_for_role(client, world, page, role):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(url_for(page, world))
    assert response.status_code == expected_for(page, role), (page, role)


ACTIONS = {
    # action url name: (post data, roles that succeed)
    "invoices:attest": ({}, set()),  # awaits the delivery first: nobody may attest yet
    "invoices:return": ({"reason": "Forkert"}, LOCAL),
    "invoices:pay": ({"paid_on": "2016-12-10", "reference": "X"}, set()),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_invoice_actions_for_role(client, world, action, role):
    data, allowed = ACTIONS[action]
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    invoice = world["invoice"]
    before = invoice.state
    response = client.post(reverse(action, kwargs={"pk": invoice.pk}), data)
    invoice.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role not in SEES_REQUEST:
        assert response.status_code == 404
    else:
        assert response.status_code == 302
    assert (invoice.state != before) == (role in allowed), (action, role)
