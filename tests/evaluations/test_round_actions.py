"""For every role and every state of a round, the panel's buttons are exactly the actions the
services accept (the table ROUND_TRANSITIONS with the rules of evaluations.permissions)."""

import datetime

import pytest
from django.utils import timezone

from evaluations import permissions
from evaluations.models import EvaluationRound
from evaluations.selectors.panel import evaluation_panel
from evaluations.services import rounds as services
from requests_app.services.base import RequestError
from tests.evaluations.conftest import ROLES, answer

CALLS = {
    "round_close": lambda round, user: services.round_close(round_pk=round.pk, user=user),
    "round_extend": lambda round, user: services.round_extend(
        round_pk=round.pk,
        user=user,
        closes_on=timezone.localtime(round.closes_at).date() + datetime.timedelta(days=10),
    ),
    "round_renew_link": lambda round, user: services.round_renew_link(round_pk=round.pk, user=user),
    "round_reopen": lambda round, user: services.round_reopen(
        round_pk=round.pk, user=user, closes_on=timezone.localdate() + datetime.timedelta(days=10)
    ),
}


def accepted(round, user) -> set[str]:
    """Try every action in a savepoint that is rolled back: which ones go through?"""
    from django.db import transaction

    ok = set()
    for action, call in CALLS.items():
        try:
            with transaction.atomic():
                call(round, user)
                raise _Undo
        except _Undo:
            ok.add(action)
        except RequestError:
            pass
    return ok


class _Undo(Exception):
    pass


def test_every_action_has_a_service():
    assert set(CALLS) == set(permissions.ROUND_TRANSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["scheduled", "open", "closed_empty", "closed"])
def test_buttons_are_what_the_services_accept(delivered, state):
    round = {"scheduled": delivered["follow_up"], "open": delivered["immediate"]}.get(state)
    if state.startswith("closed"):
        round = delivered["immediate"]
        if state == "closed":
            answer(round)
        services.round_close(round_pk=round.pk, user=delivered["leader"])
        assert EvaluationRound.objects.get(pk=round.pk).state == state
    for role in ROLES:
        user = delivered[role]
        if user is None:
            continue
        round = EvaluationRound.objects.get(pk=round.pk)
        panel = evaluation_panel(user, delivered["request"])
        shown = set()
        if panel:
            shown = next(
                set(line["actions"]) for line in panel["rounds"] if line["round"].pk == round.pk
            )
        assert shown == accepted(round, user), (state, role)
        assert shown == set(permissions.available_round_actions(user, round)), (state, role)


@pytest.mark.django_db
def test_a_refused_extension_hands_the_date_back_to_the_page(client, delivered):
    """The evaluation panel's forms come back like the request page's others: the date that
    was refused and why, once, for the page's script to put beside the form."""
    from requests_app.views.actions import REFUSED_FORM

    client.force_login(delivered["leader"])
    url = f"/evaluering/runde/{delivered['immediate'].pk}/forlaeng/"
    response = client.post(url, {"closes_on": "i morgen"})
    assert response.status_code == 302 and response.url.endswith("#evaluation")
    refused = client.session[REFUSED_FORM]
    assert refused["action"] == url and refused["data"] == [["closes_on", "i morgen"]]
    assert "dato" in refused["error"]
    assert 'id="refused-form"' in client.get(response.url).content.decode()
    assert REFUSED_FORM not in client.session
