"""The Celery application: Redis in production, a filesystem broker under var/ for `make run`.

Settings are read from Django's settings with the CELERY_ prefix (see portal/settings.py).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_broker_folders() -> None:
    """The filesystem transport expects its folders to exist before it reads or writes."""
    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        if key in options:
            os.makedirs(options[key], exist_ok=True)
