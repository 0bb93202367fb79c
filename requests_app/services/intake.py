"""The request from draft to provider: one function per row of
``transitions.REQUEST_TRANSITIONS``, named ``request_<action>``.

Each service locks the request row, checks the transition table and the actor's right to act
(``requests_app.permissions``), and only then changes what it must — saving only the changed
fields — and writes the event in the same transaction. E-mail goes out after commit through
a Celery task, so a rolled-back change tells nobody anything.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.services import role_change_log, user_send_invitation
from requests_app.clock import CONTRACT_DAYS, DIALOGUE_DAYS, due_after
from requests_app.models import Action, Request, Status
from requests_app.services import deadlines
from requests_app.services.base import (
    RequestError,
    check_permission,
    check_transition,
    lock_request,
    log_event,
    move_request,
)
from requests_app.services.checks import check_capacity, check_revision
from requests_app.services.contracts import contract_discard_draft
from requests_app.text import TEXT_MAX_LENGTH, clean_fields, clean_text

# The fields the local parties fill in through the wizard; nothing else is edited this way.
# fmt: off
EDITABLE_FIELDS = frozenset({
    "title", "workplace", "level", "scope", "themes", "other_theme", "other_theme_reason",
    "wishes", "target_group", "expected_outcome", "provider", "offering", "wanted_from",
    "wanted_to", "informed_who", "informed_on", "attest_not_improvement_notice",
    "attest_not_crisis_help", "attest_not_personal_support", "attest_beyond_current_effort",
    "counterpart_kind", "counterpart",
})
# fmt: on
MANY_TO_MANY = frozenset({"themes"})
# The typed dates among them: True for a wanted date (up to five years ahead), False for one
# that records the past.
DATES = {"wanted_from": True, "wanted_to": True, "informed_on": False}


def request_create(*, user, workplace, title: str, level: str = "", scope: str = "") -> Request:
    if not Membership.objects.filter(
        user=user, workplace=workplace, confirmed_at__isnull=False
    ).exists():
        raise RequestError(_("You can only file a request for a workplace you belong to."))
    title = clean_fields(Request, {"title": title})["title"]
    with transaction.atomic():
        request = Request.objects.create(
            workplace=workplace,
            initiator=user,
            last_editor=user,
            title=title,
            level=level,
            scope=scope,
        )
        log_event(request, Action.REQUEST_CREATED, user)
    return request


def request_update(*, request: Request, user, data: dict, invite: dict | None = None) -> Request:
    """Save an edit made by either local party: the fields in ``data``, only those changed.

    ``invite`` (``email``, ``role``) names a new other party by e-mail. An edit
    after the other side confirmed makes the confirmation lapse: the request goes back to the
    other side of the one who edited.
    """
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable through request_update: {sorted(unknown)}")
    data = clean_fields(Request, dict(data), dates=DATES)
    with transaction.atomic():
        request = lock_request(request.pk)
        check_transition(request, "update")
        check_permission(user, "update", request)
        if invite is not None:
            data = {
                **data,
                "counterpart_kind": Request.CounterpartKind.PERSON,
                "counterpart": invite_counterpart(
                    request=request,
                    email=invite["email"],
                    role=invite["role"],
                    inviter=user,
                ),
            }
            request.counterpart_email = invite["email"].lower()
        changed = ["counterpart_email"] if invite is not None else []
        for name, value in data.items():
            if name in MANY_TO_MANY:
                getattr(request, name).set(value)
            elif getattr(request, name) != value:
                setattr(request, name, value)
                changed.append(name)
        was_confirmed = request.status == Status.AWAITING_REGION
        was_sent = request.status != Status.DRAFT
        request.revision += 1
        request.last_editor = user
        request.confirmed_by = None
        request.confirmed_at = None
        if request.status != Status.DRAFT:
            request.status = Status.AWAITING_COUNTERPART
        request.save(
            update_fields=[
                *changed,
                "revision",
                "last_editor",
                "confirmed_by",
                "confirmed_at",
                "status",
                "updated_at",
            ]
        )
        # Drafting step by step is no event; an edit after the request was sent is, since
        # the other side must confirm again.
        if was_sent:
            log_event(
                request,
                Action.REQUEST_UPDATED,
                user,
                revision=request.revision,
                confirmation_lapsed=was_confirmed,
            )
    return request


def request_submit(*, request_pk: int, user) -> Request:
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "submit")
        check_permission(user, "submit", request)
        missing = request.missing_for_sending()
        if missing:
            raise RequestError(" ".join(str(item) for item in missing))
        # First come, first served: the frame may have filled up since the wizard's choice.
        check_capacity(request.provider, wanted_to=request.wanted_to)
        request.last_editor = user
        move_request(
            request,
            Action.REQUEST_SUBMITTED,
            Status.AWAITING_COUNTERPART,
            fields=["last_editor"],
            actor=user,
        )
    return request


def request_confirm(*, request_pk: int, user, revision: int | None = None) -> Request:
    """The other side agrees. Under model 1 the region must approve; else the clock starts."""
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "confirm")
        check_permission(user, "confirm", request)
        check_revision(request, revision)
        # The frame may have filled up since the request was sent or sent on to this
        # provider; the other party then sends it back, and a provider is chosen again.
        check_capacity(request.provider, wanted_to=request.wanted_to)
        request.confirmed_by = user
        request.confirmed_at = timezone.now()
        fields = ["confirmed_by", "confirmed_at"]
        if request.region.needs_central_approval:
            move_request(
                request,
                Action.REQUEST_CONFIRMED,
                Status.AWAITING_REGION,
                fields=fields,
                actor=user,
                revision=request.revision,
            )
        else:
            log_event(request, Action.REQUEST_CONFIRMED, user, revision=request.revision)
            _reach_provider(request, fields=fields)
    return request


def _reach_provider(request: Request, *, fields=(), actor=None) -> None:
    """The request reaches the provider: record the moment and start both clocks."""
    now = timezone.now()
    request.reached_provider_at = now
    request.dialogue_due = due_after(now, DIALOGUE_DAYS)
    request.contract_due = due_after(now, CONTRACT_DAYS)
    deadlines.open_provider_deadlines(request, now)
    move_request(
        request,
        Action.REQUEST_REACHED_PROVIDER,
        Status.AT_PROVIDER,
        actor=actor,
        fields=[*fields, "reached_provider_at", "dialogue_due", "contract_due"],
        provider=request.provider.short_name,
        dialogue_due=request.dialogue_due.isoformat(),
        contract_due=request.contract_due.isoformat(),
    )


def request_send_back(*, request_pk: int, user, comment: str) -> Request:
    comment = clean_text(comment, max_length=TEXT_MAX_LENGTH, field_label=_("The comment"))
    if not comment:
        raise RequestError(_("Write a comment so the other party knows what to change."))
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "send_back")
        check_permission(user, "send_back", request)
        move_request(request, Action.REQUEST_SENT_BACK, Status.DRAFT, actor=user, comment=comment)
    return request


def request_region_approve(*, request_pk: int, user, revision: int | None = None) -> Request:
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "region_approve")
        check_permission(user, "region_approve", request)
        check_revision(request, revision)
        check_capacity(request.provider, wanted_to=request.wanted_to, by_region=True)
        request.region_approved_by = user
        request.region_approved_at = timezone.now()
        log_event(request, Action.REQUEST_REGION_APPROVED, user)
        _reach_provider(request, fields=["region_approved_by", "region_approved_at"])
    return request


def request_region_return(*, request_pk: int, user, reason: str) -> Request:
    reason = clean_text(reason, max_length=TEXT_MAX_LENGTH, field_label=_("The reason"))
    if not reason:
        raise RequestError(_("Give a reason when you return the request."))
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "region_return")
        check_permission(user, "region_return", request)
        request.confirmed_by = None
        request.confirmed_at = None
        move_request(
            request,
            Action.REQUEST_REGION_RETURNED,
            Status.DRAFT,
            fields=["confirmed_by", "confirmed_at"],
            actor=user,
            reason=reason,
        )
    return request


def request_start_dialogue(
    *, request_pk: int, user, started_on, note: str = "", at=None
) -> Request:
    """The provider took up the dialogue on ``started_on`` (at the moment ``at``, now if
    None). Done by the dialogue itself (``dialogue.services``): the provider's first message,
    first meeting proposal or recorded contact, in that action's transaction."""
    note = clean_text(note, max_length=TEXT_MAX_LENGTH, field_label=_("The note"))
    today = timezone.localdate()
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "start_dialogue")
        check_permission(user, "start_dialogue", request)
        reached_on = timezone.localdate(request.reached_provider_at)
        if not reached_on <= started_on <= today:
            raise RequestError(
                _("The date must lie between %(start)s and today.")
                % {"start": date_format(reached_on, "SHORT_DATE_FORMAT")}
            )
        request.dialogue_started_on = started_on
        request.dialogue_note = note
        on_time = started_on <= timezone.localdate(request.dialogue_due)
        deadlines.deadline_meet(request, deadlines.Kind.DIALOGUE, at=at)
        move_request(
            request,
            Action.REQUEST_DIALOGUE_STARTED,
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
    text = clean_text(text, max_length=TEXT_MAX_LENGTH, field_label=_("The explanation"))
    if reason == Request.DeclineReason.OTHER and not text:
        raise RequestError(_("Explain the reason when you choose “Other”."))
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "decline")
        check_permission(user, "decline", request)
        request.decline_reason = reason
        request.decline_text = text
        deadlines.deadlines_cancel(request)
        move_request(
            request,
            Action.REQUEST_DECLINED,
            Status.DECLINED,
            fields=["decline_reason", "decline_text"],
            actor=user,
            reason_code=reason,  # shown in the reader's language (``RequestEvent.reason``)
            text=request.decline_text,
            provider=request.provider.short_name,
        )
    return request


