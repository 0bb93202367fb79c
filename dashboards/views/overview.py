"""The dashboards: central (``/dashboard/``), region (``/dashboard/region/``) and provider
(``/dashboard/provider/``).

Every figure is read by a selector in ``dashboards.selectors`` in a fixed number of queries,
scoped by ``dashboards.permissions``; the filters are the URL's (a GET form), so a view can
be bookmarked, and each figure links to the filtered list behind it. The figure sections are
rendered once per kind, scope, filters and language and kept for a few minutes
(``dashboards.cache``); the page says when they were computed. What waits for the user and the
filter form are read on every request.
"""

import dataclasses

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dashboards import cache, charts, permissions
from dashboards.selectors import budgets, deadlines, evaluations, pipeline, reach
from dashboards.selectors.filters import DashboardFilters, FilterChoices
from dashboards.views import sections as parts

CENTRAL, REGION, PROVIDER = "central", "region", "provider"

# Which figures each dashboard shows (point 1 and 2 of issue 14).
SECTIONS = {
    CENTRAL: {"budgets", "burn_down", "pipeline", "deadlines", "reach", "evaluations"},
    REGION: {"budgets", "pipeline", "deadlines", "reach", "evaluations"},
    PROVIDER: {"budgets", "burn_down", "inbox", "pipeline", "deadlines", "evaluations"},
}


def current_programme(programmes):
    """The programme running today, or the latest (as the budget page): read from the list
    the filter form already holds, so it costs no query."""
    today = timezone.localdate()
    for programme in programmes:
        if programme.starts_on <= today <= programme.ends_on:
            return programme
    return programmes[0] if programmes else None


def _options(choices: FilterChoices, scope: permissions.Scope) -> FilterChoices:
    """The filter form offers only what the user may choose."""
    return dataclasses.replace(
        choices,
        regions=scope.offered_regions(choices.regions),
        providers=scope.offered_providers(choices.providers),
    )


def _budget_section(user, filters, scope, *, with_burn_down):
    rows = budgets.budget_rows(user, filters, scope=scope)
    for row in rows:
        row.links = parts.budget_links(row, filters)
    periods = {}
    for row in rows:
        periods.setdefault(row.period.pk, {"period": row.period, "rows": []})["rows"].append(row)
    groups = list(periods.values())
    for number, group in enumerate(groups):
        group["chart_id"] = f"budget-chart-{number}"
        group["chart"] = charts.budget_bars(group["rows"])
    links = {row.frame.pk: row.links for row in rows}
    burn = []
    if with_burn_down:
        for number, item in enumerate(
            budgets.burn_downs_for(user, filters, [row.frame for row in rows], scope=scope)
        ):
            months = [
                {
                    "label": charts.month_label(point.month),
                    "point": point,
                    "links": parts.burn_down_links(item.frame, point.month, filters),
                }
                for point in item.points
            ]
            burn.append(
                {
                    "burn": item,
                    "links": links[item.frame.pk],
                    "chart_id": f"burn-chart-{number}",
                    "chart": charts.burn_down_lines(item, [month["links"] for month in months]),
                    "months": months,
                }
            )
    return {
        "groups": groups,
        "partial": bool(rows) and rows[0].partial,
        "burn_downs": burn,
    }


def figure_context(kind, scope, filters, choices) -> dict:
    """Everything the figure sections show, read for ``scope`` alone: nothing of the user
    who asks is in it, so users with the same scope may share the rendered figures."""
    user = None  # the selectors read the scope they are given, never the user
    sections = SECTIONS[kind]
    context = {
        "kind": kind,
        "filters": filters,
        "options": _options(choices, scope),
        "sections": sections,
    }
    if "budgets" in sections:
        default = current_programme(choices.programmes)
        budget_filters = filters.with_defaults(programme=default)
        context["budget_programme"] = budget_filters.effective_programme
        context["budget_defaulted"] = budget_filters is not filters
        context["budgets"] = _budget_section(
            user, budget_filters, scope, with_burn_down="burn_down" in sections
        )
    flow = pipeline.pipeline(user, filters, scope=scope)
    context["pipeline"] = flow
    context["pipeline_chart"] = charts.pipeline_bars(flow)
    context["status_links"] = [
        (s, charts.list_url("requests", filters, status=s.status)) for s in flow.statuses
    ]
    context["pipeline_chart"]["links"] = [link for _status, link in context["status_links"]]
    context["requests_link"] = charts.list_url("requests", filters)
    context["median_links"] = {
        "dialogue": charts.list_url("requests", filters, met="dialogue"),
        "contract": charts.list_url("requests", filters, met="contract"),
    }
    sla = deadlines.sla_by_provider(user, filters, scope=scope, with_inbox="inbox" in sections)
    for row in sla:
        # "Requests received" counts those that reached the provider; so does its list.
        row.link = charts.list_url(
            "requests", dataclasses.replace(filters, provider=row.provider), reached=1
        )
        row.overdue_link = charts.list_url(
            "requests", dataclasses.replace(filters, provider=row.provider), overdue=1
        )
        row.outcome_links = {
            outcome: charts.list_url(
                "requests", dataclasses.replace(filters, provider=row.provider), sla=outcome
            )
            for outcome in deadlines.SLA_OUTCOMES
        }
    context["sla"] = sla
    context["sla_chart"] = {**charts.sla_bars(sla), "links": [row.link for row in sla]}
    context["overdue"] = deadlines.overdue_deadlines(user, filters, scope=scope)
    context["overdue_count"] = deadlines.overdue_count(sla)
    context["overdue_link"] = charts.list_url("requests", filters, overdue=1)
    if "reach" in sections:
        regions = reach.reach_by_region(user, filters, scope=scope)
        themes = reach.reach_by_theme(user, filters, scope=scope)
        for row in regions:
            row.link = charts.list_url("requests", dataclasses.replace(filters, region=row.subject))
        for row in themes:
            row.link = charts.list_url("requests", dataclasses.replace(filters, theme=row.subject))
        context["reach_regions"] = regions
        context["reach_themes"] = themes
        context["reach_totals"] = reach.reach_totals(regions)
        context["reach_chart"] = {
            **charts.reach_bars(regions),
            "links": [row.link for row in regions],
        }
        context["reach_theme_chart"] = {
            **charts.reach_bars(themes),
            "links": [row.link for row in themes],
        }
    if "evaluations" in sections:
        context.update(_evaluation_section(user, filters, scope, context["options"]))
    if "inbox" in sections:
        context["inbox"] = parts.inbox_figures(flow, sla, filters)
    return context


