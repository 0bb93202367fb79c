"""The Celery application: Redis in production, a filesystem broker under var/ for `make run`.

Settings are read from Django's settings with the CELERY_ prefix (see portal/settings.py).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.conf import settings  # noqa: E402  (after DJANGO_SETTINGS_MODULE is set)

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives here, in one place. Each entry is idempotent: running twice, or
# on two machines, tells nobody anything twice (see requests_app.deadlines).
app.conf.beat_schedule = {
    "scan-deadlines": {
        "task": "requests_app.tasks.scan_deadlines",
        "schedule": 60.0 * settings.DEADLINE_SCAN_MINUTES,
    },
    # Evaluation rounds whose time is up close, meeting their deadline (evaluations.tasks).
    "close-evaluation-rounds": {"task": "evaluations.tasks.close_due_rounds", "schedule": 300.0},
    # The dashboards' default views are computed again shortly before they run out, so no one
    # waits for them (dashboards.cache).
    "warm-dashboards": {
        "task": "dashboards.tasks.warm_dashboards",
        "schedule": float(max(60, settings.DASHBOARD_CACHE_SECONDS - 60)),
    },
    # The outbox: what could not be queued or sent at the time goes out now (accounts.mail).
    "send-mail-queue": {"task": "accounts.tasks.send_mail_queue", "schedule": 60.0},
    # Free text of requests closed longer than FREE_TEXT_RETENTION_DAYS (the privacy page).
    "anonymise-expired-free-text": {
        "task": "requests_app.tasks.anonymise_expired_free_text",
        "schedule": crontab(hour=3, minute=17),
    },
}
