"""The evaluations' results: per round, per request, and added up per provider and theme.

The canonical aggregations (dashboards and the API import them; keep the signatures stable):

    results_for_round(round)                   one round, questions with their figures
    results_for_request(request)               every round of one request
    provider_results(user, provider, filters)  a provider's rounds and its summary
    summary_by_provider_and_theme(user, *, programme=None, period=None, region=None,
                                  provider=None, theme=None)

What the figures mean:

    responses       the round's anonymous responses
    response rate   responses / participants, over the rounds whose delivery has a report
                    (``DeliveryReport.participants``: everyone asked, once per round)
    average         the mean of the five-point answers, "don't know" left out
    choices         how many chose each option (several per response for multi-choice)
    texts           the free-text answers, in alphabetical order, not in order of arrival

Anonymity: a round's answers are shown, and count in any sum, only from
``settings.EVALUATION_MIN_RESPONSES`` responses; below that only its count is shown and
counted, so no answer can be traced to the few who gave it. The response counts and rates
include every round.

A round belongs to a programme or budget period by its request's delivery date. Every
function runs a fixed number of queries, whatever the number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch

from evaluations.models import Answer, Choice, EvaluationRound, Question, Response
from evaluations.selectors.overview import (
    filters_q,
    min_responses,
    provider_results,
    rounds_in_view,
    scope_q,
    sees_overview,
    sees_request_results,
    summarise,
    summary_by_provider_and_theme,
)
from evaluations.selectors.sums import Summary, SummaryRow, _average, _rate
from requests_app.models import Request

__all__ = [
    "QuestionResult",
    "RoundResult",
    "Summary",
    "SummaryRow",
    "filters_q",
    "min_responses",
    "provider_results",
    "results_for_request",
    "results_for_round",
    "results_for_rounds",
    "rounds_in_view",
    "scope_q",
    "sees_overview",
    "sees_request_results",
    "summarise",
    "summary_by_provider_and_theme",
]


@dataclass
class QuestionResult:
    question: Question
    distribution: dict = field(default_factory=dict)  # 1..5 → count
    dont_know: int = 0
    choices: list = field(default_factory=list)  # [(Choice, count)]
    texts: list = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def answered(self) -> int:
        return sum(self.distribution.values())

    @property
    def average(self) -> Decimal | None:
        return _average(self.distribution)

    @property
    def counts(self) -> list[int]:
        """The number of answers for 1, 2, 3, 4 and 5, for a chart and its table."""
        return [self.distribution.get(value, 0) for value in range(1, 6)]


@dataclass
class RoundResult:
    round: EvaluationRound
    responses: int
    participants: int | None  # from the delivery report, if there is one
    questions: list = field(default_factory=list)  # [QuestionResult], empty below threshold

    @property
    def shown(self) -> bool:
        return self.responses >= min_responses()

    @property
    def response_rate(self) -> Decimal | None:
        return _rate(self.responses, self.participants or 0)

    @property
    def missing(self) -> int:
        """How many more responses are needed before the answers are shown."""
        return max(0, min_responses() - self.responses)


def _questions_by_version(version_ids) -> dict[int, list[Question]]:
    """Each version's questions in order with their choices (two queries)."""
    questions = defaultdict(list)
    for question in (
        Question.objects.filter(version_id__in=set(version_ids))
        .order_by("version_id", "order")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order")))
    ):
        questions[question.version_id].append(question)
    return questions


def results_for_rounds(
    rounds, *, texts: bool = True, participants: dict | None = None
) -> list[RoundResult]:
    """The results of the given rounds, in their order (six queries at most; five when the
    caller knows the participants, ``{request_pk: number}`` from the delivery reports)."""
    rounds = list(rounds)
    if not rounds:
        return []
    pks = [round.pk for round in rounds]
    counts = dict(
        Response.objects.filter(round__in=pks)
        .order_by()
        .values("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    if participants is None:
        participants = dict(
            Request.objects.filter(pk__in={round.request_id for round in rounds})
            .filter(delivery_report__isnull=False)
            .values_list("pk", "delivery_report__participants")
        )
    results = [
        RoundResult(
            round=round,
            responses=counts.get(round.pk, 0),
            participants=participants.get(round.request_id),
        )
        for round in rounds
    ]
    shown = [result for result in results if result.shown]
    if not shown:
        return results
    shown_pks = [result.round.pk for result in shown]
    answers = Answer.objects.filter(response__round__in=shown_pks).order_by()
    cells = defaultdict(int)
    for round_pk, question_pk, value, dont_know, choice_pk, n in (
        answers.exclude(question__kind=Question.Kind.TEXT)
        .values("response__round_id", "question_id", "value", "dont_know", "choice_id")
        .annotate(n=Count("pk"))
        .values_list("response__round_id", "question_id", "value", "dont_know", "choice_id", "n")
    ):
        if dont_know:
            cells[(round_pk, question_pk, "dont_know")] += n
        elif choice_pk is not None:
            cells[(round_pk, question_pk, "choice", choice_pk)] += n
        elif value is not None:
            cells[(round_pk, question_pk, "value", value)] += n
    free_texts = defaultdict(list)
    if texts:
        for round_pk, question_pk, text in (
            answers.filter(question__kind=Question.Kind.TEXT)
            .exclude(text="")
            .order_by("text")
            .values_list("response__round_id", "question_id", "text")
        ):
            free_texts[(round_pk, question_pk)].append(text)
    questions = _questions_by_version(result.round.version_id for result in shown)
    for result in shown:
        r = result.round.pk
        for question in questions[result.round.version_id]:
            q = question.pk
            line = QuestionResult(question=question)
            if question.kind == Question.Kind.SCALE:
                line.distribution = {
                    v: cells[(r, q, "value", v)] for v in range(1, 6) if cells[(r, q, "value", v)]
                }
                line.dont_know = cells[(r, q, "dont_know")]
            elif question.has_choices:
                line.choices = [
                    (choice, cells[(r, q, "choice", choice.pk)])
                    for choice in question.choices.all()
                ]
            else:
                line.texts = free_texts.get((r, q), [])
            result.questions.append(line)
    return results


def results_for_round(round) -> RoundResult:
    return results_for_rounds([round])[0]


def results_for_request(request, *, texts: bool = True, report=None) -> list[RoundResult]:
    """Every round of the request, in the order they open (seven queries at most, six when
    the caller passes the request's ``DeliveryReport``)."""
    rounds = EvaluationRound.objects.filter(request=request).select_related(
        "version__questionnaire"
    )
    participants = {request.pk: report.participants} if report is not None else None
    return results_for_rounds(rounds.order_by("opens_at"), texts=texts, participants=participants)
