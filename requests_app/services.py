"""Every change to a request: one function per action of ``requests_app.transitions``.

Each service locks the request row, checks the current status and the actor's right to act,
changes only the fields it must, and writes the event in the same transaction. E-mail goes
out after commit through a Celery task, so a rolled-back change tells nobody anything.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.services import user_send_invitation
from requests_app import deadlines
from requests_app import rules as request_rules
from requests_app.clock import CONTRACT_DAYS, DIALOGUE_DAYS, due_after
from requests_app.models import Request, RequestEvent, Status
from requests_app.transitions import allowed


class RequestError(Exception):
    """A rule of the offer stops the action; the message is for the user."""


def _lock(request_pk: int) -> Request:
    return (
        Request.objects.select_for_update().select_related("workplace__region").get(pk=request_pk)
    )


def _check(request: Request, action: str) -> None:
    if not allowed(action, request.status):
        raise RequestError(
            _("This cannot be done while the request is “%(status)s”.")
            % {"status": request.get_status_display()}
        )


def _log(request: Request, action: str, actor, **data) -> RequestEvent:
    event = RequestEvent.objects.create(request=request, actor=actor, action=action, data=data)
    from requests_app.tasks import send_event_email

    # robust: a broker outage is logged; it must not turn a committed change into an error page.
    transaction.on_commit(lambda: send_event_email.delay(event.pk), robust=True)
    return event


def _move(request: Request, action: str, to: Status, *, fields=(), actor=None, **data):
    """Set the new status, save only the named fields, and log the event."""
    request.status = to
    request.save(update_fields=["status", "updated_at", *fields])
    return _log(request, action, actor, status=str(to), **data)


def request_create(*, user, workplace, title: str, level: str = "", scope: str = "") -> Request:
    if not Membership.objects.filter(user=user, workplace=workplace).exists():
        raise RequestError(_("You can only file a request for a workplace you belong to."))
    with transaction.atomic():
        request = Request.objects.create(
            workplace=workplace,
            initiator=user,
            last_editor=user,
            title=title,
            level=level,
            scope=scope,
        )
        _log(request, "create", user)
    return request


def request_update(*, request_pk: int, user, save_form) -> Request:
    """Save an edit made by either local party. ``save_form(request)`` writes the fields.

    An edit after the other side confirmed makes the confirmation lapse: the request goes
    back to the other side of the one who edited.
    """
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "update")
        if not request_rules.is_local_party(user, request):
            raise RequestError(_("Only the workplace's local parties may edit the request."))
        was_confirmed = request.status == Status.AWAITING_REGION
        save_form(request)
        request.revision += 1
        request.last_editor = user
        request.confirmed_by = None
        request.confirmed_at = None
        if request.status != Status.DRAFT:
            request.status = Status.AWAITING_COUNTERPART
        request.save()
        _log(request, "update", user, revision=request.revision, confirmation_lapsed=was_confirmed)
    return request


def request_submit(*, request_pk: int, user) -> Request:
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "submit")
        if not request_rules.is_local_party(user, request):
            raise RequestError(_("Only the workplace's local parties may send the request."))
        missing = request.missing_for_sending()
        if missing:
            raise RequestError(" ".join(str(item) for item in missing))
        request.last_editor = user
        _move(request, "submit", Status.AWAITING_COUNTERPART, fields=["last_editor"], actor=user)
    return request


def request_confirm(*, request_pk: int, user) -> Request:
    """The other side agrees. Under model 1 the region must approve; else the clock starts."""
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "confirm")
        if not request_rules.can_confirm(user, request):
            raise RequestError(_("The request must be confirmed by the other side."))
        request.confirmed_by = user
        request.confirmed_at = timezone.now()
        fields = ["confirmed_by", "confirmed_at"]
        if request.region.needs_central_approval:
            _move(
                request,
                "confirm",
                Status.AWAITING_REGION,
                fields=fields,
                actor=user,
                revision=request.revision,
            )
        else:
            _log(request, "confirm", user, revision=request.revision)
            _reach_provider(request, fields=fields)
    return request


def _reach_provider(request: Request, *, fields=(), actor=None) -> None:
    """The request reaches the provider: record the moment and start both clocks."""
    now = timezone.now()
    request.reached_provider_at = now
    request.dialogue_due = due_after(now, DIALOGUE_DAYS)
    request.contract_due = due_after(now, CONTRACT_DAYS)
    deadlines.open_provider_deadlines(request, now)
    _move(
        request,
        "reach_provider",
        Status.AT_PROVIDER,
        actor=actor,
        fields=[*fields, "reached_provider_at", "dialogue_due", "contract_due"],
        provider=request.provider.short_name,
        dialogue_due=request.dialogue_due.isoformat(),
        contract_due=request.contract_due.isoformat(),
    )


def request_send_back(*, request_pk: int, user, comment: str) -> Request:
    if not comment.strip():
        raise RequestError(_("Write a comment so the other party knows what to change."))
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "send_back")
        if not request_rules.can_confirm(user, request):
            raise RequestError(_("Only the other side can send the request back."))
        _move(request, "send_back", Status.DRAFT, actor=user, comment=comment.strip())
    return request


def request_region_approve(*, request_pk: int, user) -> Request:
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "region_approve")
        if not request_rules.is_request_coordinator(user, request):
            raise RequestError(_("Only the region's coordinator may approve the request."))
        request.region_approved_by = user
        request.region_approved_at = timezone.now()
        _log(request, "region_approve", user)
        _reach_provider(request, fields=["region_approved_by", "region_approved_at"])
    return request


def request_region_return(*, request_pk: int, user, reason: str) -> Request:
    if not reason.strip():
        raise RequestError(_("Give a reason when you return the request."))
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "region_return")
        if not request_rules.is_request_coordinator(user, request):
            raise RequestError(_("Only the region's coordinator may return the request."))
        request.confirmed_by = None
        request.confirmed_at = None
        _move(
            request,
            "region_return",
            Status.DRAFT,
            fields=["confirmed_by", "confirmed_at"],
            actor=user,
            reason=reason.strip(),
        )
    return request


def request_start_dialogue(*, request_pk: int, user, started_on, note: str = "") -> Request:
    today = timezone.localdate()
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "start_dialogue")
        if not request_rules.is_request_provider_staff(user, request):
            raise RequestError(_("Only the provider's staff may start the dialogue."))
        reached_on = timezone.localdate(request.reached_provider_at)
        if not reached_on <= started_on <= today:
            raise RequestError(
                _("The date must lie between %(start)s and today.")
                % {"start": reached_on.strftime("%d.%m.%Y")}
            )
        request.dialogue_started_on = started_on
        request.dialogue_note = note.strip()
        on_time = started_on <= timezone.localdate(request.dialogue_due)
        deadlines.deadline_meet(request, deadlines.Kind.DIALOGUE)
        _move(
            request,
            "start_dialogue",
            Status.DIALOGUE,
            fields=["dialogue_started_on", "dialogue_note"],
            actor=user,
            started_on=started_on.isoformat(),
            note=request.dialogue_note,
            on_time=on_time,
        )
    return request


def request_decline(*, request_pk: int, user, reason: str, text: str = "") -> Request:
    if reason not in Request.DeclineReason.values:
        raise RequestError(_("Choose a reason for declining."))
    if reason == Request.DeclineReason.OTHER and not text.strip():
        raise RequestError(_("Explain the reason when you choose “Other”."))
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "decline")
        if not request_rules.is_request_provider_staff(user, request):
            raise RequestError(_("Only the provider's staff may decline the request."))
        request.decline_reason = reason
        request.decline_text = text.strip()
        deadlines.deadlines_cancel(request)
        _move(
            request,
            "decline",
            Status.DECLINED,
            fields=["decline_reason", "decline_text"],
            actor=user,
            reason_code=reason,
            reason=str(request.get_decline_reason_display()),
            text=request.decline_text,
            provider=request.provider.short_name,
        )
    return request


def _discard_draft_contract(request) -> None:
    """A contract drafted with the provider that declined belongs to no one now."""
    from requests_app.models import Contract

    contract = Contract.objects.filter(request=request, state=Contract.State.DRAFT).first()
    if contract is None:
        return
    files = [version.pdf for version in contract.versions.all() if version.pdf]
    contract.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files], robust=True)


def request_redirect(*, request_pk: int, user, provider, offering=None) -> Request:
    """After a decline, ask another provider. The other side confirms the change first."""
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "redirect")
        if not request_rules.is_local_party(user, request):
            raise RequestError(_("Only the workplace's local parties may choose a new provider."))
        if provider.pk == request.provider_id:
            raise RequestError(_("Choose another provider than the one that declined."))
        if offering is not None and offering.provider_id != provider.pk:
            raise RequestError(_("The offering does not belong to that provider."))
        previous = request.provider.short_name
        _discard_draft_contract(request)
        request.provider = provider
        request.offering = offering
        request.last_editor = user
        request.revision += 1
        for field in (
            "reached_provider_at",
            "dialogue_due",
            "contract_due",
            "dialogue_started_on",
            "confirmed_by",
            "confirmed_at",
            "region_approved_by",
            "region_approved_at",
        ):
            setattr(request, field, None)
        request.decline_reason = ""
        request.decline_text = ""
        request.dialogue_note = ""
        request.status = Status.AWAITING_COUNTERPART
        request.save()
        _log(
            request,
            "redirect",
            user,
            status=Status.AWAITING_COUNTERPART,
            previous_provider=previous,
            provider=provider.short_name,
        )
    return request


def request_withdraw(*, request_pk: int, user, reason: str = "") -> Request:
    with transaction.atomic():
        request = _lock(request_pk)
        _check(request, "withdraw")
        if not request_rules.is_local_party(user, request):
            raise RequestError(_("Only the workplace's local parties may withdraw the request."))
        deadlines.deadlines_cancel(request)
        _move(request, "withdraw", Status.WITHDRAWN, actor=user, reason=reason.strip())
    return request


def invite_counterpart(*, request: Request, email: str, role: str, inviter, base_url: str):
    """Create (or find) the other party by e-mail and give them a role at the workplace."""
    User = get_user_model()
    user = User.objects.filter(email=email.lower()).first()
    if user is not None:
        if not Membership.objects.filter(user=user, workplace=request.workplace).exists():
            # Nobody is made a member of a workplace behind their back.
            raise RequestError(
                _(
                    "%(email)s already has an account but is not a member of this workplace. "
                    "Ask the central parties to add them, then choose them from the list."
                )
                % {"email": email.lower()}
            )
        created = False
    else:
        user, created = User.objects.create(email=email.lower()), True
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        transaction.on_commit(
            lambda: user_send_invitation(user_pk=user.pk, base_url=base_url), robust=True
        )
    Membership.objects.get_or_create(user=user, workplace=request.workplace, role=role)
    return user
