"""Writes on the standard contract: one function per row of
``transitions.CONTRACT_TRANSITIONS`` — drafting, editing, comments, acceptance, conclusion,
amendment, delivery and closing.

Conclusion reserves the contract amount in the provider's frame for the period that holds the
planned delivery date. The frame row is locked (``select_for_update``) while the reserved sum
is checked, so concurrent conclusions can never together exceed the frame. Lock order:
request, contract, invoices, frames by primary key. The final PDF is rendered before any frame
is locked. An amendment moves only the unspent rest to another period: invoiced money stays
where it was invoiced (``services.contract_frames``).
"""

import django.dispatch
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from providers.money import format_dkk
from requests_app import permissions
from requests_app.models import Action, Contract, ContractActivity, ContractVersion, Request, Status
from requests_app.selectors.contracts import (
    frame_for,
    own_usage,
    remaining_in_frame,
    rest_of,
    within_programme,
)
from requests_app.selectors.ledger import contract_invoiced
from requests_app.services import deadlines
from requests_app.services.base import (
    RequestError,
    check_permission,
    check_transition,
    lock_request,
    log_event,
)
from requests_app.services.contract_frames import (
    check_amendment,
    check_conclusion,
    check_move,
    lock_frames,
)
from requests_app.services.contract_versions import new_version, pdf_bytes, render_pdf, store_pdf
from requests_app.services.frame_alerts import check_frame_thresholds
from requests_app.services.invoices import invoice_delivery_confirm
from requests_app.text import TEXT_MAX_LENGTH, clean_fields, clean_text

# The documented hook for higher floors (evaluations): sent inside the delivery's transaction
# when the workplace attests a delivery, so what a listener writes commits with the delivery and
# a listener's error undoes it. Arguments: request_pk, delivered_on.
delivery_attested = django.dispatch.Signal()


def _lock_contract(request: Request) -> Contract | None:
    return Contract.objects.select_for_update().filter(request=request).first()


def _contract_side(user, request: Request) -> str:
    side = permissions.contract_side(user, request)
    if side is None:
        raise RequestError(permissions.CONTRACT_PARTY_REFUSAL)
    return side


def _validate(request: Request, data: dict, activities: list[dict], contract=None) -> None:
    """The rules a version must keep (the form checks them too); cleans texts in place."""
    clean_fields(ContractVersion, data, dates={"planned_delivery_on": True})
    for activity in activities:
        clean_fields(ContractActivity, activity, dates={"starts_on": True, "ends_on": True})
    price = data["price"]
    if price is None or price <= 0:
        raise RequestError(_("The price must be more than 0 kr."))
    if contract is not None and contract.is_concluded:
        invoiced = contract_invoiced(contract)
        if price < invoiced:
            raise RequestError(
                _("The price cannot be lower than the %(invoiced)s already invoiced.")
                % {"invoiced": format_dkk(invoiced)}
            )
    day = data["planned_delivery_on"]
    if not within_programme(request.provider, day):
        raise RequestError(_("The planned delivery date lies outside the programme."))
    frame = frame_for(request.provider, day)
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    remaining = remaining_in_frame(frame) + own_usage(contract, frame)
    if price > remaining:
        raise RequestError(
            _(
                "The price exceeds the %(remaining)s that remain in %(provider)s' frame for "
                "%(period)s."
            )
            % {
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "remaining": format_dkk(remaining),
            }
        )
    for activity in activities:
        for key in ("starts_on", "ends_on"):
            if activity.get(key) and not within_programme(request.provider, activity[key]):
                raise RequestError(
                    _("The activity “%(activity)s” lies outside the programme.")
                    % {"activity": activity["description"]}
                )


def contract_draft(*, request_pk: int, user, data: dict, activities: list[dict]) -> Contract:
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "contract_draft", contract=_lock_contract(request))
        _contract_side(user, request)
        _validate(request, data, activities)
        contract = Contract.objects.create(request=request)
        version = new_version(contract, user, data, activities)
        log_event(
            request,
            Action.CONTRACT_DRAFTED,
            user,
            contract=contract,
            version=version.number,
            price=str(version.price),
        )
    return contract


def contract_edit(*, request_pk: int, user, data: dict, activities: list[dict]) -> Contract:
    """Any edit makes a new version; acceptances of earlier versions no longer count."""
    with transaction.atomic():
        request = lock_request(request_pk)
        contract = _lock_contract(request)
        check_transition(request, "contract_edit", contract=contract)
        _contract_side(user, request)
        _validate(request, data, activities, contract=contract)
        version = new_version(contract, user, data, activities)
        log_event(
            request,
            Action.CONTRACT_EDITED,
            user,
            contract=contract,
            version=version.number,
            price=str(version.price),
            amendment=contract.is_concluded,
        )
    return contract


