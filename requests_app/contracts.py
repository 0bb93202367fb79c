"""Writes on the standard contract: drafting, editing, comments, acceptance, conclusion and
delivery. One function per action of ``transitions.CONTRACT_TRANSITIONS``.

Conclusion reserves the contract amount in the provider's frame for the period that holds the
planned delivery date. The frame row is locked (``select_for_update``) while the reserved sum
is checked, so concurrent conclusions can never together exceed the frame.
"""

import hashlib
from decimal import Decimal

import django.dispatch
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from providers.models import BudgetFrame, Programme
from providers.money import format_dkk
from requests_app import deadlines
from requests_app import rules as request_rules
from requests_app.invoices import invoices_after_delivery
from requests_app.ledger import contract_invoiced, frame_used
from requests_app.models import Contract, ContractActivity, ContractVersion, Request, Status
from requests_app.services import RequestError, _check, _lock, _log

# Sent after commit when the workplace attests a delivery; evaluations listen to it.
# Arguments: request_pk, delivered_on.
delivery_attested = django.dispatch.Signal()

VERSION_FIELDS = [
    "workplace_contact",
    "provider_contact",
    "wishes_expectations",
    "task_scope",
    "target_group",
    "planned_delivery_on",
    "price",
]


def frame_for(provider, day):
    return (
        BudgetFrame.objects.filter(
            provider=provider, period__starts_on__lte=day, period__ends_on__gte=day
        )
        .select_related("period__programme", "provider")
        .first()
    )


def remaining_in_frame(frame: BudgetFrame) -> Decimal:
    return frame.amount - frame_used(frame)


def within_programme(provider, day) -> bool:
    return Programme.objects.filter(
        providers=provider, starts_on__lte=day, ends_on__gte=day
    ).exists()


def _side(user, request: Request) -> str:
    if request_rules.is_local_party(user, request):
        return "workplace"
    if request_rules.is_request_provider_staff(user, request):
        return "provider"
    raise RequestError(_("Only the workplace's local parties and the provider may do this."))


def _own_usage(contract, frame) -> Decimal:
    """What a concluded contract already holds in the frame (an amendment replaces it)."""
    if contract is None or contract.state != Contract.State.CONCLUDED:
        return Decimal("0.00")
    if contract.frame_id != frame.pk:
        return Decimal("0.00")
    return max(contract.reserved_amount or Decimal("0.00"), contract_invoiced(contract))


