"""The sums the results overview adds up (``overview.summarise``): a row per provider, theme,
region or budget period and the total, with the rounds' counts and the answers'
distributions, each filled from grouped queries in a fixed number whatever the data."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.db.models.functions import Concat


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


def grouped_rows(rounds, scale, subjects: dict, field_name: str) -> dict:
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


class Facets:
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


def add_facets(rounds, scale, facets: Facets, periods: list) -> None:
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
