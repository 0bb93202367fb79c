"""For every role and every state: the buttons a page shows are exactly what the services
would accept. Each button's service is called in a savepoint that is rolled back, so every
attempt starts from the same state."""

import re
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import resolve
from django.utils import timezone

from accounts.models import Region
from requests_app import permissions
from requests_app.models import Request
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, intake, invoices
from requests_app.services.base import RequestError
from tests import factories
from tests.requests_app.conftest import ROLES

TODAY = timezone.localdate


class _Rollback(Exception):
    pass


def _attempt(call) -> bool:
    """Whether the service accepts the call; nothing it does is kept."""
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except _Rollback:
        return True
    except RequestError:
        return False


def _pdf():
    return SimpleUploadedFile("f.pdf", minimal_pdf_bytes(), content_type="application/pdf")


def request_calls(request, user, other_provider):
    pk = request.pk
    contract = getattr(request, "contract", None)
    version = contract.current.number if contract else 1
    return {
        "update": lambda: intake.request_update(request=request, user=user, data={"wishes": "x"}),
        "submit": lambda: intake.request_submit(request_pk=pk, user=user),
        "confirm": lambda: intake.request_confirm(request_pk=pk, user=user),
        "send_back": lambda: intake.request_send_back(request_pk=pk, user=user, comment="x"),
        "region_approve": lambda: intake.request_region_approve(request_pk=pk, user=user),
        "region_return": lambda: intake.request_region_return(request_pk=pk, user=user, reason="x"),
        "decline": lambda: intake.request_decline(request_pk=pk, user=user, reason="no_capacity"),
        "redirect": lambda: intake.request_redirect(
            request_pk=pk, user=user, provider=other_provider
        ),
        "withdraw": lambda: intake.request_withdraw(request_pk=pk, user=user),
        "contract_draft": lambda: contracts.contract_draft(
            request_pk=pk, user=user, data=factories.contract_data(), activities=[]
        ),
        "contract_edit": lambda: contracts.contract_edit(
            request_pk=pk, user=user, data=factories.contract_data(), activities=[]
        ),
        "contract_comment": lambda: contracts.contract_comment(
            request_pk=pk, user=user, comment="x"
        ),
        "contract_accept": lambda: contracts.contract_accept(
            request_pk=pk, user=user, version_number=version
        ),
        "delivery_attest": lambda: contracts.delivery_attest(
            request_pk=pk, user=user, delivered_on=TODAY()
        ),
        "contract_close": lambda: contracts.contract_close(request_pk=pk, user=user),
        "invoice_submit": lambda: invoices.invoice_submit(
            request_pk=pk,
            user=user,
            number="T-1",
            invoice_date=timezone.localdate(),
            amount=Decimal("100"),
            pdf=_pdf(),
        ),
    }


def invoice_calls(invoice, user):
    pk = invoice.pk
    return {
        "invoice_return": lambda: invoices.invoice_return(invoice_pk=pk, user=user, reason="x"),
        "invoice_attest": lambda: invoices.invoice_attest(invoice_pk=pk, user=user),
        "invoice_pay": lambda: invoices.invoice_pay(
            invoice_pk=pk, user=user, paid_on=TODAY(), reference="R-1"
        ),
        "invoice_resubmit": lambda: invoices.invoice_resubmit(
            invoice_pk=pk, user=user, invoice_date=timezone.localdate(), amount=Decimal("90")
        ),
        "invoice_withdraw": lambda: invoices.invoice_withdraw(invoice_pk=pk, user=user),
    }


# URL names of the buttons and links on the pages, and the action each one does.
URL_ACTIONS = {
    "requests:step": "update",
    "requests:submit": "submit",
    "requests:confirm": "confirm",
    "requests:send_back": "send_back",
    "requests:region_approve": "region_approve",
    "requests:region_return": "region_return",
    "requests:decline": "decline",
    "requests:redirect": "redirect",
    "requests:withdraw": "withdraw",
    "requests:contract_accept": "contract_accept",
    "requests:contract_comment": "contract_comment",
    "requests:delivery_attest": "delivery_attest",
    "requests:contract_close": "contract_close",
    "requests:invoice_new": "invoice_submit",
    "invoices:return": "invoice_return",
    "invoices:attest": "invoice_attest",
    "invoices:pay": "invoice_pay",
    "invoices:resubmit": "invoice_resubmit",
    "invoices:withdraw": "invoice_withdraw",
}


def page_actions(client, user, url, *, has_contract=False) -> set[str]:
    if user is None:
        response = client.get(url)
        assert response.status_code == 302
        return set()
    client.force_login(user)
    response = client.get(url)
    client.logout()
    if response.status_code == 404:
        return set()
    assert response.status_code == 200
    found = set()
    for target in re.findall(r'(?:action|href)="(/[^"?#]*)"', response.content.decode()):
        try:
            match = resolve(target)
        except Exception:  # noqa: S112 - links outside the URLconf (static files)
            continue
        name = f"{match.namespace}:{match.url_name}"
        if name == "requests:contract_edit":
            found.add("contract_edit" if has_contract else "contract_draft")
        elif name in URL_ACTIONS:
            found.add(URL_ACTIONS[name])
    return found


def _submit(p, request):
    intake.request_submit(request_pk=request.pk, user=p["leader"])


def _at_provider(p, request):
    _submit(p, request)
    intake.request_confirm(request_pk=request.pk, user=p["amr"])


