"""Invoices: one function per row of ``transitions.INVOICE_TRANSITIONS``.

The provider invoices a concluded contract (several partial invoices, never above the
contract amount); the workplace attests the delivery if it has not; the region's coordinator
attests; a central party records the payment. Each reviewer may return the invoice with a
reason, and the provider corrects it and submits again. Every change of an invoice's state
writes an event.

Money is checked under row locks in a fixed order — request, contract, invoice, frame — so
concurrent invoices and contracts can neither pass a contract's amount nor the frame.
"""

import io
from operator import itemgetter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from providers.models import BudgetFrame
from providers.money import format_dkk
from requests_app.models import Action, Contract, Invoice, Status
from requests_app.selectors.ledger import ZERO, contract_invoiced, frame_used
from requests_app.services.base import (
    RequestError,
    check_permission,
    check_transition,
    lock_request,
    log_event,
)
from requests_app.text import TEXT_MAX_LENGTH, clean_fields, clean_text

State = Invoice.State
MAX_PDF_BYTES = 10 * 1024 * 1024
# The typed dates of an invoice record what was done: never in the future, not before 2015.
DATES = {"invoice_date": False, "paid_on": False}


# What a PDF viewer would run or open by itself: scripts, actions on opening or on an event,
# launching programs, embedded files, rich media and XFA forms. An invoice needs none of it.
_ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF"}
    | {"/RichMedia", "/RichMediaContent", "/XFA"}
)
_ACTIVE_NAMES = frozenset({"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia"})


