"""The evaluations' results as CSV and XLSX: the rounds in view a row each, their free texts,
or the overview page's tables (per provider, theme, region, budget period and in total)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from evaluations.models import RoundKind
from evaluations.selectors import results
from evaluations.views.results import breakdowns, overview_context, periods_in_view
from requests_app.exports import csv_response, xlsx_response


def _periods_of(day, periods) -> str:
    """The budget periods a delivery date falls in (one, unless programmes overlap)."""
    if day is None:
        return ""
    return ", ".join(str(p) for p in periods if p.starts_on <= day <= p.ends_on)


def _round_rows(rounds, summary, periods):
    keys = [key for key, _q in summary.questions]
    headers = [
        _("Request"),
        _("Title"),
        _("Workplace"),
        _("Region"),
        _("Provider"),
        _("Evaluation"),
        _("Delivered on"),
        _("Budget period"),
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
        delivered_on = getattr(getattr(request, "contract", None), "delivered_on", None)
        rows.append(
            [
                request.reference,
                request.title,
                str(request.workplace),
                str(request.workplace.region),
                str(request.provider or ""),
                RoundKind(round.kind).label,
                delivered_on,
                _periods_of(delivered_on, periods),
                round.response_count,
                round.participants or None,
                *[averages.get(key) for key in keys],
            ]
        )
    return headers, rows


def _summary_rows(summary):
    """The page's tables in one sheet: a row per provider, theme, region, budget period and
    the total, with the averages of the rounds over the threshold."""
    headers = [
        _("Breakdown"),
        _("Subject"),
        _("Rounds"),
        _("Responses"),
        _("Response rate"),
        _("Rounds with responses"),
        *[question.text for _key, question in summary.questions],
    ]
    groups = [
        (breakdown.subject, getattr(summary, f"by_{key}"))
        for key, breakdown in breakdowns().items()
    ]
    rows = []
    for label, group in [*groups, (_("In total"), [summary.total])]:
        for row in group:
            rows.append(
                [
                    label,
                    row.label or _("Total"),
                    row.rounds,
                    row.responses,
                    row.response_rate,
                    row.answered_share,
                    *row.average_list,
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
                        request.reference,
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
    threshold; ``?what=summary``: the page's tables), filtered as the page is, every cell
    neutralised against formulas by ``requests_app.exports``."""
    if fmt not in EXPORTS:
        raise Http404
    what = http_request.GET.get("what")
    choices, chosen, _errors, rounds, summary = overview_context(
        http_request, per_region_and_period=what == "summary"
    )
    if what == "summary":
        headers, rows = _summary_rows(summary)
        filename = "evalueringer-opgjort"
    elif what == "texts":
        headers, rows = _text_rows(list(rounds))
        filename = "evalueringer-fritekst"
    else:
        headers, rows = _round_rows(list(rounds), summary, periods_in_view(choices, chosen))
        filename = "evalueringer"
    return EXPORTS[fmt](filename, headers, rows)