def render_figures(kind, scope, filters, choices) -> str:
    """The figure sections' HTML (without the request: nothing of the user's own goes in)."""
    return render_to_string(
        "dashboards/_figures.html", figure_context(kind, scope, filters, choices)
    )


def figures_for(kind, scope, filters, choices, *, refresh=False) -> cache.Figures:
    return cache.figures(
        kind,
        scope,
        filters,
        lambda: render_figures(kind, scope, filters, choices),
        refresh=refresh,
    )


def default_filters(choices) -> DashboardFilters:
    """The filters of a dashboard opened without any (the views the warm-up keeps ready)."""
    return DashboardFilters.from_querydict(QueryDict(""), choices)[0]


def _dashboard(http_request, *, kind, scope):
    choices = FilterChoices.load()
    filters, errors = DashboardFilters.from_querydict(http_request.GET, choices)
    # A region or provider the user may not follow is not there for them.
    if filters.region and not scope.allows_region(filters.region):
        raise Http404
    if filters.provider and not scope.allows_provider(filters.provider):
        raise Http404
    context = {
        "kind": kind,
        "filters": filters,
        "errors": errors,
        "options": _options(choices, scope),
        "sections": SECTIONS[kind],
        "figures": figures_for(kind, scope, filters, choices),
        "cache_minutes": max(1, cache.timeout() // 60),
    }
    if kind == CENTRAL:
        context["tasks"] = parts.central_tasks(http_request.user)
    return render(http_request, "dashboards/dashboard.html", context)


def _evaluation_section(user, filters, scope, options) -> dict:
    summary = evaluations.evaluation_summary(
        user, filters, scope=scope, providers=options.providers, themes=options.themes
    )
    for row in summary.by_provider:
        row.link = parts.evaluation_link(filters, provider=row.subject)
    for row in summary.by_theme:
        row.link = parts.evaluation_link(filters, theme=row.subject)
    return {
        "evaluations": summary,
        "evaluation_chart": {
            **charts.evaluation_bars(summary.by_provider),
            "links": [row.link for row in summary.by_provider],
        },
        "evaluation_tables": [
            (_("Evaluations per provider"), summary.by_provider, "evaluations-providers"),
            (_("Evaluations per theme"), summary.by_theme, "evaluations-themes"),
        ],
    }


@login_required
@require_safe
def overview(http_request):
    """The central parties' dashboard; everyone else with a dashboard is sent to theirs."""
    scope = permissions.dashboard_scope(http_request.user)
    if scope.everything:
        return _dashboard(http_request, kind=CENTRAL, scope=scope)
    query = http_request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    if scope.region_ids:
        return redirect(f"{reverse('dashboards:region')}{suffix}")
    if scope.provider_ids:
        return redirect(f"{reverse('dashboards:provider')}{suffix}")
    raise PermissionDenied


@login_required
@require_safe
def region_dashboard(http_request):
    # The scope answers may_view_region_dashboard from the query it needs anyway.
    if not permissions.dashboard_scope(http_request.user).region_ids:
        raise PermissionDenied
    return _dashboard(http_request, kind=REGION, scope=permissions.region_scope(http_request.user))


@login_required
@require_safe
def provider_dashboard(http_request):
    if not permissions.dashboard_scope(http_request.user).provider_ids:
        raise PermissionDenied
    return _dashboard(
        http_request, kind=PROVIDER, scope=permissions.provider_scope(http_request.user)
    )
