"""The Celery application: Redis in production, a filesystem broker under var/ for `make run`.

Settings are read from Django's settings with the CELERY_ prefix (see portal/settings.py).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
