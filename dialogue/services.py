"""Writes in the dialogue: post a message (with attachments), propose a meeting, accept it,
ask for other times, cancel it, record contact made outside the portal, mark a thread read.
One proposal is open at a time (new times replace it), and an answer given on a page that
showed the proposal in another state than it has now changes nothing (``_unchanged``).

Every service has the shape of requests_app's: check the input, then in one transaction lock
the request (``lock_request``, the request first as everywhere), check the rule
(``dialogue.permissions``), write, log what belongs on the timeline (``log_event``) and tell
the others (``dialogue.notifications``). The provider's first message, first proposal or first
recorded contact takes up the dialogue: ``request_start_dialogue`` runs in the same
transaction, with that moment, and meets the one-week deadline; contact recorded later but
dated before that moment moves it back ("whichever comes first").

What the people on the thread write stays on the dialogue's own rows (messages, proposals,
recorded contacts), which only they may read: the request's timeline and its "dialogue
started" note are seen by the region's coordinator and the central parties too, so they get
what happened and when, never the text.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Notification
from accounts.roles import refresh_roles
from dialogue import notifications, permissions
from dialogue.files import check_files
from dialogue.models import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    Attachment,
    MeetingProposal,
    MeetingSlot,
    Message,
    ReadMarker,
    RecordedContact,
)
from requests_app.models import Action, Deadline, Request, Status
from requests_app.services.base import RequestError, lock_request, log_event
from requests_app.services.intake import request_start_dialogue
from requests_app.text import clean_text

MAX_SLOTS = 3
# The request's "dialogue started" note, seen by everyone who sees the request: never the
# contact's own words.
CONTACT_NOTE = gettext_lazy("The provider recorded a call or meeting")


NOT_ALLOWED = {
    "message_post": gettext_lazy(
        "Only the local parties and the provider on the request can write here, while the "
        "request is with the provider."
    ),
}


def _check(user, action: str, obj) -> None:
    refresh_roles(user)  # a write acts on the roles the database holds now (accounts.roles)
    if not permissions.may(user, action, obj):
        raise RequestError(
            str(NOT_ALLOWED.get(action))
            if action in NOT_ALLOWED
            else _("You cannot do this in the dialogue now.")
        )


def _take_up(request: Request, user, *, at, note: str) -> None:
    """The provider's first contact moves the request to "dialogue" and meets the deadline."""
    if request.status != Status.AT_PROVIDER:
        return
    with translation.override(settings.LANGUAGE_CODE):
        note = str(note)
    request_start_dialogue(
        request_pk=request.pk, user=user, started_on=timezone.localdate(at), note=note, at=at
    )
    request.refresh_from_db(fields=["status", "dialogue_started_on", "dialogue_note"])


def _take_up_earlier(request: Request, *, started_on, at) -> None:
    """Contact recorded after the dialogue was taken up, but dated before that day: the
    dialogue counts from whichever contact came first, so its day and the moment its deadline
    was met move back to this one. The caller holds the request's lock."""
    if request.dialogue_started_on is None or started_on >= request.dialogue_started_on:
        return
    with translation.override(settings.LANGUAGE_CODE):
        request.dialogue_note = str(CONTACT_NOTE)
    request.dialogue_started_on = started_on
    request.save(update_fields=["dialogue_started_on", "dialogue_note", "updated_at"])
    Deadline.objects.filter(
        request=request, kind=Deadline.Kind.DIALOGUE, met_at__gt=at, cancelled_at__isnull=True
    ).update(met_at=at)


def _mark_read(request: Request, user, at) -> None:
    marker, created = ReadMarker.objects.get_or_create(
        request=request, user=user, defaults={"read_at": at}
    )
    if not created and marker.read_at < at:
        ReadMarker.objects.filter(pk=marker.pk, read_at__lt=at).update(read_at=at)


def message_post(*, request_pk: int, user, body: str, files=()) -> Message:
    body = clean_text(body, max_length=MESSAGE_MAX_LENGTH, field_label=_("The message"))
    if not body:
        raise RequestError(_("Write a message before you send it."))
    checked = check_files(files)
    with transaction.atomic():
        request = lock_request(request_pk)
        _check(user, "message_post", request)
        with translation.override(settings.LANGUAGE_CODE):
            role = permissions.role_label(user, request)
        from_provider = request.provider.staff.filter(user=user).exists()
        message = Message.objects.create(
            request=request,
            provider_id=request.provider_id,
            author=user,
            author_role=role[:200],
            from_provider=from_provider,
            body=body,
        )
        for item in checked:
            attachment = Attachment(
                message=message,
                original_name=item.name,
                content_type=item.content_type,
                size=item.size,
            )
            attachment.file.save("upload", item.upload, save=False)
            attachment.save()
        if from_provider:
            _take_up(
                request,
                user,
                at=message.created_at,
                note=gettext_lazy("The provider's first message"),
            )
        _mark_read(request, user, message.created_at)
        notifications.message_posted(message)
    return message