def contract_comment(*, request_pk: int, user, comment: str) -> None:
    comment = clean_text(comment, max_length=TEXT_MAX_LENGTH, field_label=_("The comment"))
    if not comment:
        raise RequestError(_("Write a comment."))
    with transaction.atomic():
        request = lock_request(request_pk)
        contract = _lock_contract(request)
        check_transition(request, "contract_comment", contract=contract)
        side = _contract_side(user, request)
        log_event(
            request,
            Action.CONTRACT_COMMENTED,
            user,
            contract=contract,
            comment=comment,
            side=side,
        )


def contract_accept(*, request_pk: int, user, version_number: int) -> Contract:
    """Accept the current version for one's side; both sides accepted concludes it (or, once
    concluded, makes the amendment apply)."""
    with transaction.atomic():
        request = lock_request(request_pk)
        contract = _lock_contract(request)
        check_transition(request, "contract_accept", contract=contract)
        side = _contract_side(user, request)
        version = contract.current
        if version.number != version_number:
            raise RequestError(
                _(
                    "The contract has changed since you read it. Read version %(number)s and "
                    "accept again."
                )
                % {"number": version.number}
            )
        if getattr(version, f"{side}_accepted_by_id"):
            raise RequestError(_("Your side has already accepted this version."))
        other = "provider" if side == "workplace" else "workplace"
        completes = getattr(version, f"{other}_accepted_by_id") is not None
        provider_acceptor = user.pk if side == "provider" else version.provider_accepted_by_id
        if completes and not request.provider.staff.filter(user_id=provider_acceptor).exists():
            raise RequestError(_("The provider's acceptance must come from its own staff."))
        setattr(version, f"{side}_accepted_by", user)
        setattr(version, f"{side}_accepted_at", timezone.now())
        version.save(update_fields=[f"{side}_accepted_by", f"{side}_accepted_at"])
        log_event(
            request,
            Action.CONTRACT_ACCEPTED,
            user,
            contract=contract,
            version=version.number,
            side=side,
        )
        if not completes:
            render_pdf(version)
        elif contract.is_concluded:
            contract_amend(request=request, contract=contract, version=version, user=user)
        else:
            contract_conclude(request=request, contract=contract, version=version, user=user)
    return contract


def contract_conclude(*, request: Request, contract: Contract, version, user) -> None:
    """Both sides accepted the first version: reserve its price in the frame.

    Called by ``contract_accept`` under its locks (request, contract); takes the frame's.
    """
    check_transition(request, "contract_conclude", contract=contract)
    frame = frame_for(request.provider, version.planned_delivery_on)
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    # The final PDF, with both acceptances, is rendered before the frame is locked; it is
    # stored once the money is checked, and never changes after this.
    content = pdf_bytes(version)
    frame = lock_frames(frame.pk)[frame.pk]
    remaining = check_conclusion(frame, version.price)
    now = timezone.now()
    contract.state = Contract.State.CONCLUDED
    contract.concluded_at = now
    contract.frame = frame
    contract.reserved_amount = version.price
    contract.save(update_fields=["state", "concluded_at", "frame", "reserved_amount"])
    request.status = Status.CONTRACTED
    request.save(update_fields=["status", "updated_at"])
    store_pdf(version, content)
    deadlines.deadline_meet(request, deadlines.Kind.CONTRACT, at=now)
    deadlines.open_delivery_deadline(request, version.planned_delivery_on)
    transaction.on_commit(lambda: check_frame_thresholds(frame), robust=True)
    log_event(
        request,
        Action.CONTRACT_CONCLUDED,
        user,
        contract=contract,
        status=str(Status.CONTRACTED),
        version=version.number,
        amount=str(version.price),
        frame=frame.pk,
        on_time=contract.concluded_on_time(),
        remaining=str(remaining - version.price),
    )