def _validate(request: Request, data: dict, activities: list[dict], contract=None) -> None:
    """The rules a version must keep; the form checks them too, this is the last word."""
    price = data["price"]
    if price is None or price <= 0:
        raise RequestError(_("The price must be more than 0 kr."))
    if contract is not None and contract.is_concluded:
        invoiced = contract_invoiced(contract)
        if price < invoiced:
            raise RequestError(
                _("The price cannot be lower than what is already invoiced: %(invoiced)s.")
                % {"invoiced": format_dkk(invoiced)}
            )
    day = data["planned_delivery_on"]
    if not within_programme(request.provider, day):
        raise RequestError(_("The planned delivery date lies outside the programme."))
    frame = frame_for(request.provider, day)
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    remaining = remaining_in_frame(frame) + _own_usage(contract, frame)
    if price > remaining:
        raise RequestError(
            _(
                "The price exceeds what remains in %(provider)s' frame for %(period)s: "
                "%(remaining)s."
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


def render_pdf(version: ContractVersion) -> None:
    """Render the version's PDF and its SHA-256. An accepted version's PDF never changes."""
    if version.is_fully_accepted:
        raise RequestError(_("The PDF of an accepted contract cannot change."))
    _write_pdf(version)


def _write_pdf(version: ContractVersion) -> None:
    from requests_app.pdf import contract_pdf_bytes

    content = contract_pdf_bytes(version)
    if version.pdf:
        version.pdf.delete(save=False)
    version.pdf.save(f"kontrakt-v{version.number}.pdf", ContentFile(content), save=False)
    version.pdf_sha256 = hashlib.sha256(content).hexdigest()
    version.save(update_fields=["pdf", "pdf_sha256"])


def _new_version(contract, user, data, activities) -> ContractVersion:
    number = (contract.current.number + 1) if contract.versions.exists() else 1
    version = ContractVersion.objects.create(
        contract=contract,
        number=number,
        created_by=user,
        **{field: data[field] for field in VERSION_FIELDS},
    )
    ContractActivity.objects.bulk_create(
        ContractActivity(version=version, **activity) for activity in activities
    )
    render_pdf(version)
    return version


def contract_initial(request: Request) -> dict:
    """The prefilled first draft: from the request and its chosen offering."""
    offering = request.offering
    scope = request.wishes
    if offering:
        scope = f"{offering.title}: {offering.description}".strip()
    return {
        "workplace_contact": request.initiator.get_full_name() or request.initiator.email,
        "provider_contact": request.provider.contact_person,
        "wishes_expectations": "\n\n".join(
            filter(None, [request.wishes, request.expected_outcome])
        ),
        "task_scope": scope,
        "target_group": request.target_group,
        "planned_delivery_on": request.wanted_to,
        "price": None,
    }


def contract_draft(*, request_pk: int, user, data: dict, activities: list[dict]) -> Contract:
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "contract_draft")
        _side(user, request)
        if Contract.objects.filter(request=request).exists():
            raise RequestError(_("The contract has already been drafted."))
        _validate(request, data, activities)
        contract = Contract.objects.create(request=request)
        version = _new_version(contract, user, data, activities)
        _log(request, "contract_draft", user, version=version.number, price=str(version.price))
    return contract


def contract_edit(*, request_pk: int, user, data: dict, activities: list[dict]) -> Contract:
    """Any edit makes a new version; acceptances of earlier versions no longer count."""
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "contract_edit")
        _side(user, request)
        contract = Contract.objects.select_for_update().get(request=request)
        if contract.state == Contract.State.CLOSED:
            raise RequestError(_("A closed contract cannot be changed."))
        _validate(request, data, activities, contract=contract)
        version = _new_version(contract, user, data, activities)
        _log(
            request,
            "contract_edit",
            user,
            version=version.number,
            price=str(version.price),
            amendment=contract.is_concluded,
        )
    return contract


def contract_comment(*, request_pk: int, user, comment: str) -> None:
    if not comment.strip():
        raise RequestError(_("Write a comment."))
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "contract_comment")
        side = _side(user, request)
        _log(request, "contract_comment", user, comment=comment.strip(), side=side)


def contract_accept(*, request_pk: int, user, version_number: int) -> Contract:
    """Accept the current version for one's side; both sides accepted concludes it."""
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "contract_accept")
        side = _side(user, request)
        contract = Contract.objects.select_for_update().filter(request=request).first()
        if contract is None:
            raise RequestError(_("There is no contract to accept yet."))
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
        if contract.state == Contract.State.CLOSED:
            raise RequestError(_("A closed contract cannot be changed."))
        setattr(version, f"{side}_accepted_by", user)
        setattr(version, f"{side}_accepted_at", timezone.now())
        version.save(update_fields=[f"{side}_accepted_by", f"{side}_accepted_at"])
        _log(request, "contract_accept", user, version=version.number, side=side)
        if (
            version.is_fully_accepted
            and not request.provider.staff.filter(user_id=version.provider_accepted_by_id).exists()
        ):
            raise RequestError(_("The provider's acceptance must come from its own staff."))
        if not version.is_fully_accepted:
            render_pdf(version)
        elif contract.is_concluded:
            _amend(request, contract, version, user)
        else:
            _conclude(request, contract, version, user)
    return contract


def _conclude(request, contract, version, user) -> None:
    # Lock order: the request (by the caller), then the frame. Every path keeps it.
    frame = (
        BudgetFrame.objects.select_for_update()
        .select_related("period", "provider")
        .filter(pk=getattr(frame_for(request.provider, version.planned_delivery_on), "pk", None))
        .first()
    )
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    remaining = remaining_in_frame(frame)
    if version.price > remaining:
        raise RequestError(
            _(
                "The contract cannot be concluded: %(provider)s' frame for %(period)s has "
                "%(remaining)s left, and the contract costs %(price)s."
            )
            % {
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "remaining": format_dkk(remaining),
                "price": format_dkk(version.price),
            }
        )
    now = timezone.now()
    contract.state = Contract.State.CONCLUDED
    contract.concluded_at = now
    contract.frame = frame
    contract.reserved_amount = version.price
    contract.save(update_fields=["state", "concluded_at", "frame", "reserved_amount"])
    request.status = Status.CONTRACTED
    request.save(update_fields=["status", "updated_at"])
    _write_pdf(version)  # the final PDF, with both acceptances; it never changes after this
    deadlines.deadline_meet(request, deadlines.Kind.CONTRACT, at=now)
    deadlines.open_delivery_deadline(request, version.planned_delivery_on)
    transaction.on_commit(lambda: deadlines.check_frame_thresholds(frame), robust=True)
    _log(
        request,
        "contract_conclude",
        user,
        status=str(Status.CONTRACTED),
        version=version.number,
        amount=str(version.price),
        frame=frame.pk,
        on_time=contract.concluded_on_time(),
        remaining=str(remaining - version.price),
    )


