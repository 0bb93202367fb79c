"""Invoice pages, queues and the budget ledger, with CSV and XLSX exports.

Who sees which invoice follows who sees its request (``requests_app.permissions``); the
ledger is for provider staff (their own frames) and the central parties (all).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from requests_app import exports, permissions, transitions
from requests_app.forms import invoices as forms
from requests_app.selectors import invoices as selectors
from requests_app.selectors import ledger
from requests_app.services import invoices
from requests_app.services.base import RequestError
from requests_app.views.actions import (
    cleaned_or_error,
    invoice_action,
    visible_invoice,
    visible_request,
)


@login_required
def invoice_new(http_request, pk):
    request = visible_request(http_request.user, pk)
    if not permissions.may(http_request.user, "invoice_submit", request):
        raise PermissionDenied
    contract = getattr(request, "contract", None)
    refusal = transitions.refusal("invoice_submit", request=request, contract=contract)
    if refusal:
        messages.info(http_request, refusal)
        return redirect(request)
    form = forms.InvoiceForm(
        http_request.POST or None,
        http_request.FILES or None,
        initial={"invoice_date": timezone.localdate()},
    )
    if http_request.method == "POST" and form.is_valid():
        try:
            invoice = invoices.invoice_submit(
                request_pk=request.pk, user=http_request.user, **form.cleaned_data
            )
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http_request, _("The invoice is submitted."))
            return redirect(invoice)
    return render(
        http_request,
        "requests_app/invoice_form.html",
        {
            "form": form,
            "request_obj": request,
            "contract": contract,
            "left": contract.reserved_amount - ledger.contract_invoiced(contract)
            if contract.reserved_amount
            else None,
        },
    )


# Invoices of each waiting queue shown above the list.
QUEUE_SHOWN = 10

# In the reader's language, as the rows' statuses are (QA: Danish headers over English rows).
INVOICE_HEADERS = [
    gettext_lazy("Invoice number"),
    gettext_lazy("Provider"),
    gettext_lazy("Workplace"),
    gettext_lazy("Region"),
    gettext_lazy("Period"),
    gettext_lazy("Invoice date"),
    gettext_lazy("Amount incl. VAT"),
    gettext_lazy("Status"),
    gettext_lazy("Paid on"),
    gettext_lazy("Reference"),
]


def _invoice_export(export: str, queryset):
    rows = [
        [
            i.number,
            i.provider.short_name,
            str(i.contract.request.workplace),
            i.contract.request.workplace.region.name,
            i.frame.period.name,  # the period the invoice is booked in
            i.invoice_date,
            i.amount,
            i.get_state_display(),
            i.paid_on,
            i.payment_reference,
        ]
        for i in queryset
    ]
    if export == "csv":
        return exports.csv_response("fakturaer", INVOICE_HEADERS, rows)
    total = sum((i.amount for i in queryset), ledger.ZERO)
    return exports.xlsx_response(
        "fakturaer", INVOICE_HEADERS, rows, totals=[_("Total"), *[""] * 5, total, "", "", ""]
    )


@login_required
@require_safe
def invoice_list(http_request):
    user = http_request.user
    form = forms.InvoiceFilterForm(http_request.GET or None, user=user)
    filters = {}
    if form.is_bound:
        form.is_valid()  # what was not understood is named on the page and left out
        filters = form.cleaned_data
    queryset = selectors.invoice_list(user, **filters)
    export = http_request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _invoice_export(export, queryset)
    page = Paginator(queryset, settings.PAGE_SIZE).get_page(http_request.GET.get("page"))
    return render(
        http_request,
        "requests_app/invoice_list.html",
        {
            "form": form,
            "invoices": page,
            "page_obj": page,
            # The first few of each queue (the whole queue is one link away): evaluating
            # the queryset itself would read every invoice waiting (issue 12).
            "queues": {
                name: list(queue[:QUEUE_SHOWN])
                for name, queue in selectors.invoice_queues(user, queryset).items()
            },
            "query": http_request.GET.urlencode(),
        },
    )


@login_required
@require_safe
def invoice_detail(http_request, pk):
    user = http_request.user
    invoice = visible_invoice(user, pk)
    return render(
        http_request,
        "requests_app/invoice_detail.html",
        {
            "invoice": invoice,
            "request_obj": invoice.contract.request,
            "events": selectors.invoice_events(invoice),
            "actions": permissions.available_actions(user, invoice),
            "correction_form": forms.InvoiceCorrectionForm(
                initial={
                    "invoice_date": invoice.invoice_date,
                    "amount": invoice.amount,
                    "note": invoice.note,
                }
            ),
            "payment_form": forms.PaymentForm(initial={"paid_on": timezone.localdate()}),
        },
    )


@invoice_action
def invoice_return(http_request, invoice):
    invoices.invoice_return(
        invoice_pk=invoice.pk, user=http_request.user, reason=http_request.POST.get("reason", "")
    )
    messages.success(http_request, _("The invoice is returned to the provider."))


@invoice_action
def invoice_attest(http_request, invoice):
    invoices.invoice_attest(invoice_pk=invoice.pk, user=http_request.user)
    messages.success(http_request, _("The invoice is attested and goes on for payment."))


@invoice_action
def invoice_pay(http_request, invoice):
    data = cleaned_or_error(forms.PaymentForm(http_request.POST))
    invoices.invoice_pay(invoice_pk=invoice.pk, user=http_request.user, **data)
    messages.success(http_request, _("The payment is recorded."))


@invoice_action
def invoice_resubmit(http_request, invoice):
    data = cleaned_or_error(forms.InvoiceCorrectionForm(http_request.POST, http_request.FILES))
    invoices.invoice_resubmit(invoice_pk=invoice.pk, user=http_request.user, **data)
    messages.success(http_request, _("The corrected invoice is submitted again."))


@invoice_action
def invoice_withdraw(http_request, invoice):
    invoices.invoice_withdraw(invoice_pk=invoice.pk, user=http_request.user)
    messages.success(
        http_request, _("The invoice is withdrawn. It stays returned and waits for nobody.")
    )


@login_required
@require_safe
def invoice_pdf(http_request, pk):
    invoice = visible_invoice(http_request.user, pk)
    if not invoice.pdf:
        raise Http404
    return FileResponse(
        invoice.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"faktura-{invoice.number}.pdf",
    )


LEDGER_HEADERS = [
    gettext_lazy("Provider"),
    gettext_lazy("Programme"),
    gettext_lazy("Period"),
    gettext_lazy("Frame"),
    gettext_lazy("Committed"),
    gettext_lazy("Invoiced"),
    gettext_lazy("Attested"),
    gettext_lazy("Paid"),
    gettext_lazy("Remaining"),
]


def _ledger_export(export: str, programmes):
    """CSV: the rows; XLSX: the rows of each programme followed by that programme's total
    (programmes are never added together); the last total is the sheet's bold last row."""
    table, with_totals = [], []
    for group in programmes:
        lines = [
            [
                r.provider.short_name,
                r.period.programme.name,
                r.period.name,
                r.amount,
                r.committed,
                r.invoiced,
                r.attested,
                r.paid,
                r.remaining,
            ]
            for r in group.rows
        ]
        total = [
            _("Total"),
            group.programme.name,
            "",
            *[group.totals[k] for k in ledger.TOTAL_KEYS],
        ]
        table += lines
        with_totals += [*lines, total]
    if export == "csv":
        return exports.csv_response("budgetramme", LEDGER_HEADERS, table)
    last = with_totals.pop() if with_totals else None
    return exports.xlsx_response("budgetramme", LEDGER_HEADERS, with_totals, totals=last)


@login_required
@require_safe
def ledger_view(http_request):
    user = http_request.user
    if not selectors.may_see_ledger(user):
        raise PermissionDenied
    query = forms.with_default_programme(http_request.GET, selectors.current_programme())
    query.pop("export", None)
    form = forms.LedgerFilterForm(query, user=user)
    form.is_valid()  # what was not understood is named on the page and left out
    filters = form.cleaned_data
    rows = ledger.ledger(selectors.ledger_frames(user, **filters))
    programmes = ledger.by_programme(rows)
    export = http_request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _ledger_export(export, programmes)
    return render(
        http_request,
        "requests_app/ledger.html",
        {"rows": rows, "programmes": programmes, "form": form, "query": query.urlencode()},
    )
