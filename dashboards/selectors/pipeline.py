"""The pipeline: requests per status, and the median days from reaching the provider to the
dialogue and to the contract (Copenhagen calendar days).

The medians are counted in the database: one row per number of days with how many requests
took that long, and the middle is found in those counts, so a thousand requests cost what ten
do (and no row is sorted).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, DurationField, ExpressionWrapper, F, Value
from django.db.models.functions import TruncDate

from dashboards.permissions import Scope, dashboard_scope
from dashboards.selectors.filters import DashboardFilters
from requests_app.models import Request, Status


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class Pipeline:
    statuses: list[StatusCount]
    total: int
    median_days_to_dialogue: Decimal | None
    median_days_to_contract: Decimal | None
    dialogue_count: int
    contract_count: int


def scoped_requests(user, filters: DashboardFilters, *, scope: Scope | None = None):
    """The requests every dashboard figure counts: the user's scope and the filters."""
    scope = scope if scope is not None else dashboard_scope(user)
    return Request.objects.filter(scope.requests_q(), filters.requests_q())


def status_counts(requests) -> list[StatusCount]:
    # COUNT(*): read from the status index alone (an index-only scan), not the table.
    counts = dict(requests.order_by().values_list("status").annotate(n=Count("*")))
    return [
        StatusCount(status=value, label=str(label), count=counts.get(value, 0))
        for value, label in Status.choices
        if value != Status.DRAFT
    ]


def _day_counts(requests, which: str, met_on):
    """How many requests took how many days from reaching the provider to ``met_on``: one
    row per number of days (a few hundred at most, however many requests)."""
    days = ExpressionWrapper(
        F("met_on") - TruncDate("reached_provider_at"), output_field=DurationField()
    )
    return (
        requests.order_by()
        .filter(reached_provider_at__isnull=False)
        .annotate(met_on=met_on)
        .filter(met_on__isnull=False)
        .annotate(days=days)
        .values("days")
        .annotate(which=Value(which, output_field=CharField()), n=Count("pk"))
        .values_list("which", "days", "n")
    )


def _median(counts) -> tuple[Decimal | None, int]:
    """The median of ``(days, how many)`` pairs, and over how many requests."""
    total = sum(n for _days, n in counts)
    if not total:
        return None, 0
    # The (total + 1) // 2-th and (total + 2) // 2-th values in order: one for an odd count.
    wanted, middle, seen = [(total + 1) // 2, total // 2 + 1], [], 0
    for days, n in sorted(counts):
        seen += n
        while wanted and wanted[0] <= seen:
            wanted.pop(0)
            middle.append(days.days)
    if total % 2:
        return Decimal(middle[0]), total
    return (Decimal(sum(middle)) / 2).quantize(Decimal("0.1")), total


def medians(requests) -> dict[str, tuple[Decimal | None, int]]:
    """Median days to dialogue and to contract, and over how many requests, in one query
    (the days counted per value and the middle found in the counts: no sort of the rows)."""
    rows = list(
        _day_counts(requests, "dialogue", F("dialogue_started_on")).union(
            _day_counts(requests, "contract", TruncDate("contract__concluded_at")), all=True
        )
    )
    return {
        which: _median([(days, n) for name, days, n in rows if name == which])
        for which in ("dialogue", "contract")
    }


def pipeline(user, filters: DashboardFilters, *, scope: Scope | None = None) -> Pipeline:
    """Counts per status and the two medians, in two queries."""
    requests = scoped_requests(user, filters, scope=scope)
    statuses = status_counts(requests)
    middle = medians(requests)
    dialogue, dialogue_n = middle["dialogue"]
    contract, contract_n = middle["contract"]
    return Pipeline(
        statuses=statuses,
        total=sum(s.count for s in statuses),
        median_days_to_dialogue=dialogue,
        median_days_to_contract=contract,
        dialogue_count=dialogue_n,
        contract_count=contract_n,
    )
