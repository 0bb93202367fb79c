"""A Celery worker killed mid-task with SIGKILL (issue 16, Faults): nothing is sent twice and
nothing is lost — the unacknowledged task comes back by itself after the visibility timeout
(minutes in production, seconds here), with no new message from beat."""

import pytest

from requests_app.tasks import scan_deadlines
from tests.requests_app.test_celery_worker import (
    Worker,
    _row_is_locked,
    reminders,
    scan_holds_its_batch,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_task_killed_mid_run_comes_back_by_itself_and_sends_once(due_reminder, queue):
    deadline = due_reminder["deadline"]
    worker = Worker(queue, pause=60)
    try:
        scan_deadlines.apply_async(queue=queue)
        assert wait_for(scan_holds_its_batch), "the scan never started"
        assert _row_is_locked(deadline.pk)
        worker.kill()
        assert not reminders(deadline).exists()
    finally:
        worker.stop()
    # No new message: the killed run's own message must be redelivered (visibility timeout 3 s).
    restarted = Worker(queue)
    try:
        assert wait_for(lambda: reminders(deadline).exists(), seconds=90), "the task was lost"
        assert not wait_for(lambda: reminders(deadline).count() > 1, seconds=8)
    finally:
        restarted.stop()
    assert reminders(deadline).count() == 1
