"""PostgreSQL only: many contracts concluded at once against one frame never exceed it."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from providers.models import BudgetFrame
from requests_app.models import Contract
from requests_app.selectors.ledger import frame_used
from requests_app.services import contracts
from requests_app.services.base import RequestError
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12
PRICE = Decimal("15000.00")
FRAME = Decimal("100000.00")  # room for six contracts, not seven


def test_concurrent_conclusions_never_exceed_the_frame(seeded):
    assert connection.vendor == "postgresql"
    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = FRAME
    frame.save()
    requests = []
    for _ in range(THREADS):
        request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
        contracts.contract_draft(
            request_pk=request.pk,
            user=staff,
            data=factories.contract_data(price=PRICE),
            activities=[],
        )
        contracts.contract_accept(request_pk=request.pk, user=staff, version_number=1)
        requests.append(request)

    barrier = threading.Barrier(THREADS)
    outcomes = []

    def conclude(request_pk):
        from django.db import connections

        try:
            barrier.wait()
            contracts.contract_accept(request_pk=request_pk, user=leader, version_number=1)
            outcomes.append("concluded")
        except RequestError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=conclude, args=(r.pk,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    concluded = Contract.objects.filter(frame=frame, state=Contract.State.CONCLUDED)
    assert outcomes.count("concluded") == 6
    assert concluded.count() == 6
    assert frame_used(frame) == Decimal("90000.00")
    assert frame_used(frame) <= frame.amount
    refusals = [outcome for outcome in outcomes if outcome != "concluded"]
    assert len(refusals) == THREADS - 6
    assert all("10.000,00 kr." in refusal for refusal in refusals)


def test_concurrent_contracts_and_invoices_keep_every_limit(seeded):
    """Contracts concluded and invoices submitted at once: neither the frame nor a
    contract's amount is ever passed, and the refusals name what is left."""

    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.models import Invoice
    from requests_app.pdf import minimal_pdf_bytes
    from requests_app.services import invoices

    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = FRAME
    frame.save()

    def contract_ready(accept_both):
        request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
        contracts.contract_draft(
            request_pk=request.pk,
            user=staff,
            data=factories.contract_data(price=PRICE),
            activities=[],
        )
        contracts.contract_accept(request_pk=request.pk, user=staff, version_number=1)
        if accept_both:
            contracts.contract_accept(request_pk=request.pk, user=leader, version_number=1)
        return request

    concluded = [contract_ready(True) for _ in range(4)]  # 60.000 of 100.000 used
    pending = [contract_ready(False) for _ in range(6)]  # room for two more
    invoiced = concluded[0]
    pdf = minimal_pdf_bytes()

    barrier = threading.Barrier(12)
    outcomes = {"conclude": [], "invoice": []}

    def conclude(request_pk):
        from django.db import connections

        try:
            barrier.wait()
            contracts.contract_accept(request_pk=request_pk, user=leader, version_number=1)
            outcomes["conclude"].append("ok")
        except RequestError as error:
            outcomes["conclude"].append(str(error))
        finally:
            connections.close_all()

    def invoice(number):
        from django.db import connections

        try:
            barrier.wait()
            invoices.invoice_submit(
                request_pk=invoiced.pk,
                user=staff,
                number=f"F-{number}",
                invoice_date=timezone.localdate(),
                amount=Decimal("10000"),
                pdf=SimpleUploadedFile("f.pdf", pdf, content_type="application/pdf"),
            )
            outcomes["invoice"].append("ok")
        except RequestError as error:
            outcomes["invoice"].append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=conclude, args=(r.pk,)) for r in pending]
    threads += [threading.Thread(target=invoice, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert outcomes["conclude"].count("ok") == 2
    assert outcomes["invoice"].count("ok") == 1
    assert frame_used(frame) == Decimal("90000.00")
    assert frame_used(frame) <= frame.amount
    assert Invoice.objects.filter(contract__request=invoiced).count() == 1
    assert all("5.000,00 kr." in o for o in outcomes["invoice"] if o != "ok")
    assert all("10.000,00 kr." in o for o in outcomes["conclude"] if o != "ok")