def check_pdf(upload) -> None:
    """A PDF by its content, not its name: at most 10 MB, readable by pypdf, and with no
    active content (``_ACTIVE_KEYS``) anywhere in the objects its trailer reaches."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    not_a_pdf = _("The file is not a PDF. Upload the invoice as a PDF file.")
    if upload.size > MAX_PDF_BYTES:
        raise RequestError(
            _("The file is %(size)s MB; at most 10 MB is allowed.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.lstrip().startswith(b"%PDF-"):
        raise RequestError(not_a_pdf)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise RequestError(_("The PDF is protected by a password. Upload it without one."))
        if len(reader.pages) == 0:
            raise RequestError(not_a_pdf)
        seen, stack, found = set(), [reader.trailer], None
        while stack and found is None:
            obj = stack.pop()
            if isinstance(obj, IndirectObject):
                if (obj.idnum, obj.generation) in seen:
                    continue
                seen.add((obj.idnum, obj.generation))
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):  # streams are dictionaries too
                found = next((key for key in obj if key in _ACTIVE_KEYS), None)
                stack.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                stack.extend(obj)
            elif isinstance(obj, NameObject) and obj in _ACTIVE_NAMES:
                found = str(obj)
    except RequestError:
        raise
    except Exception as error:  # whatever pypdf cannot read is no PDF for us
        raise RequestError(not_a_pdf) from error
    if found is not None:
        raise RequestError(
            _(
                "The PDF contains active content (%(what)s): scripts, automatic actions or "
                "embedded files are not allowed. Upload the invoice as a plain PDF."
            )
            % {"what": found.lstrip("/")}
        )


def _state_after_submit(request) -> State:
    return State.AWAITING_REGION if request.status == Status.DELIVERED else State.AWAITING_DELIVERY


def _check_date(contract: Contract, invoice_date) -> None:
    """An invoice for a contract is dated on or after the day the contract was concluded."""
    concluded_on = timezone.localdate(contract.concluded_at)
    if invoice_date < concluded_on:
        raise RequestError(
            _("The invoice date cannot be before the contract was concluded (%(day)s).")
            % {"day": date_format(concluded_on)}
        )


def _check_amount(contract: Contract, amount, *, invoice=None) -> BudgetFrame:
    """The amount fits the contract and its frame; returns the (locked) frame the invoice is
    booked in: the contract's frame now. It stays there if an amendment later moves the
    contract to another period."""
    if amount is None or amount <= 0:
        raise RequestError(_("The amount must be more than 0 kr."))
    contract_amount = contract.reserved_amount or ZERO
    left = contract_amount - contract_invoiced(contract, excluding=invoice)
    if amount > left:
        raise RequestError(
            _("The amount exceeds the %(left)s left to invoice on the contract.")
            % {"left": format_dkk(left)}
        )
    # The frame: the invoice takes the contract's place, so this holds unless the
    # reservation was cut (a closed contract). Checked under the frame's lock regardless.
    frame = BudgetFrame.objects.select_for_update(of=("self",)).get(pk=contract.frame_id)
    used = frame_used(frame)
    extra = max(contract_invoiced(contract, excluding=invoice) + amount - contract_amount, ZERO)
    if used + extra > frame.amount:
        raise RequestError(
            _("The frame has %(remaining)s left.") % {"remaining": format_dkk(frame.amount - used)}
        )
    return frame


def _lock_invoice(invoice_pk: int, action: str) -> tuple[Invoice, object]:
    """Lock the request, the contract, then the invoice (the fixed order; only their rows,
    not the provider's), and check the transition."""
    invoice = Invoice.objects.select_related("contract").get(pk=invoice_pk)
    request = lock_request(invoice.contract.request_id)
    Contract.objects.select_for_update().filter(pk=invoice.contract_id).first()
    invoice = (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("contract__request", "provider")
        .get(pk=invoice_pk)
    )
    check_transition(request, action, contract=invoice.contract, invoice=invoice)
    return invoice, request


def _log(request, action, user, invoice, **data):
    return log_event(
        request,
        action,
        user,
        contract=invoice.contract,
        invoice=invoice,
        number=invoice.number,
        **data,
    )


def invoice_submit(
    *, request_pk: int, user, number: str, invoice_date, amount, pdf, note: str = ""
) -> Invoice:
    fields = {"number": number, "note": note, "invoice_date": invoice_date}
    number, note = itemgetter("number", "note")(clean_fields(Invoice, fields, dates=DATES))
    if not number:
        raise RequestError(_("Write the invoice number."))
    check_pdf(pdf)
    try:
        with transaction.atomic():
            request = lock_request(request_pk)
            check_permission(user, "invoice_submit", request)
            contract = Contract.objects.select_for_update().filter(request=request).first()
            check_transition(request, "invoice_submit", contract=contract)
            if Invoice.objects.filter(provider=request.provider, number=number).exists():
                raise RequestError(
                    _("Invoice number %(number)s is already used.") % {"number": number}
                )
            _check_date(contract, invoice_date)
            frame = _check_amount(contract, amount)
            invoice = Invoice.objects.create(
                contract=contract,
                provider=request.provider,
                frame=frame,
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
                Action.INVOICE_SUBMITTED,
                user,
                invoice,
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
    fields = {"note": note, "invoice_date": invoice_date}
    note = clean_fields(Invoice, fields, dates=DATES)["note"]
    if pdf is not None:
        check_pdf(pdf)
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_resubmit")
        check_permission(user, "invoice_resubmit", invoice)
        contract = Contract.objects.select_for_update().get(pk=invoice.contract_id)
        _check_date(contract, invoice_date)
        # Submitted again: booked in the contract's frame now, like a new invoice.
        invoice.frame = _check_amount(contract, amount, invoice=invoice)
        invoice.invoice_date = invoice_date
        invoice.amount = amount
        invoice.note = note.strip()
        fields = ["invoice_date", "amount", "note", "state", "frame"]
        if pdf is not None:
            invoice.pdf.delete(save=False)
            invoice.pdf = pdf
            fields.append("pdf")
        invoice.state = _state_after_submit(request)
        invoice.save(update_fields=fields)
        _log(
            request,
            Action.INVOICE_RESUBMITTED,
            user,
            invoice,
            amount=str(amount),
            state=invoice.state,
        )
    return invoice


def invoice_withdraw(*, invoice_pk: int, user) -> Invoice:
    """The provider gives up a returned invoice (a new one replaces it, or it should not be
    paid): it stays returned, so no sum changes, and waits for nobody any more."""
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_withdraw")
        check_permission(user, "invoice_withdraw", invoice)
        invoice.withdrawn_at = timezone.now()
        invoice.save(update_fields=["withdrawn_at"])
        _log(request, Action.INVOICE_WITHDRAWN, user, invoice)
    return invoice


def invoice_return(*, invoice_pk: int, user, reason: str) -> Invoice:
    reason = clean_text(reason, max_length=TEXT_MAX_LENGTH, field_label=_("The reason"))
    if not reason:
        raise RequestError(_("Give a reason when you return the invoice."))
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_return")
        check_permission(user, "invoice_return", invoice)
        invoice.state = State.RETURNED
        invoice.returned_reason = reason.strip()
        invoice.save(update_fields=["state", "returned_reason"])
        _log(request, Action.INVOICE_RETURNED, user, invoice, reason=invoice.returned_reason)
    return invoice


def invoice_attest(*, invoice_pk: int, user) -> Invoice:
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_attest")
        check_permission(user, "invoice_attest", invoice)
        invoice.state = State.AWAITING_PAYMENT
        invoice.attested_by = user
        invoice.attested_at = timezone.now()
        invoice.save(update_fields=["state", "attested_by", "attested_at"])
        _log(request, Action.INVOICE_ATTESTED, user, invoice)
    return invoice


def invoice_pay(*, invoice_pk: int, user, paid_on, reference: str) -> Invoice:
    fields = {"payment_reference": reference, "paid_on": paid_on}
    reference = clean_fields(Invoice, fields, dates=DATES)["payment_reference"]
    if not reference:
        raise RequestError(_("Write the payment reference."))
    if paid_on > timezone.localdate():
        raise RequestError(_("The payment date cannot be in the future."))
    with transaction.atomic():
        invoice, request = _lock_invoice(invoice_pk, "invoice_pay")
        check_permission(user, "invoice_pay", invoice)
        # Paid after it was attested (and so after its date): the burn-down and the periods
        # count the payment by this date.
        earliest = max(
            invoice.invoice_date,
            timezone.localdate(invoice.attested_at)
            if invoice.attested_at
            else invoice.invoice_date,
        )
        if paid_on < earliest:
            raise RequestError(
                _("The payment date cannot be before %(day)s, when the invoice was attested.")
                % {"day": date_format(earliest, "SHORT_DATE_FORMAT")}
            )
        invoice.state = State.PAID
        invoice.paid_by = user
        invoice.paid_on = paid_on
        invoice.payment_reference = reference.strip()
        invoice.save(update_fields=["state", "paid_by", "paid_on", "payment_reference"])
        _log(
            request,
            Action.INVOICE_PAID,
            user,
            invoice,
            paid_on=paid_on.isoformat(),
            reference=invoice.payment_reference,
        )
    return invoice


def invoice_delivery_confirm(*, request, contract, user) -> int:
    """The workplace attested the delivery: invoices waiting for it go on to the region.

    Called by ``delivery_attest`` under its locks (request, contract).
    """
    waiting = list(
        Invoice.objects.select_for_update()
        .filter(contract=contract, state=State.AWAITING_DELIVERY)
        .order_by("pk")
    )
    for invoice in waiting:
        check_transition(request, "invoice_delivery_confirm", contract=contract, invoice=invoice)
        invoice.state = State.AWAITING_REGION
        invoice.save(update_fields=["state"])
        _log(request, Action.INVOICE_DELIVERY_CONFIRMED, user, invoice, state=invoice.state)
    return len(waiting)
