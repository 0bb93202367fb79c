"""The evaluations' results: one request's (the workplace, its provider, the region, the central
parties), and added up across deliveries with charts, tables and CSV/XLSX exports (the
central parties all, a coordinator their region's, provider staff their provider's)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Region
from evaluations.models import DeliveryReport, RoundKind
from evaluations.selectors import results
from providers.models import BudgetPeriod, Provider, Theme
from requests_app.exports import csv_response, xlsx_response
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


def _charts(summary) -> dict:
    """Chart data for ``json_script`` (the tables beside them hold the same figures)."""
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
            for row in summary.by_provider
        ],
    }
    rates = {
        "type": "bar",
        "percent": True,
        "labels": [row.label for row in summary.by_provider],
        "datasets": [
            {
                "label": _("Response rate"),
                "data": [_number(row.response_rate) for row in summary.by_provider],
            },
            {
                "label": _("Rounds with responses"),
                "data": [_number(row.answered_share) for row in summary.by_provider],
            },
        ],
    }
    return {"averages": averages, "rates": rates}


def _overview_context(http_request):
    user = http_request.user
    if not results.sees_overview(user):
        raise Http404
    choices = Choices.load()
    chosen, errors = read_filters(http_request.GET, choices)
    rounds = results.rounds_in_view(user, **chosen)
    summary = results.summarise(rounds, providers=choices.providers, themes=choices.themes)
    return choices, chosen, errors, rounds, summary


@login_required
@require_GET
def overview(http_request):
    choices, chosen, errors, rounds, summary = _overview_context(http_request)
    page = Paginator(rounds, settings.PAGE_SIZE).get_page(http_request.GET.get("page"))
    query = http_request.GET.copy()
    query.pop("page", None)
    return render(
        http_request,
        "evaluations/results/overview.html",
        {
            "choices": choices,
            "chosen": chosen,
            "errors": errors,
            "summary": summary,
            "totals": [summary.total],
            "charts": _charts(summary),
            "page_obj": page,
            "min_responses": settings.EVALUATION_MIN_RESPONSES,
            "query": query.urlencode(),
        },
    )


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _round_rows(rounds, summary):
    keys = [key for key, _q in summary.questions]
    headers = [
        _("Request"),
        _("Title"),
        _("Workplace"),
        _("Region"),
        _("Provider"),
        _("Evaluation"),
        _("Delivered on"),
        _("Responses"),
        _("Participants"),
        *[question.text for _key, question in summary.questions],
    ]
    shown = {result.round.pk: result for result in results.results_for_rounds(rounds, texts=False)}
    rows = []
    for round in rounds:
        result = shown[round.pk]
        averages = {}
        for line in result.questions:
            if line.question.is_scale:
                averages[f"{round.kind}:{line.question.code}"] = line.average
        request = round.request
        rows.append(
            [
                request.pk,
                request.title,
                str(request.workplace),
                str(request.workplace.region),
                str(request.provider or ""),
                RoundKind(round.kind).label,
                getattr(getattr(request, "contract", None), "delivered_on", None),
                round.response_count,
                round.participants or None,
                *[averages.get(key) for key in keys],
            ]
        )
    return headers, rows


def _text_rows(rounds):
    headers = [_("Request"), _("Title"), _("Provider"), _("Evaluation"), _("Question"), _("Answer")]
    rows = []
    for result in results.results_for_rounds(rounds):
        for line in result.questions:
            for text in line.texts:
                request = result.round.request
                rows.append(
                    [
                        request.pk,
                        request.title,
                        str(request.provider or ""),
                        RoundKind(result.round.kind).label,
                        line.question.text,
                        text,
                    ]
                )
    return headers, rows


EXPORTS = {"csv": csv_response, "xlsx": xlsx_response}


@login_required
@require_GET
def export(http_request, fmt):
    """The rounds in view as rows (``?what=texts``: the free texts of the rounds over the
    threshold), every cell neutralised against formulas by ``requests_app.exports``."""
    if fmt not in EXPORTS:
        raise Http404
    _choices, _chosen, _errors, rounds, summary = _overview_context(http_request)
    rounds = list(rounds)
    if http_request.GET.get("what") == "texts":
        headers, rows = _text_rows(rounds)
        filename = "evalueringer-fritekst"
    else:
        headers, rows = _round_rows(rounds, summary)
        filename = "evalueringer"
    return EXPORTS[fmt](filename, headers, rows)