# What a new provider starts without: the old provider's clocks, dialogue and decline.
_RESET_ON_REDIRECT = {
    "reached_provider_at": None,
    "dialogue_due": None,
    "contract_due": None,
    "dialogue_started_on": None,
    "confirmed_by": None,
    "confirmed_at": None,
    "region_approved_by": None,
    "region_approved_at": None,
    "decline_reason": "",
    "decline_text": "",
    "dialogue_note": "",
}


def request_redirect(*, request_pk: int, user, provider, offering=None) -> Request:
    """After a decline, ask another provider. The other side confirms the change first."""
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "redirect")
        check_permission(user, "redirect", request)
        if provider.pk == request.provider_id:
            raise RequestError(_("Choose another provider than the one that declined."))
        if offering is not None and offering.provider_id != provider.pk:
            raise RequestError(_("The offering does not belong to that provider."))
        check_capacity(provider, wanted_to=request.wanted_to)
        previous = request.provider.short_name
        contract_discard_draft(request=request)
        request.provider = provider
        request.offering = offering
        request.last_editor = user
        request.revision += 1
        for name, value in _RESET_ON_REDIRECT.items():
            setattr(request, name, value)
        move_request(
            request,
            Action.REQUEST_REDIRECTED,
            Status.AWAITING_COUNTERPART,
            fields=["provider", "offering", "last_editor", "revision", *_RESET_ON_REDIRECT],
            actor=user,
            previous_provider=previous,
            provider=provider.short_name,
        )
    return request


def request_withdraw(*, request_pk: int, user, reason: str = "") -> Request:
    reason = clean_text(reason, max_length=TEXT_MAX_LENGTH, field_label=_("The reason"))
    with transaction.atomic():
        request = lock_request(request_pk)
        check_transition(request, "withdraw")
        check_permission(user, "withdraw", request)
        deadlines.deadlines_cancel(request)
        move_request(request, Action.REQUEST_WITHDRAWN, Status.WITHDRAWN, actor=user, reason=reason)
    return request


def invite_counterpart(*, request: Request, email: str, role: str, inviter):
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
        user_send_invitation(user_pk=user.pk)
    # A role given by invitation waits for someone other than the inviter to vouch for it.
    membership, new_role = Membership.objects.get_or_create(
        user=user,
        workplace=request.workplace,
        role=role,
        defaults={"invited_by": inviter, "confirmed_at": None},
    )
    if new_role:
        role_change_log(actor=inviter, role=membership, granted=True)
    return user
