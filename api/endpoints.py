"""The endpoints of ``/api/v1/``: budgets, requests, deadline performance, reach and the
evaluations' summary.

Each reads through the dashboards' selectors and scope (``dashboards.selectors``,
``dashboards.permissions``), so it answers with the numbers the dashboards and lists show
the same user; the requests endpoint takes the request list's filters
(``dashboards.filters.RequestFilter``). Only the central parties, coordinators and provider
staff may read it (``may_view_dashboards``); anyone else logged in gets 403.

The figures endpoints (budgets, deadlines, reach, evaluations) keep their answer as the
dashboards keep their figures (``dashboards.cache``): per scope, filters and language, until a
change or ``DASHBOARD_CACHE_SECONDS``; ``Last-Modified`` says when it was computed.
"""

import math
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.utils.http import http_date
from ninja import Query, Router
from ninja.errors import HttpError

from api import schemas
from api.auth import reader
from dashboards import cache as figures_cache
from dashboards.filters import RequestFilter, errors_text, reference, requests_rows
from dashboards.permissions import dashboard_scope
from dashboards.selectors.budgets import budget_rows
from dashboards.selectors.deadlines import sla_by_provider
from dashboards.selectors.evaluations import evaluation_summary
from dashboards.selectors.filters import DashboardFilters
from dashboards.selectors.reach import reach_by_region, reach_by_theme

router = Router(tags=["Rapportering"])
ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 422: schemas.Error}


def _user(request):
    return reader(request.auth)  # checked with the login already (``api.auth``)


def _filters(request, names) -> DashboardFilters:
    """The named dashboard filters from the query string; a bad value answers 400."""
    data = QueryDict(mutable=True)
    for name in names:
        if name in request.GET:
            data[name] = request.GET[name]
    filters, errors = DashboardFilters.from_querydict(data)
    if errors:
        raise HttpError(400, " ".join(f"{name}: {message}" for name, message in errors.items()))
    return filters


def _kept(request, response, name, filters, compute):
    """A figures endpoint's answer, computed once per scope, filters and language and kept as
    the dashboards keep theirs (``dashboards.cache``); ``Last-Modified`` says when it was
    computed."""
    kept = figures_cache.figures(f"api-{name}", dashboard_scope(request.auth), filters, compute)
    response["Last-Modified"] = http_date(kept.computed_at.timestamp())
    return kept.value