def _clean_slots(slots) -> list[tuple[datetime.datetime, int]]:
    now = timezone.now()
    given = [start for start, _minutes in slots if start is not None]
    for number, start in enumerate(given, start=1):
        first = given.index(start) + 1
        if first < number:  # never merged without a word (the form says it with its numbers)
            raise RequestError(
                _("Time %(number)s is the same as time %(first)s.")
                % {"number": number, "first": first}
            )
    chosen = sorted(given)
    if not chosen:
        raise RequestError(_("Propose at least one time."))
    if len(chosen) > MAX_SLOTS:
        raise RequestError(_("Propose at most three times."))
    if any(start <= now for start in chosen):
        raise RequestError(_("A proposed time must lie in the future."))
    if any(start > now + datetime.timedelta(days=366) for start in chosen):
        raise RequestError(_("A proposed time must lie within a year."))
    minutes = {start: minutes for start, minutes in slots if start is not None}
    return [(start, minutes[start]) for start in chosen]


def proposal_create(
    *, request_pk: int, user, mode: str, place: str = "", slots=(), note: str = ""
) -> MeetingProposal:
    """``slots``: (aware start, minutes) pairs, one to three."""
    if mode not in MeetingProposal.Mode.values:
        raise RequestError(_("Choose how the meeting takes place."))
    place = clean_text(place, max_length=PLACE_MAX_LENGTH, field_label=_("The address or link"))
    note = clean_text(note, max_length=NOTE_MAX_LENGTH, field_label=_("The note"))
    if mode == MeetingProposal.Mode.IN_PERSON and not place:
        raise RequestError(_("Give the address of the meeting."))
    if mode == MeetingProposal.Mode.VIDEO and not place.startswith("https://"):
        raise RequestError(_("Give the link to the video meeting (it starts with https://)."))
    chosen = _clean_slots(slots)
    with transaction.atomic():
        request = lock_request(request_pk)
        _check(user, "proposal_create", request)
        replaced = _replace_open(request)
        proposal = MeetingProposal.objects.create(
            request=request,
            provider_id=request.provider_id,
            proposed_by=user,
            mode=mode,
            place=place,
            note=note,
        )
        MeetingSlot.objects.bulk_create(
            [MeetingSlot(proposal=proposal, starts_at=start, minutes=m) for start, m in chosen]
        )
        log_event(
            request,
            Action.MEETING_PROPOSED,
            user,
            mode=mode,
            times=[start.isoformat() for start, _m in chosen],
            **({"replaces": replaced} if replaced else {}),
        )
        _take_up(
            request,
            user,
            at=proposal.created_at,
            note=gettext_lazy("The provider proposed a meeting"),
        )
        notifications.meeting_changed(proposal, actor=user)
    return proposal


