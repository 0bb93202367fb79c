"""PostgreSQL only: many contracts concluded at once against one frame never exceed it."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from providers.models import BudgetFrame
from requests_app import contracts
from requests_app.models import Contract
from requests_app.services import RequestError
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
    assert contracts.committed_in_frame(frame) == Decimal("90000.00")
    assert contracts.committed_in_frame(frame) <= frame.amount
    refusals = [outcome for outcome in outcomes if outcome != "concluded"]
    assert len(refusals) == THREADS - 6
    assert all("10.000,00 kr." in refusal for refusal in refusals)
