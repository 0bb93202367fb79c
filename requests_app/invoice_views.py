"""Invoice pages, queues and the budget ledger, with CSV and XLSX exports.

Who sees which invoice follows who sees its request (``requests_app.rules``); the ledger is
for provider staff (their own frames) and the central parties (all).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import is_central, is_coordinator, is_provider_staff
from providers.models import BudgetFrame
from providers.money import format_dkk
from requests_app import exports, forms, invoices, ledger, selectors
from requests_app import rules as request_rules
from requests_app.models import Invoice
from requests_app.services import RequestError


def invoices_for(user):
    return Invoice.objects.filter(
        contract__request__in=selectors.requests_for(user=user).values("pk")
    ).select_related("provider", "contract__request__workplace__region", "contract__frame__period")


def _visible_invoice(user, pk) -> Invoice:
    return get_object_or_404(invoices_for(user), pk=pk)


def _invoice_action(view):
    @wraps(view)
    @login_required
    @require_POST
    def wrapper(http_request, pk):
        invoice = _visible_invoice(http_request.user, pk)
        try:
            view(http_request, invoice)
        except RequestError as error:
            messages.error(http_request, str(error))
        return redirect(invoice)

    return wrapper


@login_required
def invoice_new(http_request, pk):
    request = get_object_or_404(selectors.requests_for(user=http_request.user), pk=pk)
    if not request_rules.is_request_provider_staff(http_request.user, request):
        raise PermissionDenied
    contract = getattr(request, "contract", None)
    if contract is None or not contract.is_concluded:
        messages.info(http_request, _("Only a concluded contract can be invoiced."))
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


INVOICE_HEADERS = [
    "Fakturanummer",
    "Udbyder",
    "Arbejdsplads",
    "Region",
    "Periode",
    "Fakturadato",
    "Beløb inkl. moms",
    "Status",
    "Betalt den",
    "Reference",
]


@login_required
def invoice_list(http_request):
    user = http_request.user
    form = forms.InvoiceFilterForm(http_request.GET or None)
    queryset = invoices_for(user).order_by("submitted_at")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            queryset = queryset.filter(state=data["state"])
        if data["provider"]:
            queryset = queryset.filter(provider=data["provider"])
        if data["period"]:
            queryset = queryset.filter(contract__frame__period=data["period"])
    export = http_request.GET.get("export")
    if export in {"csv", "xlsx"}:
        rows = [
            [
                i.number,
                i.provider.short_name,
                str(i.contract.request.workplace),
                i.contract.request.workplace.region.name,
                i.contract.frame.period.name if i.contract.frame else "",
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
            "fakturaer", INVOICE_HEADERS, rows, totals=["I alt", *[""] * 5, total, "", "", ""]
        )
    queues = {}
    if is_coordinator(user):
        queues["region"] = queryset.filter(
            state=Invoice.State.AWAITING_REGION,
            contract__request__workplace__region__coordinators__user=user,
        )
    if is_central(user) or user.is_superuser:
        queues["payment"] = queryset.filter(state=Invoice.State.AWAITING_PAYMENT)
    return render(
        http_request,
        "requests_app/invoice_list.html",
        {
            "form": form,
            "invoices": queryset,
            "queues": queues,
            "query": http_request.GET.urlencode(),
        },
    )


@login_required
def invoice_detail(http_request, pk):
    user = http_request.user
    invoice = _visible_invoice(user, pk)
    request = invoice.contract.request
    return render(
        http_request,
        "requests_app/invoice_detail.html",
        {
            "invoice": invoice,
            "request_obj": request,
            "events": request.events.filter(
                action__startswith="invoice_", data__invoice=invoice.pk
            ).select_related("actor"),
            "can_return": invoices.can_return(user, invoice, request),
            "can_attest": invoice.state == Invoice.State.AWAITING_REGION
            and request_rules.is_request_coordinator(user, request),
            "can_pay": invoice.state == Invoice.State.AWAITING_PAYMENT
            and (is_central(user) or user.is_superuser),
            "can_correct": invoice.state == Invoice.State.RETURNED
            and request_rules.is_request_provider_staff(user, request),
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


@_invoice_action
def invoice_return(http_request, invoice):
    invoices.invoice_return(
        invoice_pk=invoice.pk, user=http_request.user, reason=http_request.POST.get("reason", "")
    )
    messages.success(http_request, _("The invoice is returned to the provider."))


@_invoice_action
def invoice_attest(http_request, invoice):
    invoices.invoice_attest(invoice_pk=invoice.pk, user=http_request.user)
    messages.success(http_request, _("The invoice is attested and goes on for payment."))


@_invoice_action
def invoice_pay(http_request, invoice):
    data = forms.cleaned_or_error(forms.PaymentForm(http_request.POST))
    invoices.invoice_pay(invoice_pk=invoice.pk, user=http_request.user, **data)
    messages.success(http_request, _("The payment is recorded."))


@_invoice_action
def invoice_resubmit(http_request, invoice):
    data = forms.cleaned_or_error(
        forms.InvoiceCorrectionForm(http_request.POST, http_request.FILES)
    )
    invoices.invoice_resubmit(invoice_pk=invoice.pk, user=http_request.user, **data)
    messages.success(http_request, _("The corrected invoice is submitted again."))


@login_required
def invoice_pdf(http_request, pk):
    invoice = _visible_invoice(http_request.user, pk)
    if not invoice.pdf:
        raise Http404
    return FileResponse(
        invoice.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"faktura-{invoice.number}.pdf",
    )


@login_required
@require_POST
def contract_close(http_request, pk):
    request = get_object_or_404(selectors.requests_for(user=http_request.user), pk=pk)
    try:
        contract = invoices.contract_close(request_pk=request.pk, user=http_request.user)
    except RequestError as error:
        messages.error(http_request, str(error))
    else:
        messages.success(
            http_request,
            _("The contract is closed at %(amount)s.")
            % {"amount": format_dkk(contract.reserved_amount or 0)},
        )
    return redirect(request)


LEDGER_HEADERS = [
    "Udbyder",
    "Program",
    "Periode",
    "Ramme",
    "Disponeret",
    "Faktureret",
    "Attesteret",
    "Betalt",
    "Tilbage",
]


@login_required
def ledger_view(http_request):
    user = http_request.user
    frames = BudgetFrame.objects.select_related("provider", "period__programme").order_by(
        "period__starts_on", "provider__position"
    )
    if is_central(user) or user.is_superuser:
        pass
    elif is_provider_staff(user):
        frames = frames.filter(provider__staff__user=user)
    else:
        raise PermissionDenied
    form = forms.LedgerFilterForm(http_request.GET or None)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["provider"]:
            frames = frames.filter(provider=form.cleaned_data["provider"])
        if form.cleaned_data["period"]:
            frames = frames.filter(period=form.cleaned_data["period"])
    rows = ledger.ledger(frames)
    totals = ledger.totals(rows)
    export = http_request.GET.get("export")
    if export in {"csv", "xlsx"}:
        table = [
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
            for r in rows
        ]
        if export == "csv":
            return exports.csv_response("budgetramme", LEDGER_HEADERS, table)
        return exports.xlsx_response(
            "budgetramme",
            LEDGER_HEADERS,
            table,
            totals=[
                "I alt",
                "",
                "",
                totals["amount"],
                totals["committed"],
                totals["invoiced"],
                totals["attested"],
                totals["paid"],
                totals["remaining"],
            ],
        )
    return render(
        http_request,
        "requests_app/ledger.html",
        {
            "rows": rows,
            "totals": totals,
            "form": form,
            "query": http_request.GET.urlencode(),
        },
    )
