"""Issue 10, point 10 (the PDF half): the final contract PDF is rendered before any frame row
is locked, at conclusion and at amendment; the frame lock covers only the money check and the
writes. A refused conclusion leaves the version's earlier PDF as it was."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from providers.models import BudgetFrame
from requests_app import pdf
from requests_app.models import Contract
from requests_app.services import contract_frames, contracts
from requests_app.services.base import RequestError
from tests import factories

IN_2017 = datetime.date(2017, 9, 30)


def nfa_frames():
    return list(BudgetFrame.objects.filter(provider__slug="nfa").values_list("pk", flat=True))


def try_lock_from_another_connection(pks) -> str:
    """From a second connection: can the frames' rows be locked right now?"""
    from django.db import connections

    result = []

    def attempt():
        try:
            with transaction.atomic():
                rows = BudgetFrame.objects.select_for_update(nowait=True, of=("self",))
                list(rows.filter(pk__in=pks))
            result.append("free")
        except DatabaseError:
            result.append("locked")
        finally:
            connections.close_all()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(timeout=30)
    return result[0] if result else "no answer"


def draft_and_accept_both(d, **overrides):
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"]
    )
    data = factories.contract_data(**overrides)
    contracts.contract_draft(request_pk=request.pk, user=d["staff"], data=data, activities=[])
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    return request


def amend(d, request, **overrides):
    data = factories.contract_data(**overrides)
    contracts.contract_edit(request_pk=request.pk, user=d["staff"], data=data, activities=[])
    number = Contract.objects.get(request=request).current.number
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=number)


@pytest.fixture
def people(seeded):
    _, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    return {"leader": leader, "amr": amr, "staff": staff}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_frame_row_is_locked_while_the_final_pdf_renders(people, monkeypatch):
    from django.db import connection

    assert connection.vendor == "postgresql"
    original = pdf.contract_pdf_bytes
    pks = nfa_frames()
    seen = []

    def render(version):
        if version.is_fully_accepted:
            seen.append((version.number, try_lock_from_another_connection(pks)))
        return original(version)

    monkeypatch.setattr(pdf, "contract_pdf_bytes", render)
    request = draft_and_accept_both(people)  # conclusion: one frame
    amend(people, request, planned_delivery_on=IN_2017, price=Decimal("14000"))  # two frames
    assert seen == [(1, "free"), (2, "free")]
    # The probe can see a lock: the frames are locked while the money is checked.
    probes = []

    def check(frame, price):
        probes.append(try_lock_from_another_connection(pks))
        return original_check(frame, price)

    original_check = contract_frames.check_conclusion
    monkeypatch.setattr(contracts, "check_conclusion", check)
    draft_and_accept_both(people)
    assert probes == ["locked"]


@pytest.mark.django_db
def test_the_final_pdf_is_rendered_before_the_frames_are_locked(model2, monkeypatch):
    order = []
    original_render, original_lock = pdf.contract_pdf_bytes, contracts.lock_frames

    def render(version):
        order.append(f"pdf v{version.number}" if version.is_fully_accepted else "draft pdf")
        return original_render(version)

    def lock(*pks):
        order.append("lock")
        return original_lock(*pks)

    monkeypatch.setattr(pdf, "contract_pdf_bytes", render)
    monkeypatch.setattr(contracts, "lock_frames", lock)
    request = draft_and_accept_both(model2)
    assert order[-2:] == ["pdf v1", "lock"]
    amend(model2, request, planned_delivery_on=IN_2017)
    assert order[-2:] == ["pdf v2", "lock"]
    contract = Contract.objects.get(request=request)
    assert contract.accepted.number == 2 and contract.accepted.pdf_sha256


@pytest.mark.django_db
def test_a_refused_conclusion_keeps_the_pdf_the_version_had(model2):
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    data = factories.contract_data(price=Decimal("12500"))
    contracts.contract_draft(request_pk=request.pk, user=model2["staff"], data=data, activities=[])
    contracts.contract_accept(request_pk=request.pk, user=model2["staff"], version_number=1)
    frame.amount = Decimal("10000")
    frame.save(update_fields=["amount"])
    version = Contract.objects.get(request=request).current
    name, sha = version.pdf.name, version.pdf_sha256
    with pytest.raises(RequestError, match="10.000,00 kr."):
        contracts.contract_accept(request_pk=request.pk, user=model2["leader"], version_number=1)
    version.refresh_from_db()
    assert (version.pdf.name, version.pdf_sha256) == (name, sha)
    assert version.pdf.storage.exists(name)
    assert version.workplace_accepted_by is None
    assert Contract.objects.get(request=request).state == Contract.State.DRAFT
