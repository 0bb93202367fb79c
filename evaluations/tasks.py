"""Celery: close the evaluation rounds whose time is up (beat, see portal/celery.py)."""

from celery import shared_task

from evaluations.services.rounds import rounds_close_due


@shared_task
def close_due_rounds() -> int:
    return rounds_close_due()
