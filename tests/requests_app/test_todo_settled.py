"""Request and contract to-dos under the bell are settled when they are done, as invoice
to-dos are (``tests/accounts/test_todo_settled.py``): "Bekræft anmodningen" and "Acceptér
kontrakten" stayed unread after the confirmation and the acceptance (QA)."""

import pytest
from django.utils import timezone

from accounts.models import Notification
from tests import factories


def asks(user) -> dict[str, bool]:
    """The user's to-dos by subject's first words: read or not."""
    return {
        notice.subject.split(":")[0]: notice.read_at is not None
        for notice in Notification.objects.filter(user=user)
    }


@pytest.fixture
def trio_at_nfa(model2):
    colleague = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    return {**model2, "colleague": colleague}


@pytest.mark.django_db
def test_confirming_and_taking_up_the_dialogue_settle_their_asks(trio_at_nfa):
    from requests_app.services import intake

    d = trio_at_nfa
    request = factories.complete_request(leader=d["leader"], counterpart=d["amr"], title="Ro")
    intake.request_submit(request_pk=request.pk, user=d["leader"])
    assert asks(d["amr"]) == {"Bekræft anmodningen": False}
    intake.request_confirm(request_pk=request.pk, user=d["amr"])
    assert asks(d["amr"]) == {"Bekræft anmodningen": True}
    # Model 2: confirmed, it reached NFA, whose staff are asked to take up the dialogue.
    assert asks(d["staff"]) == {"Tag dialogen op": False}
    assert asks(d["colleague"]) == {"Tag dialogen op": False}
    intake.request_start_dialogue(
        request_pk=request.pk, user=d["staff"], started_on=timezone.localdate()
    )
    assert asks(d["staff"]) == {"Tag dialogen op": True}
    assert asks(d["colleague"]) == {"Tag dialogen op": True}  # done by a colleague


@pytest.mark.django_db
def test_withdrawing_settles_what_was_asked_about_the_request(trio_at_nfa):
    from requests_app.services import intake

    d = trio_at_nfa
    request = factories.complete_request(leader=d["leader"], counterpart=d["amr"], title="Ro")
    intake.request_submit(request_pk=request.pk, user=d["leader"])
    intake.request_withdraw(request_pk=request.pk, user=d["leader"], reason="Vi venter.")
    assert asks(d["amr"]) == {"Bekræft anmodningen": True}


@pytest.mark.django_db
def test_accepting_the_contract_settles_each_sides_ask_and_a_comment_does_not(trio_at_nfa):
    from requests_app.services import contracts

    d = trio_at_nfa
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"], title="Ro"
    )
    Notification.objects.all().delete()  # the request's own asks, settled above
    contract = contracts.contract_draft(
        request_pk=request.pk,
        user=d["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    assert asks(d["leader"]) == {"Acceptér kontrakten": False}
    contracts.contract_comment(request_pk=request.pk, user=d["staff"], comment="Se bilaget.")
    assert asks(d["leader"]) == {"Acceptér kontrakten": False}  # a comment answers nothing
    number = contract.current.number
    contracts.contract_accept(request_pk=request.pk, user=d["leader"], version_number=number)
    assert asks(d["leader"]) == {"Acceptér kontrakten": True}
    assert asks(d["amr"]) == {"Acceptér kontrakten": True}  # the workplace's side is done
    assert asks(d["staff"]) == {"Acceptér kontrakten": False}  # now the provider's turn
    contracts.contract_accept(request_pk=request.pk, user=d["colleague"], version_number=number)
    assert asks(d["staff"]) == {"Acceptér kontrakten": True}
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_attesting_the_delivery_leaves_an_amendment_to_accept_unread(trio_at_nfa):
    """An amendment waiting for the other side may still be accepted after the delivery."""
    from decimal import Decimal

    from requests_app.services import contracts

    d = trio_at_nfa
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"], title="Ro"
    )
    contracts.contract_draft(
        request_pk=request.pk, user=d["staff"], data=factories.contract_data(), activities=[]
    )
    for user in (d["staff"], d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    Notification.objects.all().delete()
    contracts.contract_edit(
        request_pk=request.pk,
        user=d["leader"],
        data=factories.contract_data(price=Decimal("20000")),
        activities=[],
    )
    assert asks(d["staff"]) == {"Acceptér kontrakten": False}
    contracts.delivery_attest(
        request_pk=request.pk, user=d["amr"], delivered_on=timezone.localdate()
    )
    assert asks(d["staff"]) == {"Acceptér kontrakten": False}
    contracts.contract_accept(request_pk=request.pk, user=d["staff"], version_number=2)
    assert asks(d["staff"]) == {"Acceptér kontrakten": True}
