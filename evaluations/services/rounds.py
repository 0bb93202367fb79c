"""Evaluation rounds on the deadline engine.

A delivery opens both rounds inside its own transaction (the ``delivery_attested`` hook, see
``evaluations.apps``): the immediate round at once, until the EVALUATION deadline is due; the
follow-up round from the FOLLOW_UP deadline's opening (3 months after delivery) to its due
time (6 months). The rounds take their times from those deadline rows, so the two never
disagree. Closing collection with at least one response meets the round's deadline; a round
closed without responses is marked so, and its deadline stays open for the scan to escalate.
Reminders and escalations come from ``requests_app.services.deadline_scan`` as before.

Lock order: the request first (``lock_request``), then the round — as every requests_app
service; a participant's answer locks only the round.
"""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evaluations import permissions, tokens
from evaluations.models import EvaluationRound, QuestionnaireVersion, RoundEvent, RoundKind
from requests_app.models import Deadline, Request
from requests_app.services import deadlines
from requests_app.services.base import RequestError, lock_request

logger = logging.getLogger(__name__)

DEADLINE_KIND = {
    RoundKind.IMMEDIATE: Deadline.Kind.EVALUATION,
    RoundKind.FOLLOW_UP: Deadline.Kind.FOLLOW_UP,
}
# How far the local parties may push the closing date at a time.
MAX_EXTENSION_DAYS = 92