def contract_amend(*, request: Request, contract: Contract, version, user) -> None:
    """Both sides accepted an amendment: the reservation follows the new price and date.

    What is invoiced stays booked in the period it was invoiced in; only the rest (the new
    price less what is invoiced) moves to the frame of the new date, which must have room.
    Called by ``contract_accept`` under its locks (request, contract); takes the frames'.
    """
    check_transition(request, "contract_amend", contract=contract)
    frame = frame_for(request.provider, version.planned_delivery_on)
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    # The contract's invoices change only under the request's lock, which is held.
    invoiced = contract_invoiced(contract)
    if version.price < invoiced:
        raise RequestError(
            _("The price cannot be lower than the %(invoiced)s already invoiced.")
            % {"invoiced": format_dkk(invoiced)}
        )
    check_move(contract, frame)
    content = pdf_bytes(version)  # before any frame is locked
    # Lock both frames, in primary-key order, so two amendments cannot deadlock.
    previous_frame = contract.frame_id
    frame = lock_frames(frame.pk, previous_frame)[frame.pk]
    rest = check_amendment(contract, frame, version.price, invoiced)
    previous = contract.reserved_amount
    previous_day = contract.accepted_before(version).planned_delivery_on
    contract.reserved_amount = version.price
    contract.frame = frame
    contract.save(update_fields=["reserved_amount", "frame"])
    store_pdf(version, content)
    if request.status == Status.CONTRACTED and version.planned_delivery_on != previous_day:
        deadlines.deadlines_cancel(request, kinds=[deadlines.Kind.DELIVERY])
        deadlines.open_delivery_deadline(request, version.planned_delivery_on)
    log_event(
        request,
        Action.CONTRACT_AMENDED,
        user,
        contract=contract,
        version=version.number,
        amount=str(version.price),
        previous=str(previous),
        frame=frame.pk,
        previous_frame=previous_frame,
        rest=str(rest),
    )
    transaction.on_commit(lambda: check_frame_thresholds(frame), robust=True)


def delivery_attest(*, request_pk: int, user, delivered_on, comment: str = "") -> Contract:
    comment = clean_text(comment, max_length=TEXT_MAX_LENGTH, field_label=_("The comment"))
    with transaction.atomic():
        request = lock_request(request_pk)
        contract = _lock_contract(request)
        check_transition(request, "delivery_attest", contract=contract)
        check_permission(user, "delivery_attest", request)
        if delivered_on > timezone.localdate():
            raise RequestError(_("The delivery date cannot be in the future."))
        if delivered_on < timezone.localdate(contract.concluded_at):
            raise RequestError(_("The delivery date cannot be before the contract."))
        contract.delivered_on = delivered_on
        contract.delivery_comment = comment
        contract.save(update_fields=["delivered_on", "delivery_comment"])
        request.status = Status.DELIVERED
        request.save(update_fields=["status", "updated_at"])
        deadlines.deadline_meet(request, deadlines.Kind.DELIVERY)
        deadlines.open_evaluation_deadlines(request, timezone.now())
        log_event(
            request,
            Action.CONTRACT_DELIVERY_ATTESTED,
            user,
            contract=contract,
            status=str(Status.DELIVERED),
            delivered_on=delivered_on.isoformat(),
            comment=contract.delivery_comment,
        )
        invoice_delivery_confirm(request=request, contract=contract, user=user)
        # Inside the transaction: the evaluation rounds commit (or roll back) with it.
        delivery_attested.send(sender=Contract, request_pk=request.pk, delivered_on=delivered_on)
    return contract


def contract_close(*, request_pk: int, user) -> Contract:
    """Close a delivered contract at what was invoiced; the rest returns to the contract's
    frame. Invoices stay booked in the frames they were invoiced in."""
    with transaction.atomic():
        request = lock_request(request_pk)
        check_permission(user, "contract_close", request)
        contract = _lock_contract(request)
        check_transition(request, "contract_close", contract=contract)
        lock_frames(contract.frame_id)
        invoiced = contract_invoiced(contract)
        released = rest_of(contract, invoiced)
        contract.state = Contract.State.CLOSED
        contract.reserved_amount = invoiced if invoiced > 0 else None
        contract.save(update_fields=["state", "reserved_amount"])
        log_event(
            request,
            Action.CONTRACT_CLOSED,
            user,
            contract=contract,
            invoiced=str(invoiced),
            released=str(released),
        )
    return contract


def contract_discard_draft(*, request: Request) -> None:
    """A contract drafted with the provider that declined belongs to no one now.

    Called by ``request_redirect`` under the request's lock.
    """
    contract = Contract.objects.filter(request=request, state=Contract.State.DRAFT).first()
    if contract is None:
        return
    check_transition(request, "contract_discard_draft", contract=contract)
    files = [version.pdf for version in contract.versions.all() if version.pdf]
    contract.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files], robust=True)
