"""The evaluations' results: one request's (the workplace, its provider, the region, the central
parties), and added up across deliveries per provider, theme, region and budget period, with
charts and tables (the central parties all, a coordinator their region's, provider staff their
provider's); the CSV and XLSX exports are ``evaluations.views.exports``."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Region
from accounts.roles import portal_roles
from accounts.rules import is_central_or_admin
from evaluations.models import DeliveryReport
from evaluations.selectors import results
from providers.models import BudgetPeriod, Provider, Theme
from requests_app.models import Request

FILTERS = ("programme", "period", "region", "provider", "theme")


@dataclass
class Choices:
    """What the filters may name, read once (four queries)."""

    programmes: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    themes: list = field(default_factory=list)

    @classmethod
    def load(cls) -> "Choices":
        periods = list(
            BudgetPeriod.objects.select_related("programme").order_by(
                "-programme__starts_on", "-programme_id", "starts_on"
            )
        )
        programmes = list({period.programme.pk: period.programme for period in periods}.values())
        return cls(
            programmes=programmes,
            periods=periods,
            regions=list(Region.objects.order_by("name")),
            providers=list(Provider.objects.order_by("position", "short_name")),
            themes=list(Theme.objects.order_by("position", "pk")),
        )


def read_filters(data, choices: Choices) -> tuple[dict, list[str]]:
    """The chosen filters as objects, and a Danish message for each bad one (left out)."""
    errors, chosen = [], {}
    tables = {
        "programme": (
            choices.programmes,
            lambda o: str(o.pk),
            _("There is no programme %(value)s."),
        ),
        "period": (choices.periods, lambda o: str(o.pk), _("There is no budget period %(value)s.")),
        "region": (choices.regions, lambda o: o.slug, _("There is no region “%(value)s”.")),
        "provider": (choices.providers, lambda o: o.slug, _("There is no provider “%(value)s”.")),
        "theme": (choices.themes, lambda o: o.slug, _("There is no theme “%(value)s”.")),
    }
    for name, (objects, key, message) in tables.items():
        raw = (data.get(name) or "").strip()
        if not raw:
            continue
        found = next((obj for obj in objects if key(obj) == raw), None)
        if found is None:
            errors.append(message % {"value": raw[:50]})
        else:
            chosen[name] = found
    period, programme = chosen.get("period"), chosen.get("programme")
    if period and programme and period.programme_id != programme.pk:
        errors.append(
            _("The budget period %(period)s is not part of %(programme)s.")
            % {
                "period": period.name,
                "programme": programme.name,
            }
        )
        del chosen["period"]
    return chosen, errors


# --- One request ---


@login_required
@require_GET
def request_results(http_request, pk):
    request = get_object_or_404(
        Request.objects.select_related("workplace__region", "provider"), pk=pk
    )
    if not results.sees_request_results(http_request.user, request):
        raise Http404
    report = DeliveryReport.objects.filter(request=request).select_related("written_by").first()
    return render(
        http_request,
        "evaluations/results/request.html",
        {
            "request_obj": request,
            "rounds": results.results_for_request(request, report=report),
            "report": report,
            "min_responses": settings.EVALUATION_MIN_RESPONSES,
        },
    )


# --- Across deliveries ---


def _number(value):
    return None if value is None else float(value)


# What the charts may be drawn per (``?chart=``); the page's tables show every breakdown.
@dataclass(frozen=True)
class Breakdown:
    """How a breakdown is named: its table and column, and its charts' headings and the
    descriptions a screen reader reads for them."""

    caption: str
    subject: str
    averages: str
    averages_label: str
    rates: str
    rates_label: str


def breakdowns() -> dict[str, Breakdown]:
    return {
        "provider": Breakdown(
            _("Per provider"),
            _("Provider"),
            _("Averages per provider"),
            _(
                "Average per question and provider, on a scale from 1 to 5; the figures "
                "are in the table “Per provider”."
            ),
            _("Response rates per provider"),
            _(
                "Response rate and share of rounds with responses per provider, in per "
                "cent; the figures are in the table “Per provider”."
            ),
        ),
        "theme": Breakdown(
            _("Per theme"),
            _("Theme"),
            _("Averages per theme"),
            _(
                "Average per question and theme, on a scale from 1 to 5; the figures are "
                "in the table “Per theme”."
            ),
            _("Response rates per theme"),
            _(
                "Response rate and share of rounds with responses per theme, in per cent; "
                "the figures are in the table “Per theme”."
            ),
        ),
        "region": Breakdown(
            _("Per region"),
            _("Region"),
            _("Averages per region"),
            _(
                "Average per question and region, on a scale from 1 to 5; the figures are "
                "in the table “Per region”."
            ),
            _("Response rates per region"),
            _(
                "Response rate and share of rounds with responses per region, in per "
                "cent; the figures are in the table “Per region”."
            ),
        ),
        "period": Breakdown(
            _("Per budget period"),
            _("Budget period"),
            _("Averages per budget period"),
            _(
                "Average per question and budget period, on a scale from 1 to 5; the "
                "figures are in the table “Per budget period”."
            ),
            _("Response rates per budget period"),
            _(
                "Response rate and share of rounds with responses per budget period, in "
                "per cent; the figures are in the table “Per budget period”."
            ),
        ),
    }


def _charts(summary, by: str) -> dict:
    """Chart data for ``json_script``, per the chosen breakdown (the tables beside them hold
    the same figures)."""
    rows = getattr(summary, f"by_{by}")
    labels = [question.text for _key, question in summary.questions]
    averages = {
        "type": "bar",
        "max": 5,
        "labels": labels,
        "datasets": [
            {
                "label": row.label,
                "data": [_number(row.average(key)) for key, _q in summary.questions],
            }
            for row in rows
        ],
    }
    rates = {
        "type": "bar",
        "percent": True,
        "labels": [row.label for row in rows],
        "datasets": [
            {
                "label": _("Response rate"),
                "data": [_number(row.response_rate) for row in rows],
            },
            {
                "label": _("Rounds with responses"),
                "data": [_number(row.answered_share) for row in rows],
            },
        ],
    }
    return {"averages": averages, "rates": rates}


def periods_in_view(choices: Choices, chosen: dict) -> list:
    """The budget periods to add up per: the chosen one, the chosen programme's, or all."""
    if "period" in chosen:
        return [chosen["period"]]
    if "programme" in chosen:
        return [p for p in choices.periods if p.programme_id == chosen["programme"].pk]
    return choices.periods


