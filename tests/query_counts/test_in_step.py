"""The start page's "waiting for your confirmation" is read in one query
(``selectors.requests.awaiting_confirmation``, issue 12 point 2: it used to weigh every
candidate with ``permissions.can_confirm``, some queries each). Its filter must say what the
rule says, for every kind of counterpart, every last editor and every member."""

import itertools

import pytest

from accounts.models import Membership
from requests_app.models import Request, Status
from requests_app.permissions import can_confirm
from requests_app.selectors.requests import awaiting_confirmation
from tests import factories


@pytest.mark.django_db
def test_awaiting_confirmation_is_can_confirm():
    workplace, leader, amr = factories.trio("sjaelland")
    tr = factories.MembershipFactory(workplace=workplace, role="tr").user
    med = factories.MembershipFactory(workplace=workplace, role="med").user
    invited = factories.MembershipFactory(workplace=workplace, role="tr", confirmed_at=None).user
    outsider = factories.MembershipFactory(role="amr").user
    people = [leader, amr, tr, med, invited, outsider]
    requests = []
    kinds = [(Request.CounterpartKind.PERSON, amr), (Request.CounterpartKind.PERSON, invited)]
    kinds += [(Request.CounterpartKind.MED, None), (Request.CounterpartKind.PERSON, None)]
    for (kind, counterpart), editor in itertools.product(kinds, [leader, amr, tr, med, None]):
        request = factories.complete_request(
            leader=leader, counterpart=counterpart, counterpart_kind=kind
        )
        Request.objects.filter(pk=request.pk).update(
            status=Status.AWAITING_COUNTERPART, last_editor=editor
        )
        requests.append(Request.objects.get(pk=request.pk))
    draft = factories.complete_request(leader=leader, counterpart=amr, last_editor=leader)
    assert Membership.objects.filter(user=med, role="med").exists()
    seen = 0
    for user in people:
        expected = {r.pk for r in requests if can_confirm(user, r)}
        assert {r.pk for r in awaiting_confirmation(user=user)} == expected, user
        assert draft.pk not in expected
        seen += len(expected)
    assert seen >= 10  # the cases are not all refusals
