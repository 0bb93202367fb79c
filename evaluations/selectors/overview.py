"""Results added up over many rounds: who sees which, the filters, and the sums per provider,
per theme, per region, per budget period and in total (re-exported by
``evaluations.selectors.results``, the public face).

Anonymity: a round's answers count in a sum only from ``settings.EVALUATION_MIN_RESPONSES``
responses; its response count always counts. A round belongs to a programme or budget period
by its request's delivery date.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from accounts.rules import is_central_or_admin
from evaluations.models import Answer, Choice, EvaluationRound, Question, Response
from providers.models import Provider, Theme
from requests_app.models import Request, Status
from requests_app.permissions import (
    is_local_party,
    is_request_coordinator,
    is_request_provider_staff,
)


def min_responses() -> int:
    return settings.EVALUATION_MIN_RESPONSES


def _average(distribution: dict[int, int]) -> Decimal | None:
    answered = sum(distribution.values())
    if not answered:
        return None
    total = sum(value * count for value, count in distribution.items())
    return (Decimal(total) / answered).quantize(Decimal("0.01"))


def _rate(responses: int, participants: int) -> Decimal | None:
    if not participants:
        return None
    return (Decimal(responses) * 100 / participants).quantize(Decimal("0.1"))


def sees_request_results(user, request) -> bool:
    """One request's results: its local parties, the provider's staff on it, the region's
    coordinators and the central parties (the threshold applies to all of them); a draft
    has no evaluation, so only its own workplace may open the page."""
    if is_local_party(user, request):
        return True
    if request.status == Status.DRAFT:
        return False
    return bool(
        is_request_provider_staff(user, request)
        or is_request_coordinator(user, request)
        or is_central_or_admin(user)
    )


def sees_overview(user) -> bool:
    """Central parties, regional coordinators and provider staff see results across rounds."""
    if not user.is_authenticated:
        return False
    return bool(
        is_central_or_admin(user) or user.coordinator_roles.exists() or user.provider_roles.exists()
    )


def scope_q(user) -> Q:
    """The rounds the user may see added up: central all, a coordinator their regions', provider
    staff their providers' (the workplace sees its own on its request page)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_central_or_admin(user):
        return Q()
    regions = user.coordinator_roles.values("region_id")
    providers = user.provider_roles.values("provider_id")
    return Q(request__workplace__region_id__in=regions) | Q(request__provider_id__in=providers)


def filters_q(*, programme=None, period=None, region=None, provider=None, theme=None) -> Q:
    q = Q()
    span = period or programme
    if span is not None:
        q &= Q(request__contract__delivered_on__range=(span.starts_on, span.ends_on))
    if region is not None:
        q &= Q(request__workplace__region=region)
    if provider is not None:
        q &= Q(request__provider=provider)
    if theme is not None:
        # A subquery, not a join: a request with two themes is never counted twice.
        with_theme = Request.themes.through.objects.filter(theme=theme)
        q &= Q(request_id__in=with_theme.values("request_id"))
    return q


def rounds_in_view(user, **filters) -> QuerySet[EvaluationRound]:
    """Rounds that have opened, scoped to the user and filtered, each with ``response_count``
    and ``participants`` (one query, newest delivery first)."""
    responses = (
        Response.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        EvaluationRound.objects.filter(scope_q(user), filters_q(**filters))
        .filter(opens_at__lte=timezone.now())
        .annotate(
            response_count=Coalesce(Subquery(responses, output_field=IntegerField()), Value(0)),
            participants=Coalesce("request__delivery_report__participants", Value(0)),
        )
        .select_related(
            "request__workplace__region",
            "request__workplace__parent",
            "request__provider",
            "request__contract",
            "version",
        )
        .order_by("-request__contract__delivered_on", "-pk")
    )


@dataclass
class SummaryRow:
    """One provider, theme, region or budget period (or the total), over the rounds in view."""

    subject: object  # a Provider, Theme, Region, BudgetPeriod, or None for the total
    rounds: int = 0
    answered_rounds: int = 0  # rounds with at least one response
    responses: int = 0
    participants: int = 0  # of the rounds with a delivery report
    responses_of_reported: int = 0
    distributions: dict = field(default_factory=dict)  # "kind:code" → {value: count}
    # The averages in the order of ``Summary.questions`` (filled by ``summarise``), for tables.
    average_list: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.subject) if self.subject is not None else ""

    @property
    def response_rate(self) -> Decimal | None:
        """Responses per participant asked, in per cent (rounds with a report)."""
        return _rate(self.responses_of_reported, self.participants)

    @property
    def answered_share(self) -> Decimal | None:
        """The share of rounds that got at least one response, in per cent."""
        return _rate(self.answered_rounds, self.rounds)

    def average(self, key: str) -> Decimal | None:
        return _average(self.distributions.get(key, {}))

    @property
    def averages(self) -> dict:
        return {key: _average(values) for key, values in self.distributions.items()}


