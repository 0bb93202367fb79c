"""The start pages' dialogue lists read the threads a user is on with
``selectors.participant_filter`` (issue 12: ids from the user's roles instead of an OR across
joins). Its filter must say what ``permissions.is_participant`` says, for every kind of
other party, every member of the workplace and every provider's staff, from the request
itself and from its messages."""

import itertools

import pytest
from django.utils import timezone

from accounts.roles import refresh_roles
from dialogue import selectors
from dialogue.models import Message
from dialogue.permissions import is_participant
from requests_app.models import Request
from tests import factories

pytestmark = pytest.mark.django_db


def test_participant_filter_is_is_participant():
    workplace, leader, amr = factories.trio("sjaelland")
    med = factories.MembershipFactory(workplace=workplace, role="med").user
    unconfirmed_med = factories.MembershipFactory(
        workplace=workplace, role="med", confirmed_at=None
    ).user
    colleague = factories.MembershipFactory(workplace=workplace, role="tr").user
    elsewhere_med = factories.MembershipFactory(role="med").user
    nfa = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    cbs = factories.ProviderStaffFactory(provider=factories.provider("cbs")).user
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    central = factories.CentralPartyFactory().user
    people = [leader, amr, med, unconfirmed_med, colleague, elsewhere_med, nfa, cbs]
    people += [coordinator, central]

    requests = []
    kinds = [("person", amr), ("person", colleague), ("med", None), ("med", amr), ("", amr)]
    for (kind, counterpart), reached, provider in itertools.product(
        kinds, [True, False], ["nfa", "cbs"]
    ):
        request = factories.complete_request(
            leader=leader, counterpart=counterpart, counterpart_kind=kind, provider_slug=provider
        )
        Request.objects.filter(pk=request.pk).update(
            reached_provider_at=timezone.now() if reached else None
        )
        request.refresh_from_db()
        Message.objects.create(
            request=request, provider_id=request.provider_id, author=leader, body="Hej"
        )
        requests.append(request)
    # Filed by the AMR: the leader is then only a colleague of it.
    by_amr = factories.complete_request(leader=amr, counterpart=colleague)
    Request.objects.filter(pk=by_amr.pk).update(reached_provider_at=timezone.now())
    by_amr.refresh_from_db()
    requests.append(by_amr)

    seen = 0
    for user in people:
        refresh_roles(user)
        expected = {request.pk for request in requests if is_participant(user, request)}
        filtered = Request.objects.filter(selectors.participant_filter(user))
        assert set(filtered.values_list("pk", flat=True)) == expected, user
        messages = Message.objects.filter(selectors.participant_filter(user, "request__"))
        assert set(messages.values_list("request_id", flat=True)) == expected - {by_amr.pk}
        seen += len(expected)
    # Not all refusals: the initiator, the other party, MED members and the staff see some.
    assert seen >= 30
