"""The deadline scan's query count grows neither with the open requests nor with the reminders
due (issue 12): the notifications are written in one bulk insert per stage and their e-mail
is claimed, sent and stamped in batches (accounts.mail), not one transaction per mail."""

import math
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification, Workplace
from requests_app.models import Deadline, Request, Status
from requests_app.services import deadline_scan
from tests import factories


def _open_requests(workplace, leader, provider, *, due: int, quiet: int):
    """``due`` requests whose dialogue reminder is due, each at its own department of one
    hospital (the message names 'hospital – department'), and ``quiet`` that are not."""
    now = timezone.now()
    hospital = Workplace.objects.create(name="Skanningshospital", region=workplace.region)
    departments = Workplace.objects.bulk_create(
        Workplace(name=f"Afsnit {index}", region=workplace.region, parent=hospital)
        for index in range(due)
    )
    requests = Request.objects.bulk_create(
        Request(
            title=f"Anmodning {index}",
            workplace=departments[index] if index < due else workplace,
            initiator=leader,
            provider=provider,
            status=Status.AT_PROVIDER,
            reached_provider_at=now,
            dialogue_due=now + timedelta(days=1),
            contract_due=now + timedelta(days=28),
        )
        for index in range(due + quiet)
    )
    Deadline.objects.bulk_create(
        Deadline(
            request=request,
            kind=Deadline.Kind.DIALOGUE,
            due_at=now + timedelta(days=1),
            remind_at=now - timedelta(minutes=1) if index < due else now + timedelta(days=1),
        )
        for index, request in enumerate(requests)
    )


def _scan_queries(django_capture_on_commit_callbacks, *, due: int, quiet: int) -> int:
    workplace, leader, _amr = factories.trio("sjaelland")
    provider = factories.provider("nfa")
    _open_requests(workplace, leader, provider, due=due, quiet=quiet)
    mail.outbox.clear()
    # The e-mail goes out after commit, in the same process (eager Celery): counted too.
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        counts = deadline_scan.scan()
    assert counts["reminded"] == due
    staff = factories.ProviderStaffFactory._meta.model.objects.filter(provider=provider).count()
    assert Notification.objects.filter(key__contains=":reminded:").count() == due * staff
    assert len(mail.outbox) == due * staff
    assert all("Skanningshospital – Afsnit" in message.body for message in mail.outbox)
    return len(queries)


def _insert_statements(rows: int) -> int:
    """Statements one bulk insert of ``rows`` notifications takes: one on PostgreSQL; SQLite
    splits it at its 999 parameters (a limit of the database, not of the scan)."""
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


@pytest.fixture
def watched(db):
    """One person at NFA told of every reminder, and a central party (escalations only)."""
    factories.ProviderStaffFactory(provider=factories.provider("nfa"))
    factories.CentralPartyFactory()


@pytest.mark.django_db
def test_scan_queries_do_not_grow_with_reminders_due_or_open_requests(
    watched, django_capture_on_commit_callbacks
):
    few = _scan_queries(django_capture_on_commit_callbacks, due=10, quiet=20)
    Notification.objects.all().delete()
    Deadline.objects.all().delete()
    Request.objects.all().delete()
    many = _scan_queries(django_capture_on_commit_callbacks, due=100, quiet=400)
    assert many - _insert_statements(100) == few - _insert_statements(10)
    assert many <= 50  # savepoints and the frame check (2 per budget frame) included


@pytest.mark.django_db
def test_a_second_scan_tells_nobody_again(watched, django_capture_on_commit_callbacks):
    _scan_queries(django_capture_on_commit_callbacks, due=10, quiet=0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_scan.scan()["reminded"] == 0
    assert mail.outbox == []
