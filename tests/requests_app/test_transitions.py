"""The transition tables, their services, their rules and their tests stay in step."""

import inspect
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from requests_app import permissions, transitions
from requests_app.models import Contract, Status
from requests_app.services import contracts, intake, invoices
from requests_app.services.base import RequestError, lock_request
from tests import factories

SERVICE_MODULES = {"request": intake, "contract": contracts, "invoice": invoices}
# Public functions of the service modules that are no transition of a table, and why.
NOT_TRANSITIONS = {
    "request_create": "creates the request: there is no state before it",
    "invite_counterpart": "part of request_update",
    "render_pdf": "part of drafting, editing and accepting",
    "check_pdf": "part of submitting and correcting an invoice",
}
TESTS = "\n".join(path.read_text() for path in (Path(__file__).parents[1]).rglob("test_*.py"))


def service_of(aggregate: str, action: str):
    name = f"request_{action}" if aggregate == "request" else action
    return getattr(SERVICE_MODULES[aggregate], name, None), name


ROWS = [(aggregate, action) for aggregate, table in transitions.TABLES.items() for action in table]


@pytest.mark.parametrize(("aggregate", "action"), ROWS)
def test_every_row_has_a_service_a_rule_and_a_test(aggregate, action):
    service, name = service_of(aggregate, action)
    assert callable(service), f"no service {name} for {aggregate} action {action}"
    assert action in permissions.ACTION_RULES, f"no rule for {action}"
    assert f"{name}(" in TESTS.replace(f"def test_{name}(", ""), f"no test calls {name}"
    source = inspect.getsource(service)
    assert "check_transition" in source or "_lock_invoice(" in source, f"{name} checks nothing"


@pytest.mark.parametrize("aggregate", sorted(SERVICE_MODULES))
def test_every_service_has_a_row(aggregate):
    module = SERVICE_MODULES[aggregate]
    rows = {service_of(aggregate, action)[1] for action in transitions.TABLES[aggregate]}
    public = {
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }
    assert public - rows - set(NOT_TRANSITIONS) == set()


def test_every_rule_belongs_to_a_row():
    assert set(permissions.ACTION_RULES) == set(transitions.ALL_TRANSITIONS)


def test_a_target_is_a_state_of_its_aggregate():
    from requests_app.models import Contract, Invoice, Status

    states = {"request": set(Status), "contract": {*Contract.State, ""}}
    states["invoice"] = set(Invoice.State)
    for aggregate, table in transitions.TABLES.items():
        for action, row in table.items():
            assert row.target is None or row.target in states[aggregate], action
            assert row.sources <= states[aggregate] | {transitions.NONE}, action


@pytest.fixture
def drafted(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk, user=model2["staff"], data=factories.contract_data(), activities=[]
    )
    return {**model2, "request": request}


def _under_lock(request):
    locked = lock_request(request.pk)
    contract = Contract.objects.select_for_update().get(request=locked)
    return locked, contract, contract.current


@pytest.mark.django_db
def test_contract_conclude_only_once_and_only_a_draft(drafted):
    with transaction.atomic():
        request, contract, version = _under_lock(drafted["request"])
        with pytest.raises(RequestError):
            contracts.contract_amend(
                request=request, contract=contract, version=version, user=drafted["leader"]
            )
        contracts.contract_conclude(
            request=request, contract=contract, version=version, user=drafted["leader"]
        )
    drafted["request"].refresh_from_db()
    assert drafted["request"].status == Status.CONTRACTED
    with transaction.atomic():
        request, contract, version = _under_lock(drafted["request"])
        with pytest.raises(RequestError):
            contracts.contract_conclude(
                request=request, contract=contract, version=version, user=drafted["leader"]
            )


@pytest.mark.django_db
def test_contract_discard_draft_only_after_a_decline(drafted):
    request = drafted["request"]
    with pytest.raises(RequestError), transaction.atomic():
        contracts.contract_discard_draft(request=lock_request(request.pk))
    assert Contract.objects.filter(request=request).exists()
    intake.request_decline(request_pk=request.pk, user=drafted["staff"], reason="no_capacity")
    with transaction.atomic():
        contracts.contract_discard_draft(request=lock_request(request.pk))
    assert not Contract.objects.filter(request=request).exists()


@pytest.mark.django_db
def test_invoice_delivery_confirm_moves_waiting_invoices_and_logs_each(drafted):
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.models import Action, Invoice
    from requests_app.pdf import minimal_pdf_bytes

    request = drafted["request"]
    for user in (drafted["staff"], drafted["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    pdf = SimpleUploadedFile("f.pdf", minimal_pdf_bytes(), content_type="application/pdf")
    invoice = invoices.invoice_submit(
        request_pk=request.pk,
        user=drafted["staff"],
        number="F-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("100"),
        pdf=pdf,
    )
    with transaction.atomic():
        locked, contract, _version = _under_lock(request)
        moved = invoices.invoice_delivery_confirm(
            request=locked, contract=contract, user=drafted["leader"]
        )
    invoice.refresh_from_db()
    assert moved == 1
    assert invoice.state == Invoice.State.AWAITING_REGION
    assert invoice.events.filter(action=Action.INVOICE_DELIVERY_CONFIRMED).count() == 1


def test_the_dialogue_starts_by_itself_and_has_no_button():
    """Issue 18, point 4: the provider's first message, proposal or recorded contact takes up
    the dialogue (``dialogue.services``); the bare button and its address are gone."""
    from django.urls import NoReverseMatch, reverse

    row = transitions.REQUEST_TRANSITIONS["start_dialogue"]
    assert row.automatic and row.target == Status.DIALOGUE
    with pytest.raises(NoReverseMatch):
        reverse("requests:start_dialogue", kwargs={"pk": 1})
