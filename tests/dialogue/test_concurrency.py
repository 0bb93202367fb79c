"""PostgreSQL only: the provider's staff writing their first messages at the same moment take
up the dialogue once, and every message is kept."""

import threading

import pytest
from django.db import connection

from dialogue import services
from dialogue.models import Message
from requests_app.models import Action, Status
from requests_app.services import intake
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6


def test_concurrent_first_messages_start_the_dialogue_once(seeded):
    assert connection.vendor == "postgresql"
    _workplace, leader, amr = factories.trio("sjaelland")
    staff = [
        factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
        for _ in range(THREADS)
    ]
    request = factories.complete_request(leader=leader, counterpart=amr)
    intake.request_submit(request_pk=request.pk, user=leader)
    intake.request_confirm(request_pk=request.pk, user=amr)
    barrier = threading.Barrier(THREADS)
    errors = []

    def post(user):
        from django.db import connections

        try:
            barrier.wait()
            services.message_post(request_pk=request.pk, user=user, body=f"Hej fra {user}")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(user,)) for user in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    request.refresh_from_db()
    assert request.status == Status.DIALOGUE
    assert Message.objects.filter(request=request).count() == THREADS
    assert request.events.filter(action=Action.REQUEST_DIALOGUE_STARTED).count() == 1
