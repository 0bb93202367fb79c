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
from django.db.models import Count, F, IntegerField, Q, Sum, Value
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


def _grouped(rounds, group: str):
    """Per subject and kind of round: the rounds, their responses and their scores, as three
    grouped aggregations sent as one query (a union): each part groups its own table once,
    so no round is multiplied by its responses and no subquery runs per round."""
    kind = Question.Kind.SCALE

    def by(queryset, path, part, **numbers):
        return (
            queryset.order_by()
            .values(subject=F(f"{path}{group}"), round_kind=F(f"{path}kind"))
            .annotate(part=Value(part), **numbers)
            .values_list("subject", "round_kind", "part", "a", "b", "c")
        )

    zero = Value(0, output_field=IntegerField())
    in_rounds = rounds.values("pk")
    parts = [
        by(
            rounds,
            "",
            "rounds",
            a=Count("pk"),
            b=Coalesce(Sum("request__delivery_report__participants"), zero),
            c=zero,
        ),
        by(
            Response.objects.filter(round__in=in_rounds),
            "round__",
            "responses",
            a=Count("pk"),
            b=Count("pk", filter=Q(round__request__delivery_report__isnull=False)),
            c=zero,
        ),
        by(
            Answer.objects.filter(
                response__round__in=in_rounds, question__kind=kind, value__isnull=False
            ),
            "response__round__",
            "scores",
            a=Sum("value"),
            b=Count("pk"),
            c=Count("response", distinct=True),
        ),
    ]
    rows: dict = {}
    for subject, round_kind, part, a, b, c in parts[0].union(*parts[1:], all=True):
        row = rows.setdefault((subject, round_kind), {"subject": subject, "kind": round_kind})
        names = {
            "rounds": ("n_rounds", "n_invited", None),
            "responses": ("n_all", "n_reported", None),
            "scores": ("n_score_sum", "n_score_n", "n_scored"),
        }[part]
        for name, value in zip(names, (a, b, c), strict=True):
            if name:
                row[name] = value
    return rows.values()


def _rows(rounds, group: str, subjects) -> list[EvaluationRow]:
    """One query over the rounds, their responses and their scores (``_grouped``)."""
    by_subject: dict = {}
    for row in _grouped(rounds, group):
        by_subject.setdefault(row["subject"], []).append(row)
    minimum = settings.EVALUATION_MIN_RESPONSES
    result = []
    for subject in subjects:
        evaluation = EvaluationRow(subject=subject)
        for row in by_subject.get(subject.pk, []):
            evaluation.rounds += row.get("n_rounds") or 0
            evaluation.responses += row.get("n_all") or 0
            evaluation.responses_of_reported += row.get("n_reported") or 0
            evaluation.invited += row.get("n_invited") or 0
            scored, score_n = row.get("n_scored") or 0, row.get("n_score_n") or 0
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