def overview_context(http_request, *, per_region_and_period=True):
    """The filters, the rounds in view and their summary (per region and budget period too,
    unless the caller needs only the provider's and theme's)."""
    user = http_request.user
    if not results.sees_overview(user):
        raise Http404
    choices = Choices.load()
    chosen, errors = read_filters(http_request.GET, choices)
    rounds = results.rounds_in_view(user, **chosen)
    more = {}
    if per_region_and_period:
        more = {"regions": choices.regions, "periods": periods_in_view(choices, chosen)}
    summary = results.summarise(rounds, providers=choices.providers, themes=choices.themes, **more)
    return choices, chosen, errors, rounds, summary


def _chart_choice(http_request, errors: list) -> str:
    by = (http_request.GET.get("chart") or "provider").strip()
    if by not in breakdowns():
        errors.append(_("The charts cannot be shown per “%(value)s”.") % {"value": by[:50]})
        return "provider"
    return by


@login_required
@require_GET
def overview(http_request):
    choices, chosen, errors, rounds, summary = overview_context(http_request)
    by = _chart_choice(http_request, errors)
    page = Paginator(rounds, settings.PAGE_SIZE).get_page(http_request.GET.get("page"))
    query = http_request.GET.copy()
    query.pop("page", None)
    filters = query.copy()  # what the chart links keep
    filters.pop("chart", None)
    named = breakdowns()
    return render(
        http_request,
        "evaluations/results/overview.html",
        {
            "choices": choices,
            "chosen": chosen,
            "errors": errors,
            "summary": summary,
            "totals": [summary.total],
            "tables": [
                (key, breakdown, getattr(summary, f"by_{key}")) for key, breakdown in named.items()
            ],
            "chart_by": by,
            "chart": named[by],
            "chart_choices": [(key, breakdown.subject) for key, breakdown in named.items()],
            "charts": _charts(summary, by),
            "page_obj": page,
            "min_responses": settings.EVALUATION_MIN_RESPONSES,
            "query": query.urlencode(),
            "filter_query": filters.urlencode(),
            # The final evaluation is the central parties' and the coordinators' (its page
            # answers 404 to provider staff).
            "sees_programmes": bool(
                is_central_or_admin(http_request.user) or portal_roles(http_request.user).region_ids
            ),
        },
    )
