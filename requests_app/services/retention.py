"""Retention of free text (issue 16, Data; the privacy page says it): the free text of a
request closed longer than ``settings.FREE_TEXT_RETENTION_DAYS`` ago is replaced by a marker —
the workplace's descriptions, the provider's notes, comments on the timeline. What the request
was (themes, provider, dates, amounts), its contract and its invoices stay: they are records.

Apps above keep free text about a request too (evaluation answers, the dialogue): they listen to
``free_text_expired`` (arguments ``request_pks``), sent inside the same transaction, and scrub
theirs. The nightly beat job calls ``anonymise_expired_free_text``.

Events are append-only: this is the one documented change to them, and it touches only the
free-text keys of their details.
"""

import datetime

import django.dispatch
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from requests_app.models import Contract, Request, RequestEvent, Status

ANONYMISED = "[anonymiseret]"
CLOSED = (Status.DECLINED, Status.WITHDRAWN, Status.DELIVERED)
REQUEST_FIELDS = (
    "other_theme_reason",
    "wishes",
    "target_group",
    "expected_outcome",
    "informed_who",
    "dialogue_note",
    "decline_text",
)
EVENT_KEYS = ("comment", "reason", "note", "text")
BATCH = 500

free_text_expired = django.dispatch.Signal()


def expired_requests(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.FREE_TEXT_RETENTION_DAYS)
    return Request.objects.filter(status__in=CLOSED, updated_at__lt=cutoff).exclude(
        wishes=ANONYMISED
    )


def anonymise_expired_free_text(now=None) -> int:
    """Anonymise the free text of up to BATCH expired requests; returns how many (the job runs
    again until none are left)."""
    with transaction.atomic():
        pks = list(
            expired_requests(now)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not pks:
            return 0
        Request.objects.filter(pk__in=pks).update(**dict.fromkeys(REQUEST_FIELDS, ANONYMISED))
        Contract.objects.filter(request__in=pks).exclude(delivery_comment="").update(
            delivery_comment=ANONYMISED
        )
        events = []
        for event in RequestEvent.objects.filter(request__in=pks).only("pk", "data"):
            keys = [key for key in EVENT_KEYS if event.data.get(key)]
            if keys:
                event.data = {**event.data, **dict.fromkeys(keys, ANONYMISED)}
                events.append(event)
        # bulk_update bypasses RequestEvent.save's append-only guard on purpose (see above).
        RequestEvent.objects.bulk_update(events, ["data"], batch_size=BATCH)
        free_text_expired.send(sender=Request, request_pks=pks)
    return len(pks)
