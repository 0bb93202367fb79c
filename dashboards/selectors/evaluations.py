"""Evaluations at a glance: response rates and average scores per provider and per theme.

Over the rounds that have opened (immediate and follow-up, ``evaluations.models``) of the
requests in view:

    responses      = the rounds' responses
    response rate  = responses / participants, over rounds whose delivery has a report
                     (``DeliveryReport.participants``: everyone asked, once per round)
    average        = the mean of every five-point answer (``don't know`` left out), per kind
                     of round; shown only from ``EVALUATION_MIN_RESPONSES`` responses, as
                     the workplace's own summary, so no answer can be traced to a few people

Each table is one grouped query, whatever the number of rounds and answers.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from dashboards.permissions import Scope, dashboard_scope
from dashboards.selectors.filters import DashboardFilters
from dashboards.selectors.pipeline import scoped_requests
from evaluations.models import Answer, EvaluationRound, Question, Response, RoundKind
from providers.models import Provider, Theme


@dataclass
class EvaluationRow:
    subject: object  # a Provider or a Theme
    rounds: int = 0
    responses: int = 0
    invited: int = 0
    responses_of_reported: int = 0
    averages: dict = field(default_factory=dict)  # RoundKind value → Decimal | None
    answered: dict = field(default_factory=dict)  # RoundKind value → responses with a score

    @property
    def label(self) -> str:
        return str(self.subject)

    @property
    def response_rate(self) -> Decimal | None:
        if not self.invited:
            return None
        return (Decimal(self.responses_of_reported) * 100 / self.invited).quantize(Decimal("0.1"))

    @property
    def immediate_average(self):
        return self.averages.get(RoundKind.IMMEDIATE)

    @property
    def follow_up_average(self):
        return self.averages.get(RoundKind.FOLLOW_UP)


@dataclass
class EvaluationSummary:
    by_provider: list[EvaluationRow]
    by_theme: list[EvaluationRow]
    min_responses: int


def _count(queryset, aggregate):
    """One number per round, as a correlated subquery (0 when there is nothing)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("_round").annotate(n=aggregate).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _rows(rounds, group: str, subjects) -> list[EvaluationRow]:
    """One grouped query over the rounds: each round brings its own counts and score sums as
    subqueries, so the grouping never multiplies a round by its responses."""
    responses = Response.objects.filter(round=OuterRef("pk")).annotate(_round=F("round"))
    scores = Answer.objects.filter(
        response__round=OuterRef("pk"), question__kind=Question.Kind.SCALE, value__isnull=False
    ).annotate(_round=F("response__round"))
    reported = Q(request__delivery_report__isnull=False)
    grouped = (
        rounds.annotate(
            n_responses=_count(responses, Count("pk")),
            score_sum=_count(scores, Sum("value")),
            score_n=_count(scores, Count("pk")),
            scored=_count(scores, Count("response", distinct=True)),
        )
        .values(group, "kind")
        .annotate(
            n_rounds=Count("pk"),
            n_all=Sum("n_responses"),
            n_reported=Sum("n_responses", filter=reported),
            n_invited=Sum("request__delivery_report__participants"),
            n_score_sum=Sum("score_sum"),
            n_score_n=Sum("score_n"),
            n_scored=Sum("scored"),
        )
        .order_by()
    )
    by_subject: dict = {}
    for row in grouped:
        by_subject.setdefault(row[group], []).append(row)
    minimum = settings.EVALUATION_MIN_RESPONSES
    result = []
    for subject in subjects:
        evaluation = EvaluationRow(subject=subject)
        for row in by_subject.get(subject.pk, []):
            evaluation.rounds += row["n_rounds"]
            evaluation.responses += row["n_all"] or 0
            evaluation.responses_of_reported += row["n_reported"] or 0
            evaluation.invited += row["n_invited"] or 0
            scored, score_n = row["n_scored"] or 0, row["n_score_n"] or 0
            evaluation.answered[row["kind"]] = scored
            if scored >= minimum and score_n:
                evaluation.averages[row["kind"]] = (
                    Decimal(row["n_score_sum"]) / Decimal(score_n)
                ).quantize(Decimal("0.01"))
        result.append(evaluation)
    return result


def evaluation_summary(
    user,
    filters: DashboardFilters,
    *,
    scope: Scope | None = None,
    now=None,
    providers=None,
    themes=None,
) -> EvaluationSummary:
    """Per provider and per theme (a request with two themes counts under each), in two
    queries; two more for the providers and themes unless given (the dashboards pass the
    filter form's lists)."""
    now = now or timezone.now()
    scope = scope if scope is not None else dashboard_scope(user)
    requests = scoped_requests(user, filters, scope=scope).values("pk")
    rounds = EvaluationRound.objects.filter(request__in=requests, opens_at__lte=now)
    if filters.provider:
        providers = [filters.provider]
    elif providers is None:
        # Provider staff see their own provider's rows only, as on their dashboard.
        providers = scope.offered_providers(
            list(Provider.objects.order_by("position", "short_name"))
        )
    if filters.theme:
        themes = [filters.theme]
    elif themes is None:
        themes = list(Theme.objects.order_by("position", "pk"))
    by_provider = _rows(rounds, "request__provider", providers)
    by_theme = _rows(rounds, "request__themes", themes)
    return EvaluationSummary(
        by_provider=by_provider,
        by_theme=by_theme,
        min_responses=settings.EVALUATION_MIN_RESPONSES,
    )
