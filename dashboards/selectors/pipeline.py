"""The pipeline: requests per status, and the median days from reaching the provider to the
dialogue and to the contract (Copenhagen calendar days).

The medians are computed in the database: the days are numbered in order with a window
function and only the middle one or two rows come back, so a thousand requests cost what ten
do.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, DurationField, ExpressionWrapper, F, Value, Window
from django.db.models.functions import RowNumber, TruncDate

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
    counts = dict(requests.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        StatusCount(status=value, label=str(label), count=counts.get(value, 0))
        for value, label in Status.choices
        if value != Status.DRAFT
    ]


def _middle_rows(requests, which: str, met_on):
    """The middle one or two rows of ``met_on - the day the request reached the provider``
    in order, with their count: numbered by a window function, filtered in the database."""
    days = ExpressionWrapper(
        F("met_on") - TruncDate("reached_provider_at"), output_field=DurationField()
    )
    ranked = (
        requests.order_by()
        .filter(reached_provider_at__isnull=False)
        .annotate(met_on=met_on)
        .filter(met_on__isnull=False)
        .annotate(
            days=days,
            position=Window(RowNumber(), order_by=[days.asc(), F("pk").asc()]),
            total=Window(Count("pk")),
            which=Value(which, output_field=CharField()),
        )
    )
    # ceil(n/2) and floor(n/2) + 1: the same row for an odd count, the two middle ones else.
    return ranked.filter(
        position__gte=(F("total") + 1) / 2, position__lte=F("total") / 2 + 1
    ).values_list("which", "days", "total")


def _median(rows) -> tuple[Decimal | None, int]:
    if not rows:
        return None, 0
    total = rows[0][1]
    middle = sorted(days.days for days, _total in rows)
    if total % 2:
        return Decimal(middle[0]), total
    return (Decimal(sum(middle[:2])) / 2).quantize(Decimal("0.1")), total


def medians(requests) -> dict[str, tuple[Decimal | None, int]]:
    """Median days to dialogue and to contract, and over how many requests, in one query."""
    rows = list(
        _middle_rows(requests, "dialogue", F("dialogue_started_on")).union(
            _middle_rows(requests, "contract", TruncDate("contract__concluded_at")), all=True
        )
    )
    return {
        which: _median([(days, total) for name, days, total in rows if name == which])
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
