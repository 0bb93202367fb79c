"""Invoices and closing contracts: one function per action of ``INVOICE_TRANSITIONS``.

The provider invoices a concluded contract (several partial invoices, never above the
contract amount); the workplace attests the delivery if it has not; the region's coordinator
attests; a central party records the payment. Each reviewer may return the invoice with a
reason, and the provider corrects it and submits again.

Money is checked under row locks in a fixed order — request, contract, frame — so concurrent
invoices and contracts can neither pass a contract's amount nor the provider's frame.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_central
from providers.models import BudgetFrame
from providers.money import format_dkk
from requests_app import rules as request_rules
from requests_app.ledger import ZERO, contract_invoiced, frame_used
from requests_app.models import Contract, Invoice, Status
from requests_app.services import RequestError, _lock, _log

State = Invoice.State

# action: (invoice states it may start from, the state it ends in; None = decided by delivery)
INVOICE_TRANSITIONS = {
    "invoice_submit": (frozenset(), None),
    "invoice_return": (
        frozenset({State.AWAITING_DELIVERY, State.AWAITING_REGION, State.AWAITING_PAYMENT}),
        State.RETURNED,
    ),
    "invoice_resubmit": (frozenset({State.RETURNED}), None),
    "invoice_attest": (frozenset({State.AWAITING_REGION}), State.AWAITING_PAYMENT),
    "invoice_pay": (frozenset({State.AWAITING_PAYMENT}), State.PAID),
}

MAX_PDF_BYTES = 10 * 1024 * 1024


def check_pdf(upload) -> None:
    """A PDF by its content, not its name, and at most 10 MB."""
    if upload.size > MAX_PDF_BYTES:
        raise RequestError(
            _("The file is %(size)s MB; at most 10 MB is allowed.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if not head.lstrip().startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise RequestError(_("The file is not a PDF. Upload the invoice as a PDF file."))


def _state_after_submit(request) -> State:
    return (
        State.AWAITING_REGION if request.status == Status.DELIVERED else (State.AWAITING_DELIVERY)
    )


def _check_amount(contract: Contract, amount, *, invoice=None) -> None:
    if amount is None or amount <= 0:
        raise RequestError(_("The amount must be more than 0 kr."))
    contract_amount = contract.reserved_amount or ZERO
    left = contract_amount - contract_invoiced(contract, excluding=invoice)
    if amount > left:
        raise RequestError(
            _("The amount exceeds what is left to invoice on the contract: %(left)s.")
            % {"left": format_dkk(left)}
        )
    # The frame: the invoice takes the contract's place, so this holds unless the
    # reservation was cut (a closed contract). Checked under the frame's lock regardless.
    frame = BudgetFrame.objects.select_for_update().get(pk=contract.frame_id)
    used = frame_used(frame)
    extra = max(contract_invoiced(contract, excluding=invoice) + amount - contract_amount, ZERO)
    if used + extra > frame.amount:
        raise RequestError(
            _("The frame has %(remaining)s left.") % {"remaining": format_dkk(frame.amount - used)}
        )


def _lock_invoice(invoice_pk: int, action: str) -> tuple[Invoice, object]:
    """Lock the request, then the invoice (the fixed order), and check the state."""
    invoice = Invoice.objects.select_related("contract").get(pk=invoice_pk)
    request = _lock(invoice.contract.request_id)
    invoice = (
        Invoice.objects.select_for_update()
        .select_related("contract", "provider")
        .get(pk=invoice_pk)
    )
    sources, _target = INVOICE_TRANSITIONS[action]
    if invoice.state not in sources:
        raise RequestError(
            _("This cannot be done while the invoice is “%(state)s”.")
            % {"state": invoice.get_state_display()}
        )
    return invoice, request


def invoice_submit(
    *, request_pk: int, user, number: str, invoice_date, amount, pdf, note: str = ""
) -> Invoice:
    number = number.strip()
    if not number:
        raise RequestError(_("Write the invoice number."))
    check_pdf(pdf)
    try:
        with transaction.atomic():
            request = _lock(request_pk)
            if not request_rules.is_request_provider_staff(user, request):
                raise RequestError(_("Only the provider's staff may invoice."))
            contract = Contract.objects.select_for_update().filter(request=request).first()
            if contract is None or contract.state != Contract.State.CONCLUDED:
                raise RequestError(_("Only a concluded contract can be invoiced."))
            if Invoice.objects.filter(provider=request.provider, number=number).exists():
                raise RequestError(
                    _("Invoice number %(number)s is already used.") % {"number": number}
                )
            _check_amount(contract, amount)
            invoice = Invoice.objects.create(
                contract=contract,
                provider=request.provider,
                number=number,
                invoice_date=invoice_date,
                amount=amount,
                pdf=pdf,
                note=note.strip(),
                state=_state_after_submit(request),
                submitted_by=user,
                submitted_at=timezone.now(),
            )
            _log(
                request,
                "invoice_submit",
                user,
                invoice=invoice.pk,
                number=number,
                amount=str(amount),
                state=invoice.state,
            )
    except IntegrityError as error:  # two submissions of one number at the same moment
        raise RequestError(
            _("Invoice number %(number)s is already used.") % {"number": number}
        ) from error
    return invoice


def invoice_resubmit(
    *, invoice_pk: int, user, invoice_date, amount, pdf=None, note: str = ""
) -> Invoice:
    if pdf is not None:
        check_pdf(pdf)
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_resubmit")
        if not request_rules.is_request_provider_staff(user, request):
            raise RequestError(_("Only the provider's staff may correct the invoice."))
        contract = Contract.objects.select_for_update().get(pk=invoice.contract_id)
        _check_amount(contract, amount, invoice=invoice)
        invoice.invoice_date = invoice_date
        invoice.amount = amount
        invoice.note = note.strip()
        if pdf is not None:
            invoice.pdf.delete(save=False)
            invoice.pdf = pdf
        invoice.state = _state_after_submit(request)
        invoice.save()
        _log(
            request,
            "invoice_resubmit",
            user,
            invoice=invoice.pk,
            number=invoice.number,
            amount=str(amount),
            state=invoice.state,
        )
    return invoice


def can_return(user, invoice, request) -> bool:
    if invoice.state == State.AWAITING_DELIVERY:
        return request_rules.is_local_party(user, request)
    if invoice.state == State.AWAITING_REGION:
        return request_rules.is_request_coordinator(user, request)
    if invoice.state == State.AWAITING_PAYMENT:
        return is_central(user) or user.is_superuser
    return False


def invoice_return(*, invoice_pk: int, user, reason: str) -> Invoice:
    if not reason.strip():
        raise RequestError(_("Give a reason when you return the invoice."))
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_return")
        if not can_return(user, invoice, request):
            raise RequestError(_("You cannot return this invoice now."))
        invoice.state = State.RETURNED
        invoice.returned_reason = reason.strip()
        invoice.save(update_fields=["state", "returned_reason"])
        _log(
            request,
            "invoice_return",
            user,
            invoice=invoice.pk,
            number=invoice.number,
            reason=invoice.returned_reason,
        )
    return invoice


def invoice_attest(*, invoice_pk: int, user) -> Invoice:
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_attest")
        if not request_rules.is_request_coordinator(user, request):
            raise RequestError(_("Only the region's coordinator may attest the invoice."))
        invoice.state = State.AWAITING_PAYMENT
        invoice.attested_by = user
        invoice.attested_at = timezone.now()
        invoice.save(update_fields=["state", "attested_by", "attested_at"])
        _log(request, "invoice_attest", user, invoice=invoice.pk, number=invoice.number)
    return invoice


def invoice_pay(*, invoice_pk: int, user, paid_on, reference: str) -> Invoice:
    if not reference.strip():
        raise RequestError(_("Write the payment reference."))
    if paid_on > timezone.localdate():
        raise RequestError(_("The payment date cannot be in the future."))
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_pay")
        if not (is_central(user) or user.is_superuser):
            raise RequestError(_("Only the central parties record payments."))
        invoice.state = State.PAID
        invoice.paid_by = user
        invoice.paid_on = paid_on
        invoice.payment_reference = reference.strip()
        invoice.save(update_fields=["state", "paid_by", "paid_on", "payment_reference"])
        _log(
            request,
            "invoice_pay",
            user,
            invoice=invoice.pk,
            number=invoice.number,
            paid_on=paid_on.isoformat(),
            reference=invoice.payment_reference,
        )
    return invoice


def invoices_after_delivery(request) -> None:
    """Delivery attested: invoices waiting for it go on to the region."""
    Invoice.objects.filter(contract__request=request, state=State.AWAITING_DELIVERY).update(
        state=State.AWAITING_REGION
    )


def contract_close(*, request_pk: int, user) -> Contract:
    """Close a delivered contract at what was invoiced; the rest returns to the frame."""
    with transaction.atomic():
        request = _lock(request_pk)
        if not (
            request_rules.is_request_provider_staff(user, request)
            or is_central(user)
            or user.is_superuser
        ):
            raise RequestError(
                _("Only the provider or the central parties may close the contract.")
            )
        contract = Contract.objects.select_for_update().filter(request=request).first()
        if contract is None or contract.state != Contract.State.CONCLUDED:
            raise RequestError(_("Only a concluded contract can be closed."))
        if request.status != Status.DELIVERED:
            raise RequestError(_("The contract can be closed once the delivery is attested."))
        BudgetFrame.objects.select_for_update().get(pk=contract.frame_id)
        invoiced = contract_invoiced(contract)
        released = (contract.reserved_amount or ZERO) - invoiced
        contract.state = Contract.State.CLOSED
        contract.reserved_amount = invoiced if invoiced > 0 else None
        contract.save(update_fields=["state", "reserved_amount"])
        _log(request, "contract_close", user, invoiced=str(invoiced), released=str(released))
    return contract