def money(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def percent(value) -> str | None:
    return None if value is None else f"{Decimal(value):.1f}"


@router.get(
    "budgets",
    response={200: list[schemas.BudgetRow], **ERRORS},
    summary="Budgetter pr. udbyder og periode",
    description=(
        "Ramme, disponeret, faktureret, attesteret, betalt og rest pr. udbyder og periode, "
        "som på siden Budgetrammer. Koordinatorer ser kun det, regionens arbejdspladser "
        "bruger (`partial`: true, uden rest)."
    ),
)
def budgets(
    request,
    response: HttpResponse,
    programme: int | None = Query(None, description="Programmets id"),
    period: int | None = Query(None, description="Budgetperiodens id"),
):
    user = _user(request)
    filters = _filters(request, ("programme", "period"))
    return _kept(request, response, "budgets", filters, lambda: _budgets(user, filters))


def _budgets(user, filters) -> list[dict]:
    rows = budget_rows(user, filters)
    return [
        {
            "provider": row.provider.slug,
            "provider_name": row.provider.short_name,
            "programme_id": row.period.programme_id,
            "period_id": row.period.pk,
            "period": str(row.period),
            "partial": row.partial,
            "frame": money(row.amount),
            "committed": money(row.committed),
            "invoiced": money(row.invoiced),
            "attested": money(row.attested),
            "paid": money(row.paid),
            "remaining": money(row.remaining),
            "share_used_percent": percent(row.share_used),
        }
        for row in rows
    ]


# What ``_request_row`` reads: a page of 50 read without the requests' free texts and the
# related rows' other columns (issue 12). A column missing here costs a query a row, which
# the API's query-count test catches.
REQUEST_ROW_COLUMNS = (
    *("title", "other_theme", "status", "reached_provider_at", "dialogue_due"),
    *("dialogue_started_on", "contract_due", "provider__slug"),
    *("workplace__name", "workplace__parent__name", "workplace__region__slug"),
    *("contract__concluded_at", "contract__reserved_amount"),
)


def _request_row(r) -> dict:
    contract = getattr(r, "contract", None)
    return {
        "id": r.pk,
        "reference": reference(r.pk),
        "title": r.title,
        "workplace": str(r.workplace),
        "region": r.workplace.region.slug,
        "provider": r.provider.slug if r.provider_id else None,
        "themes": [theme.slug for theme in r.themes.all()],
        "other_theme": r.other_theme,
        "status": r.status,
        "status_display": r.get_status_display(),
        "reached_provider_at": r.reached_provider_at,
        "dialogue_due": r.dialogue_due,
        "dialogue_started_on": r.dialogue_started_on,
        "contract_due": r.contract_due,
        "contract_concluded_at": contract.concluded_at if contract else None,
        "amount": money(contract.reserved_amount) if contract else None,
    }


# The keys ``status`` takes: the request list's own (``dashboards.filters.RequestFilter``).
STATUS_DESCRIPTION = "Status: " + ", ".join(
    f"`{value}`" for value, _label in RequestFilter.base_filters["status"].extra["choices"]
)


@router.get(
    "requests",
    response={200: schemas.RequestPage, **ERRORS},
    summary="Anmodninger (sidevis)",
    description=(
        "Anmodningerne, som listen /dashboard/requests/ viser dem, med samme filtre. "
        f"{settings.PAGE_SIZE} pr. side; `page` vælger siden."
    ),
)
def requests(
    request,
    status: str | None = Query(None, description=STATUS_DESCRIPTION),
    provider: str | None = Query(None, description="Udbyderens nøgle, fx `nfa`"),
    region: str | None = Query(None, description="Regionens nøgle, fx `sjaelland`"),
    period: int | None = Query(None, description="Budgetperiodens id"),
    programme: int | None = Query(None, description="Programmets id"),
    theme: str | None = Query(None, description="Temaets nøgle, fx `violence-threats`"),
    overdue: bool | None = Query(None, description="Kun anmodninger med en overskreden frist"),
    q: str | None = Query(None, description="Søgning i titel, arbejdsplads og reference"),
    page: int = Query(1, ge=1, description="Sidenummer"),
):
    user = _user(request)
    data = request.GET.copy()
    data.pop("page", None)
    if overdue is not None:
        data["overdue"] = "1" if overdue else ""
    # The filters offer what the lists offer this user (a coordinator: their own region);
    # the user is the token's or the session's, so it is handed over on its own.
    filterset = RequestFilter(
        data, queryset=requests_rows(user), request=SimpleNamespace(user=user)
    )
    if not filterset.is_valid():
        raise HttpError(400, errors_text(filterset))
    rows = filterset.qs.order_by("-pk").only(*REQUEST_ROW_COLUMNS)
    count = rows.count()
    size = settings.PAGE_SIZE
    start = (page - 1) * size
    items = [_request_row(r) for r in rows[start : start + size]] if start < count else []
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(math.ceil(count / size), 1),
        "items": items,
    }


@router.get(
    "deadlines/sla",
    response={200: list[schemas.SlaRow], **ERRORS},
    summary="Fristoverholdelse pr. udbyder",
    description=(
        "Pr. udbyder: anmodninger modtaget, dialog i tide (7 dage) og kontrakt i tide "
        "(28 dage) som antal og andel i procent af de afgjorte frister, og hvor mange der er "
        "overskredet nu."
    ),
)
def deadlines_sla(
    request,
    response: HttpResponse,
    period: int | None = Query(None, description="Budgetperiodens id"),
    programme: int | None = Query(None, description="Programmets id"),
):
    user = _user(request)
    filters = _filters(request, ("programme", "period"))
    return _kept(request, response, "sla", filters, lambda: _sla(user, filters))


