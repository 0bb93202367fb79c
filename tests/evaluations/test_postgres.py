"""PostgreSQL only: the round's locks — answers racing the closing never slip in after it, and
the closing task and the local parties never close a round twice."""

import threading

import pytest
from django.db import connection, connections

from evaluations.models import EvaluationRound, Response, RoundEvent
from evaluations.services import rounds as services
from evaluations.services.responses import RoundNotOpen, response_submit
from requests_app.models import Deadline
from requests_app.services.base import RequestError
from tests import factories
from tests.evaluations.conftest import answers_for, deliver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ANSWERS = 8


@pytest.fixture
def round(seeded):
    import importlib

    from django.apps import apps

    importlib.import_module("evaluations.migrations.0002_seed_questionnaires").seed(apps, None)
    assert connection.vendor == "postgresql"
    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    deliver(request, staff=staff, leader=leader, amr=amr)
    round = EvaluationRound.objects.get(request=request, kind="immediate")
    round.leader = leader
    return round


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = []

    def run(job):
        try:
            barrier.wait()
            outcomes.append(job())
        except (RequestError, RoundNotOpen) as error:
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_answers_racing_the_closing_are_all_counted_or_refused(round):
    answers = answers_for(round)
    jobs = [lambda: response_submit(round_pk=round.pk, answers=answers) for _ in range(ANSWERS)]
    jobs.append(lambda: services.round_close(round_pk=round.pk, user=round.leader))
    outcomes = run_together(*jobs)
    assert len(outcomes) == ANSWERS + 1
    round.refresh_from_db()
    event = RoundEvent.objects.get(round=round, action=RoundEvent.Action.CLOSED)
    # What the closing counted is exactly what was stored: nothing came in after it.
    assert event.data["responses"] == Response.objects.filter(round=round).count()
    refused = outcomes.count("RoundNotOpen")
    assert Response.objects.filter(round=round).count() == ANSWERS - refused
    assert round.closed_without_responses == (refused == ANSWERS)
    met = Deadline.objects.get(request=round.request, kind="evaluation").met_at
    assert (met is not None) == (refused < ANSWERS)


def test_the_task_and_the_local_parties_close_once(round):
    response_submit(round_pk=round.pk, answers=answers_for(round))
    later = round.closes_at
    EvaluationRound.objects.filter(pk=round.pk).update(closes_at=later)
    outcomes = run_together(
        lambda: services.rounds_close_due(now=later),
        lambda: services.rounds_close_due(now=later),
        lambda: services.rounds_close_due(now=later),
    )
    assert sorted(outcomes) == [0, 0, 1]
    assert RoundEvent.objects.filter(round=round, action__startswith="round.closed").count() == 1
