"""The lists of requests, contracts and invoices: filter, search, sort, page, export.

One view per list, all the same shape: the rows the user may see (``dashboards.filters``),
filtered by the query parameters (a bad value is named in Danish on the page and left out,
never a 500; a region or provider outside the user's scope is such a value), sorted and
paginated by django-tables2, the contracts' money totalled over every filtered row in the
table's foot, and ``?export=csv|xlsx`` exports exactly the filtered, sorted rows (every page
of them).

Who may open them is ``dashboards.permissions.may_view_dashboards`` (central parties,
coordinators, provider staff); workplace members are refused (403): their own requests are
under Anmodninger, and the rows here are the dashboards' figures.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from dashboards import exports, filters, tables
from dashboards.permissions import may_view_dashboards
from dashboards.rows import contracts_rows, invoices_rows, requests_rows

EXPORTS = {"csv": exports.csv_export, "xlsx": exports.xlsx_export}


@dataclass(frozen=True)
class ListKind:
    title: str
    filterset: type
    table: type
    rows: object  # user -> QuerySet
    filename: str
    default_order: str
    note: str = ""  # what the list's own columns mean, above the table


LISTS = {
    "requests": ListKind(
        gettext_lazy("Requests"),
        filters.RequestFilter,
        tables.RequestTable,
        requests_rows,
        "anmodninger",
        "-reference",
    ),
    "contracts": ListKind(
        gettext_lazy("Contracts"),
        filters.ContractFilter,
        tables.ContractTable,
        contracts_rows,
        "kontrakter",
        "-reference",
        gettext_lazy(
            "Invoiced is what has been invoiced on the contract and not returned; committed is "
            "the rest of its reservation, which the budget figures count as committed. With a "
            "month chosen under “Concluded by the end of the month”, both are as at the end of "
            "that month, as in the burn-down."
        ),
    ),
    "invoices": ListKind(
        gettext_lazy("Invoices"),
        filters.InvoiceFilter,
        tables.InvoiceTable,
        invoices_rows,
        "fakturaer",
        "-invoice_date",
    ),
}


def _query_without(query, *names) -> str:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _list(http_request, kind: str):
    if not may_view_dashboards(http_request.user):
        raise PermissionDenied
    spec = LISTS[kind]
    filterset = spec.filterset(
        http_request.GET or None, queryset=spec.rows(http_request.user), request=http_request
    )
    problems = []
    if filterset.is_bound and not filterset.is_valid():
        problems.append(
            _("Some filters could not be used and were left out: %(errors)s")
            % {"errors": filters.errors_text(filterset)}
        )
    export = http_request.GET.get("export")
    exporting = export in EXPORTS and not problems
    rows = filterset.qs if exporting else spec.table.page_queryset(filterset.qs)
    table = spec.table(rows, order_by=spec.default_order)
    table.caption = spec.title
    if not exporting:
        table.totals = spec.table.totals_of(filterset.qs)
    RequestConfig(http_request, paginate={"per_page": settings.PAGE_SIZE}).configure(table)
    if exporting:
        return EXPORTS[export](
            spec.filename,
            table.export_headers(),
            spec.table.export_queryset(table.data.data),
            spec.table.export_row,
        )
    if export and export not in EXPORTS:
        problems.append(_("Export as CSV or XLSX."))
    elif export:
        problems.append(_("Correct the filters before exporting."))
    return render(
        http_request,
        "dashboards/lists/list.html",
        {
            "title": spec.title,
            "note": spec.note,
            "kind": kind,
            "filter": filterset,
            "form": filterset.form,
            "table": table,
            "problems": problems,
            "export_query": _query_without(http_request.GET, "export", "page"),
            "count": table.paginator.count,
        },
    )


@login_required
@require_safe
def request_list(http_request):
    return _list(http_request, "requests")


@login_required
@require_safe
def contract_list(http_request):
    return _list(http_request, "contracts")


@login_required
@require_safe
def invoice_list(http_request):
    return _list(http_request, "invoices")
