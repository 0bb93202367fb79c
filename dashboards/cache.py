"""The dashboards' figures, computed once and kept for a few minutes.

At 100,000 requests the figures of the central dashboard take seconds to read; the page that
shows them must answer in a fraction of one. So the figure sections (budgets, pipeline,
deadlines, reach, evaluations, inbox) are rendered once per dashboard kind, scope, filters and
language and kept in the cache (Redis in production) with the moment they were computed, which
the page shows. What waits for the user (invoices to pay, failed e-mail, pending members) and
the filter form are read live on every request.

A figure is never older than ``DASHBOARD_CACHE_SECONDS``, and a change is seen at once: every
save or delete of a request, contract, invoice, deadline, frame or evaluation replaces the
*generation* token that every key holds (``bump``), so the next page computes its figures
again. Changes that no signal reports (bulk updates, time passing a deadline) wait for the
timeout. The default views of every dashboard are computed in the background shortly before
they run out (``dashboards.tasks.warm_dashboards``), so the first visitor after a quiet spell
does not wait either. A cache that is down is a miss: the page computes and shows the figures.
"""

import dataclasses
import hashlib
import uuid
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

GENERATION_KEY = "dashboards:generation"
# The apps whose rows the figures are read from; a save or delete in any of them is a change.
WATCHED_APPS = ("requests_app", "providers", "evaluations", "dialogue")


@dataclasses.dataclass(frozen=True)
class Figures:
    """What was computed (a dashboard's rendered figure sections, or an API answer) and
    when."""

    value: object
    computed_at: datetime


def timeout() -> int:
    return settings.DASHBOARD_CACHE_SECONDS


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        # add, not set: two processes starting at once agree on one token.
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY) or token
    return token


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def bump(**_signal) -> None:
    """Every figure computed so far is old: the next page computes its own. At once, and
    inside a transaction once more after its commit (what a page computed in between was
    read before the commit): one after-commit renewal per transaction, however many rows
    it changes."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is _new_generation for entry in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


def connect_signals() -> None:
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            uid = f"dashboards-cache-{model._meta.label_lower}"
            post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save", weak=False)
            post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def scope_signature(scope) -> str:
    if scope.everything:
        return "all"
    regions = ",".join(str(pk) for pk in sorted(scope.region_ids))
    providers = ",".join(str(pk) for pk in sorted(scope.provider_ids))
    return f"r{regions}-p{providers}"


def key(kind: str, scope, filters) -> str:
    """One key per dashboard kind, scope, filters, language and generation: two users with the
    same scope share their figures, and no one ever reads another scope's."""
    parts = "|".join(
        [kind, scope_signature(scope), filters.query(), translation.get_language() or ""]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
    return f"dashboards:figures:{generation()}:{digest}"


def figures(kind: str, scope, filters, compute, *, refresh: bool = False) -> Figures:
    """The figures from the cache, or ``compute()`` now and kept: the HTML of a dashboard's
    figure sections, or any other answer that can be pickled (``kind`` names it: the API's
    endpoints keep theirs as ``api-<endpoint>``). ``refresh`` computes them even when they
    are kept (the background warm-up)."""
    seconds = timeout()
    if seconds <= 0:
        return Figures(compute(), timezone.now())
    cache_key = key(kind, scope, filters)
    if not refresh:
        kept = cache.get(cache_key)
        if isinstance(kept, Figures):
            return kept
    fresh = Figures(compute(), timezone.now())
    cache.set(cache_key, fresh, seconds)
    return fresh
