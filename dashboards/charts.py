"""What the dashboards' charts draw, as plain data for ``json_script``.

Each function turns a selector's rows into a Chart.js configuration's data part (labels and
datasets); ``static/js/dashboard.js`` draws it. The same rows fill the table beside each
chart, which is the figure's text alternative, so the two can never tell different stories.
Amounts go out as numbers of kroner (floats are fine for drawing; the tables show the exact
amounts).
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dashboards.selectors.filters import DashboardFilters


def list_url(name: str, filters: DashboardFilters, **extra) -> str:
    """The list behind a figure (``dashboards:requests``, ``…:contracts``, ``…:invoices``),
    filtered as the figure is."""
    query = filters.query(**extra)
    url = reverse(f"dashboards:{name}")
    return f"{url}?{query}" if query else url


def _kroner(value) -> float:
    return float(value) if value is not None else None


def budget_bars(rows) -> dict:
    """One stacked bar per frame, in parts that do not overlap and add up to the frame:
    committed, invoiced awaiting attestation, attested awaiting payment, paid and remaining
    (a partial row has no remaining: its bar is the part its requests used). Each part opens
    the list of what it counts (``links`` per dataset, from the row's ``links``)."""
    labels = [f"{row.provider.short_name} {row.period.name}" for row in rows]
    series = [
        (_("Committed"), [row.committed for row in rows], "committed"),
        (_("Invoiced, not attested"), [row.invoiced - row.attested for row in rows], "unattested"),
        (_("Attested, not paid"), [row.attested - row.paid for row in rows], "unpaid"),
        (_("Paid"), [row.paid for row in rows], "paid"),
    ]
    if rows and not rows[0].partial:
        series.append((_("Remaining"), [row.remaining for row in rows], "remaining"))
    datasets = []
    for label, values, key in series:
        dataset = {"label": label, "data": [_kroner(v) for v in values]}
        if all(hasattr(row, "links") for row in rows):
            dataset["links"] = [row.links[key] for row in rows]
        datasets.append(dataset)
    return {
        "type": "bar",
        "money": True,
        "stacked": True,
        "labels": labels,
        "datasets": datasets,
    }


def month_label(month) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def burn_down_lines(burn, links=None) -> dict:
    """One line per figure over the months (a partial burn-down has no remaining); with
    ``links`` (per month, as ``sections.burn_down_links``) each point opens the list that
    adds up to it."""
    points = burn.points
    series = [
        (_("Remaining"), [p.remaining for p in points], "remaining"),
        (_("Committed"), [p.committed for p in points], "committed"),
        (_("Invoiced"), [p.invoiced for p in points], "invoiced"),
        (_("Paid"), [p.paid for p in points], "paid"),
    ]
    if burn.partial:
        series = series[1:]
    datasets = []
    for label, values, key in series:
        dataset = {"label": label, "data": [_kroner(v) for v in values]}
        if links is not None:
            dataset["links"] = [month[key] for month in links]
        datasets.append(dataset)
    return {
        "type": "line",
        "money": True,
        "labels": [month_label(p.month) for p in points],
        "datasets": datasets,
    }


def pipeline_bars(pipeline) -> dict:
    return {
        "type": "bar",
        "labels": [s.label for s in pipeline.statuses],
        "datasets": [{"label": _("Requests"), "data": [s.count for s in pipeline.statuses]}],
    }


def sla_bars(rows) -> dict:
    return {
        "type": "bar",
        "percent": True,
        "labels": [row.provider.short_name for row in rows],
        "datasets": [
            {
                "label": _("Dialogue within 7 days"),
                "data": [_kroner(row.dialogue_share) for row in rows],
            },
            {
                "label": _("Contract within 28 days"),
                "data": [_kroner(row.contract_share) for row in rows],
            },
        ],
    }


def reach_bars(rows) -> dict:
    return {
        "type": "bar",
        "labels": [str(row.subject) for row in rows],
        "datasets": [
            {"label": _("Requests"), "data": [row.requests for row in rows]},
            {"label": _("Workplaces"), "data": [row.workplaces for row in rows]},
        ],
    }


def evaluation_bars(rows) -> dict:
    return {
        "type": "bar",
        "percent": True,
        "labels": [str(row.label) for row in rows],
        "datasets": [
            {"label": _("Response rate"), "data": [_kroner(row.response_rate) for row in rows]}
        ],
    }
