"""Demo data (``seed_demo``): delivered sample requests with answered evaluations, so a
newcomer sees results at once. Development only; idempotent.

Two deliveries are moved four months into the past — their contract's delivery date, rounds
and evaluation deadlines with plain updates, as ``portal.management.demo_requests`` does for
its overdue sample; nothing in the portal itself moves a clock back. Their immediate round was
answered and closed on time, their follow-up round is open and answered too. A third delivery
has two answers only, below the threshold, so the workplace sees just the count.
"""

import datetime
import importlib
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.utils import timezone

from evaluations import windows
from evaluations.models import DeliveryReport, EvaluationRound, Questionnaire, RoundKind
from evaluations.selectors.rounds import questions_of
from evaluations.services import rounds as round_services
from evaluations.services.reports import delivery_report_save
from evaluations.services.responses import DONT_KNOW, response_submit
from requests_app.models import Deadline, Request
from requests_app.services import deadlines

SHIFT = relativedelta(months=4)
ANSWERED = {  # sample title: responses to the immediate round, to the follow-up round
    "Arbejdsmiljøet under flytningen til nyt sygehus": (6, 4),
    "Ny ledelsesstruktur i medicinsk afdeling": (5, 3),
    "Samarbejde mellem faggrupper i sengeafsnittet": (2, 0),
}
COMMENTS = [
    "Konsulenten lyttede og fik alle med – også nattevagterne.",
    "Godt med konkrete værktøjer, vi kunne bruge dagen efter.",
    "",
    "Workshoppen var lidt lang; mere tid til drøftelse i grupper næste gang.",
    "Vi fik sat ord på det, der var svært under forandringen.",
    "",
]
CONTINUING = [
    "Vi holder trivselsmøder hver måned i MED-udvalget.",
    "Arbejdsmiljøcheck-in på personalemøderne.",
    "",
    "En fast plan for introduktion af nye kolleger.",
]
SCALES = ["5", "4", "4", "3", "5", DONT_KNOW, "4", "2"]


def ensure_questionnaires() -> None:
    """A flushed test database has lost the data migration's questionnaires: seed them again."""
    if not Questionnaire.objects.exists():
        importlib.import_module("evaluations.migrations.0002_seed_questionnaires").seed(apps, None)


def _answers(round: EvaluationRound, index: int) -> dict:
    answers = {}
    for number, question in enumerate(questions_of(round.version_id)):
        if question.is_scale:
            answers[question] = SCALES[(index + number) % len(SCALES)]
        elif question.is_text:
            texts = CONTINUING if question.code == "continue_with" else COMMENTS
            answers[question] = texts[(index + number) % len(texts)]
        else:
            choices = list(question.choices.all())
            answers[question] = [choices[index % 3], choices[(index + 2) % 4]]
    return answers


def _earlier(moment: datetime.datetime) -> datetime.datetime:
    """Four months earlier on the Copenhagen clock: the same local time of day, whatever
    summer time did in between (in UTC a December evening would move to the next day in
    August)."""
    return timezone.localtime(moment) - SHIFT


def _move_back(request: Request) -> None:
    """Demo only: the delivery four months earlier — the contract's delivery date, the
    immediate round and its deadline shifted, the follow-up round and its deadline set from
    the new delivery date as ``evaluations.windows`` says, so the demo agrees with itself."""
    contract = request.contract
    contract.delivered_on -= SHIFT
    if contract.concluded_at and timezone.localdate(contract.concluded_at) > contract.delivered_on:
        contract.concluded_at = _earlier(contract.concluded_at)
        # The request reached the provider and the dialogue began before the contract, as
        # the catalogue's medians (days from reaching the provider) count them.
        for field in ("reached_provider_at", "dialogue_due", "contract_due"):
            if getattr(request, field):
                setattr(request, field, _earlier(getattr(request, field)))
        if request.dialogue_started_on:
            request.dialogue_started_on -= SHIFT
        request.save(
            update_fields=[
                "reached_provider_at",
                "dialogue_due",
                "contract_due",
                "dialogue_started_on",
            ]
        )
    contract.save(update_fields=["delivered_on", "concluded_at"])
    follow_up_window = windows.follow_up_window(contract.delivered_on)
    for round in EvaluationRound.objects.filter(request=request):
        if round.kind == RoundKind.FOLLOW_UP:
            round.opens_at, round.closes_at = follow_up_window
        else:
            round.opens_at = _earlier(round.opens_at)
            round.closes_at = _earlier(round.closes_at)
        # A check constraint keeps closes_at after opens_at: save both together.
        round.save(update_fields=["opens_at", "closes_at"])
    for deadline in Deadline.objects.filter(request=request, kind__in=["evaluation", "follow_up"]):
        if deadline.kind == Deadline.Kind.FOLLOW_UP:
            deadline.opens_at, deadline.due_at = follow_up_window
            deadline.remind_at = deadline.due_at - deadlines.REMIND_BEFORE[deadline.kind]
        else:
            for field in ("opens_at", "remind_at", "due_at"):
                if getattr(deadline, field):
                    setattr(deadline, field, _earlier(getattr(deadline, field)))
        deadline.save(update_fields=["opens_at", "remind_at", "due_at"])


def seed_evaluations() -> None:
    ensure_questionnaires()
    for title, (immediate_count, follow_up_count) in ANSWERED.items():
        request = Request.objects.filter(title=title).select_related("contract").first()
        if request is None or getattr(request, "contract", None) is None:
            continue
        if request.contract.delivered_on is None:
            continue
        # Delivered before the questionnaires were there (a flushed test database): open now.
        round_services.rounds_open_at_delivery(request_pk=request.pk)
        rounds = {round.kind: round for round in EvaluationRound.objects.filter(request=request)}
        immediate = rounds.get(RoundKind.IMMEDIATE)
        if immediate is None or immediate.responses.exists():
            continue  # not delivered yet, or seeded before
        for index in range(immediate_count):
            response_submit(round_pk=immediate.pk, answers=_answers(immediate, index))
        staff = request.provider.staff.select_related("user").first()
        if staff and not DeliveryReport.objects.filter(request=request).exists():
            delivery_report_save(
                request_pk=request.pk,
                user=staff.user,
                data={
                    "delivered": "En workshop for ledere og medarbejdere om forandringen og et "
                    "opfølgningsmøde med lokal-MED.",
                    "hours": Decimal("7.5"),
                    "participants": 18 + immediate_count,
                    "materials": "Slides, dilemmakort og en skabelon til handlingsplanen.",
                },
            )
        if not follow_up_count:
            continue
        _move_back(request)
        immediate.refresh_from_db()
        # Closed when its time was up, four months ago: the deadline is met on time.
        round_services.rounds_close_due(now=immediate.closes_at)
        follow_up = rounds[RoundKind.FOLLOW_UP]
        follow_up.refresh_from_db()
        for index in range(follow_up_count):
            response_submit(round_pk=follow_up.pk, answers=_answers(follow_up, index))
        # The immediate answers came in right after the delivery, not today.
        immediate.responses.update(
            submitted_on=timezone.localtime(immediate.opens_at).date() + datetime.timedelta(1)
        )