def _sla(user, filters) -> list[dict]:
    rows = sla_by_provider(user, filters)
    return [
        {
            "provider": row.provider.slug,
            "provider_name": row.provider.short_name,
            "reached": row.reached,
            "dialogue_on_time": row.dialogue_on_time,
            "dialogue_late": row.dialogue_late,
            "dialogue_on_time_percent": percent(row.dialogue_share),
            "contract_on_time": row.contract_on_time,
            "contract_late": row.contract_late,
            "contract_on_time_percent": percent(row.contract_share),
            "overdue_now": row.overdue,
        }
        for row in rows
    ]


def _reach_row(row, *, slug, name) -> dict:
    return {
        "slug": slug,
        "name": name,
        "requests": row.requests,
        "workplaces": row.workplaces,
        "employees": row.employees,
        "workplaces_with_head_count": row.workplaces_with_head_count,
        "workplaces_total": row.workplaces_total,
        "share_of_workplaces_percent": percent(row.share_of_workplaces),
    }


@router.get(
    "reach",
    response={200: schemas.Reach, **ERRORS},
    summary="Udbredelse pr. region og tema",
    description=(
        "Pr. region og pr. tema: anmodninger, forskellige arbejdspladser og (hvor "
        "arbejdspladsen har et antal ansatte) ansatte; pr. region også andelen af regionens "
        "arbejdspladser, der har brugt tilbuddet. En anmodning med to temaer tæller under "
        "begge."
    ),
)
def reach(
    request,
    response: HttpResponse,
    period: int | None = Query(None, description="Budgetperiodens id"),
    programme: int | None = Query(None, description="Programmets id"),
):
    user = _user(request)
    filters = _filters(request, ("programme", "period"))
    return _kept(request, response, "reach", filters, lambda: _reach(user, filters))


def _reach(user, filters) -> dict:
    scope = dashboard_scope(user)
    return {
        "regions": [
            _reach_row(row, slug=row.subject.slug, name=row.subject.name)
            for row in reach_by_region(user, filters, scope=scope)
        ],
        "themes": [
            _reach_row(row, slug=row.subject.slug, name=row.subject.name)
            for row in reach_by_theme(user, filters, scope=scope)
        ],
    }


def _evaluation_row(row, *, slug, name) -> dict:
    return {
        "slug": slug,
        "name": name,
        "rounds": row.rounds,
        "responses": row.responses,
        "invited": row.invited,
        "response_rate_percent": percent(row.response_rate),
        "immediate_average": money(row.immediate_average),
        "follow_up_average": money(row.follow_up_average),
    }


@router.get(
    "evaluations/summary",
    response={200: schemas.EvaluationSummary, **ERRORS},
    summary="Evalueringer pr. udbyder og tema",
    description=(
        "Pr. udbyder og pr. tema: evalueringsrunder, svar, svarprocent og gennemsnit (1-5) "
        "for den umiddelbare evaluering og opfølgningen. Gennemsnit vises først fra "
        "`min_responses` svar, så intet svar kan føres tilbage til få personer."
    ),
)
def evaluations_summary(
    request,
    response: HttpResponse,
    period: int | None = Query(None, description="Budgetperiodens id"),
    programme: int | None = Query(None, description="Programmets id"),
):
    user = _user(request)
    filters = _filters(request, ("programme", "period"))
    return _kept(request, response, "evaluations", filters, lambda: _evaluations(user, filters))


def _evaluations(user, filters) -> dict:
    summary = evaluation_summary(user, filters)
    return {
        "min_responses": summary.min_responses,
        "providers": [
            _evaluation_row(row, slug=row.subject.slug, name=row.subject.short_name)
            for row in summary.by_provider
        ],
        "themes": [
            _evaluation_row(row, slug=row.subject.slug, name=row.subject.name)
            for row in summary.by_theme
        ],
    }