@dataclass
class Summary:
    questions: list  # [(key, Question)], the scale questions, newest wording
    total: SummaryRow
    by_provider: list  # [SummaryRow]
    by_theme: list  # [SummaryRow]
    choices: list  # [(key, Question, [(label, count)])]
    # Only when ``summarise`` is given the regions and periods to break down by.
    by_region: list = field(default_factory=list)  # [SummaryRow]
    by_period: list = field(default_factory=list)  # [SummaryRow]


def _scale_questions():
    """The newest wording of every question, by ``kind:code`` (one query)."""
    latest = {}
    for question in Question.objects.select_related("version__questionnaire").order_by(
        "-version__questionnaire__kind", "-version__number", "order"
    ):
        key = f"{question.version.questionnaire.kind}:{question.code}"
        latest.setdefault(key, question)
    return latest


ROUND_SUMS = {
    "n_rounds": Count("pk", distinct=True),
    "n_answered": Count("pk", filter=Q(response_count__gt=0), distinct=True),
    "n_responses": Sum("response_count"),
    "n_participants": Sum("participants", filter=Q(participants__gt=0)),
    "n_reported": Sum("response_count", filter=Q(participants__gt=0)),
}


SUMS = {
    "rounds": "n_rounds",
    "answered_rounds": "n_answered",
    "responses": "n_responses",
    "participants": "n_participants",
    "responses_of_reported": "n_reported",
}


def _fill(row: SummaryRow, data: dict) -> None:
    for name, key in SUMS.items():
        setattr(row, name, data[key] or 0)


def _add(row: SummaryRow, data: dict) -> None:
    for name, key in SUMS.items():
        setattr(row, name, getattr(row, name) + (data[key] or 0))


def _add_count(row: SummaryRow, key: str, value: int, n: int) -> None:
    values = row.distributions.setdefault(key, {})
    values[value] = values.get(value, 0) + n


KIND = "response__round__kind"
CODE = "question__code"


def _grouped(rounds, scale, subjects: dict, field_name: str) -> dict:
    """A row per subject (a theme) the rounds have, by the request's ``field_name``: the
    round sums in one grouped query, the answers' distributions in another."""
    rows = {}
    for data in rounds.order_by().values(f"request__{field_name}").annotate(**ROUND_SUMS):
        subject = subjects.get(data[f"request__{field_name}"])
        if subject is not None:
            rows[subject.pk] = row = SummaryRow(subject=subject)
            _fill(row, data)
    answer_field = f"response__round__request__{field_name}"
    for pk, k, c, value, n in (
        scale.values(answer_field, KIND, CODE, "value")
        .annotate(n=Count("pk"))
        .values_list(answer_field, KIND, CODE, "value", "n")
    ):
        if pk in rows:
            rows[pk].distributions.setdefault(f"{k}:{c}", {})[value] = n
    return rows


def _in_periods(periods: list, prefix: str = ""):
    """Which of ``periods`` a round was delivered in, as a key to group by ("3,5,": a date
    may fall in two programmes' overlapping periods; "" in none)."""
    field = f"{prefix}request__contract__delivered_on__range"
    parts = [
        Case(
            When(Q(**{field: (period.starts_on, period.ends_on)}), then=Value(f"{period.pk},")),
            default=Value(""),
            output_field=CharField(),
        )
        for period in periods
    ]
    if not parts:
        return Value("", output_field=CharField())
    return parts[0] if len(parts) == 1 else Concat(*parts, output_field=CharField())


class _Facets:
    """The rows per provider, region and budget period and the total, filled from one
    grouped query of the rounds and one of their answers: each group is one provider, one
    region and one set of periods, added to each of their rows (a round has one provider
    and one region, so no round is counted twice in a row)."""

    def __init__(self, providers: dict, regions: dict, periods: dict):
        self.providers, self.regions, self.periods = providers, regions, periods
        self.total = SummaryRow(subject=None)
        self.rows = {"provider": {}, "region": {}, "period": {}}

    def _row(self, kind: str, subjects: dict, pk):
        subject = subjects.get(pk)
        if subject is None:
            return None
        rows = self.rows[kind]
        if pk not in rows:
            rows[pk] = SummaryRow(subject=subject)
        return rows[pk]

    def targets(self, provider_id, region_id, in_periods: str) -> list[SummaryRow]:
        rows = [
            self._row("provider", self.providers, provider_id),
            self._row("region", self.regions, region_id),
            *(self._row("period", self.periods, int(pk)) for pk in in_periods.split(",") if pk),
        ]
        return [self.total, *(row for row in rows if row is not None)]

    def in_order(self, kind: str, subjects: dict) -> list[SummaryRow]:
        return [self.rows[kind][pk] for pk in subjects if pk in self.rows[kind]]


