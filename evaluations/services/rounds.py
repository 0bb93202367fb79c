"""Evaluation rounds on the deadline engine.

A delivery opens both rounds inside its own transaction (the ``delivery_attested`` hook, see
``evaluations.apps``): the immediate round at once, until the EVALUATION deadline is due; the
follow-up round from 3 to 6 months after the contract's delivery date (``evaluations.windows``),
its FOLLOW_UP deadline moved to the same window. Extending or reopening a round moves its
deadline with it (``requests_app.services.deadlines.deadline_move``), so round and deadline
never disagree. Closing collection with at least one response meets the round's deadline; a
round closed without responses is marked so, its deadline stays open for the scan to escalate,
and the local parties may reopen it (within ``windows.last_reopen_day``).
Reminders and escalations come from ``requests_app.services.deadline_scan`` as before.

Lock order: the request first (``lock_request``), then the round — as every requests_app
service; a participant's answer locks only the round.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import refresh_roles
from evaluations import permissions, tokens, windows
from evaluations.models import EvaluationRound, QuestionnaireVersion, RoundEvent, RoundKind
from requests_app.clock import due_after
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


def _window(kind: str, open_deadlines: dict, attested_at, delivered_on):
    """The immediate round: its deadline's window, from attestation. The follow-up: from the
    delivery date (``windows``)."""
    if kind == RoundKind.FOLLOW_UP:
        return windows.follow_up_window(delivered_on)
    deadline = open_deadlines.get(DEADLINE_KIND[kind])
    if deadline is not None:
        return deadline.opens_at or attested_at, deadline.due_at
    # No open deadline (already met or cancelled): the same rule as the deadline engine.
    return attested_at, due_after(attested_at, deadlines.EVALUATION_DAYS)


def rounds_open_at_delivery(*, request_pk: int, delivered_on=None, **kwargs) -> list:
    """Open the delivery's immediate and follow-up rounds (idempotent).

    Called inside ``delivery_attest``'s transaction, where the request is already locked.
    """
    request = Request.objects.select_related("contract").get(pk=request_pk)
    now = timezone.now()
    if delivered_on is None:
        contract = getattr(request, "contract", None)
        delivered_on = getattr(contract, "delivered_on", None) or timezone.localdate(now)
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
        opens_at, closes_at = _window(kind, open_deadlines, now, delivered_on)
        if kind == RoundKind.FOLLOW_UP and DEADLINE_KIND[kind] in open_deadlines:
            # The deadline engine opened it from the attestation; it follows the round.
            deadlines.deadline_move(
                request, DEADLINE_KIND[kind], due_at=closes_at, opens_at=opens_at
            )
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
            data={"delivered_on": delivered_on.isoformat()},
        )
        opened.append(round)
    return opened


def _lock_round(round_pk: int) -> tuple[Request, EvaluationRound]:
    request_pk = EvaluationRound.objects.values_list("request_id", flat=True).get(pk=round_pk)
    request = lock_request(request_pk)
    round = (
        EvaluationRound.objects.select_for_update(of=("self",))
        .select_related("request__workplace", "request__contract")
        .get(pk=round_pk)
    )
    return request, round


def _check(user, action: str, round: EvaluationRound) -> None:
    refusal = permissions.transition_refusal(action, round)
    if refusal:
        raise RequestError(refusal)
    refresh_roles(user)  # a write acts on the roles the database holds now (accounts.roles)
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


def _move_closing(round: EvaluationRound, closes_on: datetime.date) -> str:
    """Set the round's closing to the end of ``closes_on``; its open deadline follows."""
    before = round.closes_at
    round.closes_at = windows.end_of_day(closes_on)
    deadlines.deadline_move(round.request, DEADLINE_KIND[round.kind], due_at=round.closes_at)
    return before.isoformat()


def round_extend(*, round_pk: int, user, closes_on: datetime.date) -> EvaluationRound:
    """Move the closing to the end of ``closes_on`` (Copenhagen time), the deadline with it."""
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
        before = _move_closing(round, closes_on)
        round.save(update_fields=["closes_at"])
        RoundEvent.objects.create(
            round=round,
            action=RoundEvent.Action.EXTENDED,
            actor=user,
            data={"from": before, "to": round.closes_at.isoformat()},
        )
        return round


def round_reopen(*, round_pk: int, user, closes_on: datetime.date) -> EvaluationRound:
    """Open a round closed without responses again, until the end of ``closes_on`` and at the
    latest ``windows.last_reopen_day``; its deadline (still open) follows the new closing."""
    with transaction.atomic():
        _request, round = _lock_round(round_pk)
        _check(user, "round_reopen", round)
        if closes_on is None:
            raise RequestError(_("Choose the new closing date."))
        today = timezone.localdate()
        if closes_on <= today:
            raise RequestError(
                _("The new closing date must be after %(date)s.")
                % {"date": date_format(today, "DATE_FORMAT")}
            )
        latest = windows.last_reopen_day(round)
        if closes_on > latest:
            raise RequestError(
                _("This evaluation can be reopened until %(date)s at the latest.")
                % {"date": date_format(latest, "DATE_FORMAT")}
            )
        before = _move_closing(round, closes_on)
        round.closed_at = None
        round.closed_without_responses = False
        round.save(update_fields=["closes_at", "closed_at", "closed_without_responses"])
        RoundEvent.objects.create(
            round=round,
            action=RoundEvent.Action.REOPENED,
            actor=user,
            data={"from": before, "to": round.closes_at.isoformat()},
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