def current_version(kind: str) -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.filter(questionnaire__kind=kind, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def _window(request: Request, kind: str, open_deadlines: dict, delivered_at):
    deadline = open_deadlines.get(DEADLINE_KIND[kind])
    if deadline is not None:
        return deadline.opens_at or delivered_at, deadline.due_at
    # No open deadline (already met or cancelled): the same rule as the deadline engine.
    if kind == RoundKind.IMMEDIATE:
        return delivered_at, delivered_at + datetime.timedelta(days=deadlines.EVALUATION_DAYS)
    local = timezone.localtime(delivered_at)
    return local + relativedelta(months=3), local + relativedelta(months=6)


def rounds_open_at_delivery(*, request_pk: int, delivered_on=None, **kwargs) -> list:
    """Open the delivery's immediate and follow-up rounds (idempotent).

    Called inside ``delivery_attest``'s transaction, where the request is already locked.
    """
    request = Request.objects.get(pk=request_pk)
    now = timezone.now()
    open_deadlines = {
        deadline.kind: deadline
        for deadline in Deadline.objects.filter(
            request=request,
            kind__in=DEADLINE_KIND.values(),
            met_at__isnull=True,
            cancelled_at__isnull=True,
        )
    }
    existing = set(request.evaluation_rounds.values_list("kind", flat=True))
    opened = []
    for kind in (RoundKind.IMMEDIATE, RoundKind.FOLLOW_UP):
        if kind in existing:
            continue
        version = current_version(kind)
        if version is None:
            # The delivery matters more than its questionnaire: it goes through, and the open
            # deadline escalates the missing evaluation as any other.
            logger.error(
                "No published questionnaire for %s; request %s has no round.", kind, request_pk
            )
            continue
        opens_at, closes_at = _window(request, kind, open_deadlines, now)
        salt, hash_ = tokens.new_link()
        round = EvaluationRound.objects.create(
            request=request,
            kind=kind,
            version=version,
            opens_at=opens_at,
            closes_at=closes_at,
            token_salt=salt,
            token_hash=hash_,
        )
        RoundEvent.objects.create(
            round=round,
            action=RoundEvent.Action.OPENED,
            at=now,
            data={"delivered_on": delivered_on.isoformat() if delivered_on else None},
        )
        opened.append(round)
    return opened


def _lock_round(round_pk: int) -> tuple[Request, EvaluationRound]:
    request_pk = EvaluationRound.objects.values_list("request_id", flat=True).get(pk=round_pk)
    request = lock_request(request_pk)
    round = (
        EvaluationRound.objects.select_for_update(of=("self",))
        .select_related("request__workplace")
        .get(pk=round_pk)
    )
    return request, round


def _check(user, action: str, round: EvaluationRound) -> None:
    refusal = permissions.transition_refusal(action, round)
    if refusal:
        raise RequestError(refusal)
    if not permissions.may(user, action, round):
        raise RequestError(str(permissions.REFUSAL))


def _close(round: EvaluationRound, *, now, actor, action: str) -> EvaluationRound:
    count = round.responses.count()
    round.closed_at = now
    round.closed_without_responses = count == 0
    round.save(update_fields=["closed_at", "closed_without_responses"])
    if count:
        deadlines.deadline_meet(round.request, DEADLINE_KIND[round.kind], at=now)
    RoundEvent.objects.create(
        round=round, action=action, actor=actor, at=now, data={"responses": count}
    )
    return round


def round_close(*, round_pk: int, user) -> EvaluationRound:
    """The local parties end collection now."""
    with transaction.atomic():
        _request, round = _lock_round(round_pk)
        _check(user, "round_close", round)
        return _close(round, now=timezone.now(), actor=user, action=RoundEvent.Action.CLOSED)


def round_extend(*, round_pk: int, user, closes_on: datetime.date) -> EvaluationRound:
    """Move the closing to the end of ``closes_on`` (Copenhagen time)."""
    with transaction.atomic():
        _request, round = _lock_round(round_pk)
        _check(user, "round_extend", round)
        if closes_on is None:
            raise RequestError(_("Choose the new closing date."))
        current = timezone.localtime(round.closes_at).date()
        if closes_on <= max(current, timezone.localdate()):
            raise RequestError(
                _("The new closing date must be after %(date)s.")
                % {"date": date_format(max(current, timezone.localdate()), "DATE_FORMAT")}
            )
        latest = current + datetime.timedelta(days=MAX_EXTENSION_DAYS)
        if closes_on > latest:
            raise RequestError(
                _("Collection can be extended by at most %(days)s days at a time, to %(date)s.")
                % {"days": MAX_EXTENSION_DAYS, "date": date_format(latest, "DATE_FORMAT")}
            )
        before = round.closes_at
        round.closes_at = timezone.make_aware(
            datetime.datetime.combine(closes_on, datetime.time(23, 59))
        )
        round.save(update_fields=["closes_at"])
        RoundEvent.objects.create(
            round=round,
            action=RoundEvent.Action.EXTENDED,
            actor=user,
            data={"from": before.isoformat(), "to": round.closes_at.isoformat()},
        )
        return round


def round_renew_link(*, round_pk: int, user) -> EvaluationRound:
    """A new participant link; the old one answers 404 from now on."""
    with transaction.atomic():
        _request, round = _lock_round(round_pk)
        _check(user, "round_renew_link", round)
        round.token_salt, round.token_hash = tokens.new_link()
        round.save(update_fields=["token_salt", "token_hash"])
        RoundEvent.objects.create(round=round, action=RoundEvent.Action.LINK_RENEWED, actor=user)
        return round


def rounds_close_due(now=None) -> int:
    """Close every round whose time is up (Celery beat, ``evaluations.tasks``); idempotent.

    Each round is closed in its own transaction, re-checked after its request is locked, so
    a round the local parties closed meanwhile (or extended) is left alone.
    """
    now = now or timezone.now()
    due = list(
        EvaluationRound.objects.filter(closed_at__isnull=True, closes_at__lte=now)
        .order_by("closes_at")
        .values_list("pk", "request_id")
    )
    closed = 0
    for round_pk, request_pk in due:
        with transaction.atomic():
            lock_request(request_pk)
            round = (
                EvaluationRound.objects.select_for_update(of=("self",))
                .select_related("request")
                .filter(pk=round_pk, closed_at__isnull=True, closes_at__lte=now)
                .first()
            )
            if round is None:
                continue
            _close(round, now=now, actor=None, action=RoundEvent.Action.CLOSED_ON_TIME)
            closed += 1
    if closed:
        logger.info("Closed %s evaluation round(s) whose time was up.", closed)
    return closed
