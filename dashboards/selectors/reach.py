"""Reach: does the offer reach broadly (the parties' aim, 000 Bilag 1)?

Per region and per theme: the requests, the distinct workplaces behind them and, where
workplaces have a head count (``Workplace.employees``), the employees those workplaces
have; per region also the share of the region's workplaces that used the offer. A workplace
is counted once however many requests it sent. Each table is one query (subqueries per row,
computed in the database).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Region, Workplace
from dashboards.permissions import Scope, dashboard_scope
from dashboards.selectors.filters import DashboardFilters
from dashboards.selectors.pipeline import scoped_requests
from providers.models import Theme


@dataclass
class ReachRow:
    subject: object  # a Region or a Theme
    requests: int
    workplaces: int
    employees: int
    workplaces_with_head_count: int
    workplaces_total: int | None = None  # regions only

    @property
    def share_of_workplaces(self) -> Decimal | None:
        if not self.workplaces_total:
            return None
        return (Decimal(self.workplaces) * 100 / self.workplaces_total).quantize(Decimal("0.1"))


def _one(queryset, aggregate):
    """A subquery that answers one aggregate over ``queryset`` (0 when empty)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(_group=Value(1))
            .values("_group")
            .annotate(value=aggregate)
            .values("value")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _reach(subjects, requests, request_link: str, workplace_link: str | None):
    """Annotate ``subjects`` (regions or themes) with their reach over ``requests``."""
    mine = requests.filter(**{request_link: OuterRef("pk")})
    used = Workplace.objects.filter(
        Exists(
            requests.filter(workplace=OuterRef("pk"), **{request_link: OuterRef(OuterRef("pk"))})
        )
    )
    annotations = {
        "n_requests": _one(mine, Count("pk")),
        "n_workplaces": _one(used, Count("pk")),
        "n_employees": _one(used, Sum("employees")),
        "n_counted": _one(used, Count("employees")),
    }
    if workplace_link:
        annotations["n_total"] = _one(
            Workplace.objects.filter(**{workplace_link: OuterRef("pk")}), Count("pk")
        )
    return subjects.annotate(**annotations)


def _rows(subjects) -> list[ReachRow]:
    return [
        ReachRow(
            subject=subject,
            requests=subject.n_requests,
            workplaces=subject.n_workplaces,
            employees=subject.n_employees,
            workplaces_with_head_count=subject.n_counted,
            workplaces_total=getattr(subject, "n_total", None),
        )
        for subject in subjects
    ]


def reach_by_region(user, filters: DashboardFilters, *, scope: Scope | None = None):
    scope = scope if scope is not None else dashboard_scope(user)
    requests = scoped_requests(user, filters, scope=scope)
    regions = Region.objects.order_by("name")
    if not scope.everything and not scope.provider_ids:
        regions = regions.filter(pk__in=sorted(scope.region_ids))
    if filters.region:
        regions = regions.filter(pk=filters.region.pk)
    return _rows(_reach(regions, requests, "workplace__region", "region"))


def reach_by_theme(user, filters: DashboardFilters, *, scope: Scope | None = None):
    requests = scoped_requests(user, filters, scope=scope)
    themes = Theme.objects.order_by("position", "pk")
    if filters.theme:
        themes = themes.filter(pk=filters.theme.pk)
    # A request with two themes counts under each (so the rows do not add up).
    return _rows(_reach(themes, requests, "themes", None))


def reach_totals(rows: list[ReachRow]) -> dict:
    """The regions' sum (regions do not overlap; themes do)."""
    return {
        "requests": sum(row.requests for row in rows),
        "workplaces": sum(row.workplaces for row in rows),
        "employees": sum(row.employees for row in rows),
    }