def _amend(request, contract, version, user) -> None:
    """Both sides accepted an amendment: the reservation follows the new price and date."""
    frame = frame_for(request.provider, version.planned_delivery_on)
    if frame is None:
        raise RequestError(_("The provider has no budget frame for the planned delivery date."))
    # Lock every frame involved, in primary-key order, so two amendments cannot deadlock.
    pks = sorted({frame.pk, contract.frame_id})
    locked = {
        f.pk: f
        for f in BudgetFrame.objects.select_for_update()
        .filter(pk__in=pks)
        .order_by("pk")
        .select_related("period", "provider")
    }
    frame = locked[frame.pk]
    invoiced = contract_invoiced(contract)
    if version.price < invoiced:
        raise RequestError(
            _("The price cannot be lower than what is already invoiced: %(invoiced)s.")
            % {"invoiced": format_dkk(invoiced)}
        )
    available = remaining_in_frame(frame) + _own_usage(contract, frame)
    if version.price > available:
        raise RequestError(
            _(
                "The amendment cannot be accepted: %(provider)s' frame for %(period)s has "
                "%(remaining)s left for this contract, and it now costs %(price)s."
            )
            % {
                "provider": frame.provider.short_name,
                "period": frame.period.name,
                "remaining": format_dkk(available),
                "price": format_dkk(version.price),
            }
        )
    previous = contract.reserved_amount
    previous_day = contract.accepted_before(version).planned_delivery_on
    contract.reserved_amount = version.price
    contract.frame = frame
    contract.save(update_fields=["reserved_amount", "frame"])
    _write_pdf(version)
    if request.status == Status.CONTRACTED and version.planned_delivery_on != previous_day:
        deadlines.deadlines_cancel(request, kinds=[deadlines.Kind.DELIVERY])
        deadlines.open_delivery_deadline(request, version.planned_delivery_on)
    _log(
        request,
        "contract_amend",
        user,
        version=version.number,
        amount=str(version.price),
        previous=str(previous),
        frame=frame.pk,
    )
    transaction.on_commit(lambda: deadlines.check_frame_thresholds(frame), robust=True)


def delivery_attest(*, request_pk: int, user, delivered_on, comment: str = "") -> Contract:
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "delivery_attest")
        if not request_rules.is_local_party(user, request):
            raise RequestError(_("Only the workplace's local parties may attest the delivery."))
        contract = Contract.objects.select_for_update().get(request=request)
        if delivered_on > timezone.localdate():
            raise RequestError(_("The delivery date cannot be in the future."))
        if delivered_on < timezone.localdate(contract.concluded_at):
            raise RequestError(_("The delivery date cannot be before the contract."))
        contract.delivered_on = delivered_on
        contract.delivery_comment = comment.strip()
        contract.save(update_fields=["delivered_on", "delivery_comment"])
        request.status = Status.DELIVERED
        request.save(update_fields=["status", "updated_at"])
        deadlines.deadline_meet(request, deadlines.Kind.DELIVERY)
        invoices_after_delivery(request)
        deadlines.open_evaluation_deadlines(request, timezone.now())
        _log(
            request,
            "delivery_attest",
            user,
            status=str(Status.DELIVERED),
            delivered_on=delivered_on.isoformat(),
            comment=contract.delivery_comment,
        )
        transaction.on_commit(
            lambda: delivery_attested.send(
                sender=Contract, request_pk=request.pk, delivered_on=delivered_on
            ),
            robust=True,
        )
    return contract
