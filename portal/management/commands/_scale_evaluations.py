"""The evaluations of ``seed_scale``'s delivered requests: both rounds of each delivery, and
anonymous responses to the rounds that have opened, with their answers, bulk-inserted.

A helper of the command (the leading underscore keeps Django from listing it as one).
"""

import datetime

from django.utils import timezone

from evaluations import tokens
from evaluations.models import (
    Answer,
    EvaluationRound,
    Question,
    QuestionnaireVersion,
    Response,
    RoundEvent,
    RoundKind,
)

BATCH = 5000
# How many answered a round: a handful at most, often nobody (weights for 0, 1, 2, 3, 4).
RESPONSES = [35, 30, 20, 10, 5]
# Most leave the free-text questions empty (an empty answer is no row).
COMMENTS = ["Godt forløb, vi fik en fælles plan.", "For kort tid til drøftelserne.", *[""] * 8]


def _windows(delivered_on: datetime.date) -> dict:
    """(opens, closes) of each round: the immediate one for 30 days from the delivery, the
    follow-up from three to six months after it."""
    delivered = timezone.make_aware(datetime.datetime.combine(delivered_on, datetime.time(9)))
    return {
        RoundKind.IMMEDIATE: (delivered, delivered + datetime.timedelta(days=30)),
        RoundKind.FOLLOW_UP: (
            delivered + datetime.timedelta(days=91),
            delivered + datetime.timedelta(days=183),
        ),
    }


def _versions() -> dict:
    """The newest published version of each questionnaire, with its questions and choices."""
    versions = {}
    for version in QuestionnaireVersion.objects.filter(published_at__isnull=False).select_related(
        "questionnaire"
    ):
        kind = version.questionnaire.kind
        if kind not in versions or version.number > versions[kind].number:
            versions[kind] = version
    questions = Question.objects.filter(version__in=versions.values()).prefetch_related("choices")
    by_version = {}
    for question in questions.order_by("order"):
        by_version.setdefault(question.version_id, []).append(question)
    return {kind: (version, by_version.get(version.pk, [])) for kind, version in versions.items()}


def _answer(rng, response, question) -> Answer | None:
    if question.is_scale:
        if rng.random() < 0.1:
            return Answer(response=response, question=question, dont_know=True)
        return Answer(response=response, question=question, value=rng.choice([3, 4, 4, 5, 5, 2]))
    if question.has_choices:
        choices = list(question.choices.all())
        if choices and rng.random() < 0.7:
            return Answer(response=response, question=question, choice=rng.choice(choices))
        return None
    text = rng.choice(COMMENTS)
    return Answer(response=response, question=question, text=text) if text else None


def seed_evaluations(rng, delivered: list[tuple[int, datetime.date]]) -> int:
    """Rounds, their opening events, responses and answers for ``(request_pk, delivered_on)``
    pairs; returns the number of responses."""
    versions = _versions()
    if not versions:
        return 0  # no published questionnaire: the deliveries stand without rounds
    now = timezone.now()
    rounds, responded = [], []
    for request_pk, delivered_on in delivered:
        for kind, (opens_at, closes_at) in _windows(delivered_on).items():
            if kind not in versions:
                continue
            opened = opens_at <= now
            count = rng.choices(range(len(RESPONSES)), weights=RESPONSES)[0] if opened else 0
            ended = closes_at <= now
            salt, hash_ = tokens.new_link()
            rounds.append(
                EvaluationRound(
                    request_id=request_pk,
                    kind=kind,
                    version=versions[kind][0],
                    opens_at=opens_at,
                    closes_at=closes_at,
                    closed_at=closes_at if ended else None,
                    closed_without_responses=ended and count == 0,
                    token_salt=salt,
                    token_hash=hash_,
                )
            )
            responded.append(count)
    rounds = EvaluationRound.objects.bulk_create(rounds, batch_size=BATCH)
    RoundEvent.objects.bulk_create(
        (
            RoundEvent(round=round, action=RoundEvent.Action.OPENED, at=round.opens_at)
            for round in rounds
        ),
        batch_size=BATCH,
    )
    responses = []
    for round, count in zip(rounds, responded, strict=True):
        last = min(round.closes_at, now).date()
        days = max((last - round.opens_at.date()).days, 0)
        responses.extend(
            Response(
                round=round,
                version=round.version,
                submitted_on=round.opens_at.date() + datetime.timedelta(days=rng.randint(0, days)),
            )
            for _n in range(count)
        )
    responses = Response.objects.bulk_create(responses, batch_size=BATCH)
    questions = {kind: qs for kind, (_version, qs) in versions.items()}
    answers = []
    for response in responses:
        for question in questions[response.round.kind]:
            answer = _answer(rng, response, question)
            if answer is not None:
                answers.append(answer)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    return len(responses)
