"""Celery tasks of dashboards: the figures of the default views, kept ready."""

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def warm_dashboards() -> int:
    """The periodic job (beat, shortly before DASHBOARD_CACHE_SECONDS run out)."""
    from dashboards.warm import warm_dashboards as warm

    return warm()