def _replace_open(request: Request) -> list[int]:
    """New times replace the ones still waiting for an answer: the first meeting has one
    proposal open at a time, so the workplace never sees two sets of times to accept. The
    replaced proposals say so ("Replaced by new times", not "Cancelled"); the new proposal's
    event and notice name them, with no event or notice of their own. The caller holds the
    request's lock, which every answer to a proposal takes first."""
    replaced = list(
        MeetingProposal.objects.filter(request=request, state=MeetingProposal.State.PROPOSED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    MeetingProposal.objects.filter(pk__in=replaced).update(state=MeetingProposal.State.REPLACED)
    return replaced


def _lock_proposal(proposal_pk: int) -> tuple[Request, MeetingProposal]:
    request_pk = (
        MeetingProposal.objects.filter(pk=proposal_pk).values_list("request_id", flat=True).first()
    )
    if request_pk is None:
        raise RequestError(_("The meeting proposal no longer exists."))
    request = lock_request(request_pk)
    proposal = MeetingProposal.objects.select_for_update().get(pk=proposal_pk)
    proposal.request = request
    return request, proposal


# What happened to a proposal since the page the user acted on was shown (``_unchanged``).
CHANGED_SINCE = {
    MeetingProposal.State.ACCEPTED: gettext_lazy(
        "The meeting was accepted in the meantime, so nothing was changed. The page now "
        "shows the time that was accepted."
    ),
    MeetingProposal.State.CANCELLED: gettext_lazy(
        "The meeting was cancelled in the meantime, so nothing was changed."
    ),
    MeetingProposal.State.REPLACED: gettext_lazy(
        "New times were proposed in the meantime, so nothing was changed. The page now shows "
        "the new times."
    ),
    MeetingProposal.State.OTHER_TIMES: gettext_lazy(
        "Other times were asked for in the meantime, so nothing was changed. The page now "
        "shows the answer."
    ),
}


def _unchanged(user, proposal: MeetingProposal, seen_state: str | None) -> None:
    """Refuse an action taken on a page that showed the proposal in another state than it has
    now: two people on the thread answer the same proposal at once. Only the people on the
    thread learn its state; anyone else is refused by ``_check`` as before."""
    if seen_state is None or seen_state == proposal.state:
        return
    refresh_roles(user)
    if not permissions.is_participant(user, proposal.request):
        return
    changed = CHANGED_SINCE.get(proposal.state) or _(
        "The meeting proposal is no longer as the page showed it, so nothing was changed."
    )
    raise RequestError(str(changed))


def proposal_accept(*, proposal_pk: int, user, slot_pk: int) -> MeetingProposal:
    with transaction.atomic():
        request, proposal = _lock_proposal(proposal_pk)
        # Only a proposal still open can be answered; the page showed it open.
        _unchanged(user, proposal, MeetingProposal.State.PROPOSED)
        _check(user, "proposal_accept", proposal)
        slot = proposal.slots.filter(pk=slot_pk).first()
        if slot is None:
            raise RequestError(_("Choose one of the proposed times."))
        if slot.starts_at <= timezone.now():
            raise RequestError(_("That time has passed. Ask for other times."))
        proposal.state = MeetingProposal.State.ACCEPTED
        proposal.accepted_slot = slot
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["state", "accepted_slot", "decided_by", "decided_at"])
        log_event(request, Action.MEETING_ACCEPTED, user, time=slot.starts_at.isoformat())
        notifications.meeting_changed(proposal, actor=user)
    return proposal


def proposal_ask_other_times(*, proposal_pk: int, user, answer: str = "") -> MeetingProposal:
    answer = clean_text(answer, max_length=NOTE_MAX_LENGTH, field_label=_("The answer"))
    if not answer:  # the provider cannot propose better times without knowing which suit
        raise RequestError(_("Say which times would suit you, so the provider can propose them."))
    with transaction.atomic():
        request, proposal = _lock_proposal(proposal_pk)
        _unchanged(user, proposal, MeetingProposal.State.PROPOSED)
        _check(user, "proposal_ask_other_times", proposal)
        proposal.state = MeetingProposal.State.OTHER_TIMES
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.answer = answer
        proposal.save(update_fields=["state", "decided_by", "decided_at", "answer"])
        # The answer stays on the proposal, for the people on the thread only.
        log_event(request, Action.MEETING_OTHER_TIMES, user)
        notifications.meeting_changed(proposal, actor=user)
    return proposal


def proposal_cancel(
    *, proposal_pk: int, user, reason: str = "", seen_state: str | None = None
) -> MeetingProposal:
    """``seen_state``: the proposal's state on the page the user cancelled from; a meeting
    accepted since is not cancelled from a page that showed it proposed. The page always
    sends it; None cancels whatever the state is now (demo data, tests)."""
    reason = clean_text(reason, max_length=NOTE_MAX_LENGTH, field_label=_("The reason"))
    with transaction.atomic():
        request, proposal = _lock_proposal(proposal_pk)
        _unchanged(user, proposal, seen_state)
        _check(user, "proposal_cancel", proposal)
        proposal.state = MeetingProposal.State.CANCELLED
        proposal.answer = reason
        proposal.save(update_fields=["state", "answer"])
        # The reason stays on the proposal, for the people on the thread only.
        log_event(request, Action.MEETING_CANCELLED, user)
        notifications.meeting_changed(proposal, actor=user)
    return proposal


def contact_record(
    *, request_pk: int, user, happened_on, participants: str, note: str = ""
) -> RecordedContact:
    """A call or meeting outside the portal; the first one may take up the dialogue."""
    participants = clean_text(
        participants, max_length=PLACE_MAX_LENGTH, field_label=_("Who took part")
    )
    note = clean_text(note, max_length=NOTE_MAX_LENGTH, field_label=_("The note"))
    if not participants:
        raise RequestError(_("Say who took part."))
    if happened_on is None:
        raise RequestError(_("Give the date of the contact."))
    with transaction.atomic():
        request = lock_request(request_pk)
        _check(user, "contact_record", request)
        today = timezone.localdate()
        reached_on = timezone.localdate(request.reached_provider_at)
        if not reached_on <= happened_on <= today:
            raise RequestError(
                _("The date must lie between %(start)s and today.")
                % {"start": date_format(reached_on, "SHORT_DATE_FORMAT")}
            )
        contact = RecordedContact.objects.create(
            request=request,
            provider_id=request.provider_id,
            recorded_by=user,
            happened_on=happened_on,
            participants=participants,
            note=note,
        )
        # Who took part and the note stay on the contact, for the people on the thread only.
        log_event(request, Action.CONTACT_RECORDED, user, happened_on=happened_on.isoformat())
        if happened_on == today:
            at = contact.created_at
        else:
            midnight = datetime.datetime.combine(happened_on, datetime.time.min)
            at = max(timezone.make_aware(midnight), request.reached_provider_at)
        if request.status == Status.AT_PROVIDER:
            _take_up(request, user, at=at, note=CONTACT_NOTE)
        else:
            _take_up_earlier(request, started_on=happened_on, at=at)
    return contact


def thread_mark_read(*, request: Request, user, up_to) -> None:
    """The user has seen the thread up to ``up_to`` (opening the request page reads it)."""
    if up_to is None or not permissions.is_participant(user, request):
        return
    _mark_read(request, user, up_to)
    Notification.objects.filter(
        user=user, key__startswith=f"dialogue:{request.pk}:{user.pk}:", read_at__isnull=True
    ).update(read_at=timezone.now())