def _dialogue(p, request):
    _at_provider(p, request)
    intake.request_start_dialogue(request_pk=request.pk, user=p["staff"], started_on=TODAY())


def _drafted(p, request):
    _dialogue(p, request)
    contracts.contract_draft(
        request_pk=request.pk, user=p["staff"], data=factories.contract_data(), activities=[]
    )


def _half_accepted(p, request):
    _drafted(p, request)
    contracts.contract_accept(request_pk=request.pk, user=p["staff"], version_number=1)


def _contracted(p, request):
    _half_accepted(p, request)
    contracts.contract_accept(request_pk=request.pk, user=p["leader"], version_number=1)


def _amendment(p, request):
    _contracted(p, request)
    contracts.contract_edit(
        request_pk=request.pk,
        user=p["staff"],
        data=factories.contract_data(price=Decimal("13000")),
        activities=[],
    )


def _delivered(p, request):
    _contracted(p, request)
    contracts.delivery_attest(request_pk=request.pk, user=p["leader"], delivered_on=TODAY())


def _fully_invoiced(p, request):
    """Delivered, and one invoice for the contract's whole amount (browser QA: "Ny faktura"
    was still offered with 0,00 kr. left, and its form could only be refused)."""
    _delivered(p, request)
    invoices.invoice_submit(
        request_pk=request.pk,
        user=p["staff"],
        number="F-ALL",
        invoice_date=TODAY(),
        amount=factories.contract_data()["price"],
        pdf=_pdf(),
    )


def _closed(p, request):
    _delivered(p, request)
    contracts.contract_close(request_pk=request.pk, user=p["staff"])


def _awaiting_region(p, request):
    Region.objects.filter(pk=request.workplace.region_id).update(model=Region.Model.STRATEGIC)
    _at_provider(p, request)


def _declined(p, request):
    _at_provider(p, request)
    intake.request_decline(request_pk=request.pk, user=p["staff"], reason="no_capacity")


def _withdrawn(p, request):
    intake.request_withdraw(request_pk=request.pk, user=p["leader"])


SCENARIOS = {
    "draft": lambda p, r: None,
    "awaiting_counterpart": _submit,
    "awaiting_region": _awaiting_region,
    "at_provider": _at_provider,
    "dialogue": _dialogue,
    "dialogue_drafted": _drafted,
    "dialogue_half_accepted": _half_accepted,
    "contracted": _contracted,
    "amendment_pending": _amendment,
    "delivered": _delivered,
    "fully_invoiced": _fully_invoiced,
    "closed": _closed,
    "declined": _declined,
    "withdrawn": _withdrawn,
}


@pytest.fixture(autouse=True)
def _quick_pdfs():
    # The rendering is tested elsewhere; here only who may act matters.
    with mock.patch("requests_app.pdf.contract_pdf_bytes", return_value=minimal_pdf_bytes()):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_request_page_buttons_equal_what_the_services_accept(client, people, scenario):
    request = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
    SCENARIOS[scenario](people, request)
    other_provider = factories.provider("cbs")
    for role in ROLES:
        user = people[role]
        request = Request.objects.get(pk=request.pk)
        has_contract = getattr(request, "contract", None) is not None
        shown = page_actions(client, user, request.get_absolute_url(), has_contract=has_contract)
        actor = user or AnonymousUser()
        accepted = {
            name
            for name, call in request_calls(request, actor, other_provider).items()
            if _attempt(call)
        }
        assert shown == accepted, (scenario, role, shown ^ accepted)
        assert permissions.available_actions(actor, request) == accepted, (scenario, role)


def _invoice_at(p, state):
    request = factories.complete_request(leader=p["leader"], counterpart=p["amr"])
    (_delivered if state != "awaiting_delivery" else _contracted)(p, request)
    invoice = invoices.invoice_submit(
        request_pk=request.pk,
        user=p["staff"],
        number="F-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("12500"),
        pdf=_pdf(),
    )
    if state in {"awaiting_payment", "paid"}:
        invoices.invoice_attest(invoice_pk=invoice.pk, user=p["coordinator"])
    if state == "paid":
        invoices.invoice_pay(
            invoice_pk=invoice.pk, user=p["central"], paid_on=TODAY(), reference="R"
        )
    if state in {"returned", "withdrawn"}:
        invoices.invoice_return(invoice_pk=invoice.pk, user=p["coordinator"], reason="Forkert")
    if state == "withdrawn":
        invoices.invoice_withdraw(invoice_pk=invoice.pk, user=p["staff"])
    invoice.refresh_from_db()
    assert invoice.state == ("returned" if state == "withdrawn" else state)
    assert invoice.is_withdrawn is (state == "withdrawn")
    return invoice


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state",
    ["awaiting_delivery", "awaiting_region", "awaiting_payment", "paid", "returned", "withdrawn"],
)
def test_invoice_page_buttons_equal_what_the_services_accept(client, people, state):
    invoice = _invoice_at(people, state)
    for role in ROLES:
        user = people[role]
        shown = page_actions(client, user, invoice.get_absolute_url())
        actor = user or AnonymousUser()
        accepted = {name for name, call in invoice_calls(invoice, actor).items() if _attempt(call)}
        assert shown == accepted, (state, role, shown ^ accepted)
        assert permissions.available_actions(actor, invoice) == accepted, (state, role)