PROVIDER, REGION = "request__provider_id", "request__workplace__region_id"


def _facets(rounds, scale, facets: _Facets, periods: list) -> None:
    by_round = rounds.order_by().annotate(x_periods=_in_periods(periods))
    for data in by_round.values(PROVIDER, REGION, "x_periods").annotate(**ROUND_SUMS):
        for row in facets.targets(data[PROVIDER], data[REGION], data["x_periods"]):
            _add(row, data)
    answer = "response__round__"
    for provider_id, region_id, in_periods, k, c, value, n in (
        scale.annotate(x_periods=_in_periods(periods, answer))
        .values(answer + PROVIDER, answer + REGION, "x_periods", KIND, CODE, "value")
        .annotate(n=Count("pk"))
        .values_list(answer + PROVIDER, answer + REGION, "x_periods", KIND, CODE, "value", "n")
    ):
        for row in facets.targets(provider_id, region_id, in_periods):
            _add_count(row, f"{k}:{c}", value, n)


def summarise(
    rounds: QuerySet[EvaluationRound],
    *,
    providers: list | None = None,
    themes: list | None = None,
    regions: list | None = None,
    periods: list | None = None,
) -> Summary:
    """Sums over ``rounds`` (from ``rounds_in_view``) per provider, per theme and in total,
    and, given the regions and the budget periods (in the order to show them), per region
    and per period: in nine queries whatever the number of rounds and responses, seven when
    the caller passes the providers and themes it has already read, in the order to show
    them. The answers are read twice, not once per breakdown: at 100,000 requests each read
    of them is a few hundred milliseconds."""
    questions = _scale_questions()
    # Rounds with their response counts, as a plain subquery of ids.
    shown = rounds.filter(response_count__gte=min_responses()).values("pk")
    answers = Answer.objects.filter(response__round__in=shown).order_by()
    scale = answers.filter(question__kind=Question.Kind.SCALE, value__isnull=False, dont_know=False)

    if providers is None:
        providers = Provider.objects.order_by("position", "short_name")
    providers = {p.pk: p for p in providers}
    regions = {r.pk: r for r in regions or []}
    periods = list(periods or [])
    facets = _Facets(providers, regions, {p.pk: p for p in periods})
    _facets(rounds, scale, facets, periods)
    total = facets.total

    if themes is None:
        themes = Theme.objects.order_by("position", "pk")
    themes = {t.pk: t for t in themes}
    by_theme = _grouped(rounds, scale, themes, "themes")
    by_provider = facets.in_order("provider", providers)
    by_region = facets.in_order("region", regions)
    by_period = facets.in_order("period", facets.periods)

    choice_counts = defaultdict(int)
    for k, c, order, n in (
        answers.filter(choice__isnull=False)
        .values(KIND, CODE, "choice__order")
        .annotate(n=Count("pk"))
        .values_list(KIND, CODE, "choice__order", "n")
    ):
        choice_counts[(f"{k}:{c}", order)] += n
    choice_lines = []
    with_choices = [(key, q) for key, q in questions.items() if q.has_choices]
    labels = defaultdict(dict)
    for choice in Choice.objects.filter(question__in=[q for _, q in with_choices]):
        labels[choice.question_id][choice.order] = choice.text
    for key, question in with_choices:
        orders = labels[question.pk]
        choice_lines.append(
            (key, question, [(orders[o], choice_counts[(key, o)]) for o in sorted(orders)])
        )
    scales = [(key, q) for key, q in questions.items() if q.kind == Question.Kind.SCALE]
    for row in [total, *by_provider, *by_theme.values(), *by_region, *by_period]:
        row.average_list = [row.average(key) for key, _q in scales]
    return Summary(
        questions=scales,
        total=total,
        by_provider=by_provider,
        by_theme=[by_theme[pk] for pk in themes if pk in by_theme],
        choices=choice_lines,
        by_region=by_region,
        by_period=by_period,
    )


def summary_by_provider_and_theme(
    user, *, programme=None, period=None, region=None, provider=None, theme=None
) -> Summary:
    """The rounds the user may see, filtered, added up per provider and per theme."""
    rounds = rounds_in_view(
        user, programme=programme, period=period, region=region, provider=provider, theme=theme
    )
    return summarise(rounds)


def provider_results(user, provider, filters: dict | None = None):
    """``(rounds, summary)`` for one provider: its opened rounds the user may see (a queryset
    to paginate, newest delivery first) and their sums. ``filters`` as for
    ``summary_by_provider_and_theme`` (the provider among them is replaced)."""
    filters = {**(filters or {}), "provider": provider}
    rounds = rounds_in_view(user, **filters)
    return rounds, summarise(rounds)
