"""Who is told about a request event — the people who must act next, and the ones it
concerns — and the e-mail that tells them, written out when the outbox sends it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Notification
from accounts.text import in_each_language
from requests_app.models import Action, Invoice, RequestEvent, Status
from requests_app.permissions import region_coordinators


def _local_parties(request) -> set[str]:
    emails = {request.initiator.email}
    if request.counterpart_id:
        emails.add(request.counterpart.email)
    if request.counterpart_kind == request.CounterpartKind.MED:
        emails |= set(
            Membership.objects.filter(
                workplace_id=request.workplace_id,
                role=Membership.Role.MED,
                confirmed_at__isnull=False,
            ).values_list("user__email", flat=True)
        )
    return emails


def _confirmers(request) -> set[str]:
    return {email for email in _local_parties(request) if email != request.last_editor.email}


def _coordinators(request) -> set[str]:
    """Who acts for the region on the request (``permissions.acts_for_region``): its
    coordinators who are no party to it (those who are, are told as local parties), or the
    central parties when there are none."""
    return set(region_coordinators(request).values_list("email", flat=True)) or _central()


def _provider_staff(request) -> set[str]:
    return set(request.provider.staff.values_list("user__email", flat=True))


def _central() -> set[str]:
    return set(
        get_user_model().objects.filter(central_party__isnull=False).values_list("email", flat=True)
    )


def _invoice_recipients(event: RequestEvent) -> set[str]:
    request = event.request
    state = event.data.get("state")
    if event.action in {Action.INVOICE_SUBMITTED, Action.INVOICE_RESUBMITTED}:
        if state == Invoice.State.AWAITING_DELIVERY:
            return _local_parties(request)
        return _coordinators(request)
    if event.action in {Action.INVOICE_RETURNED, Action.INVOICE_PAID}:
        return _provider_staff(request)
    if event.action == Action.INVOICE_ATTESTED:
        return _central()
    if event.action == Action.INVOICE_WITHDRAWN:
        # Whoever returned it learns that no correction is coming.
        returned = (
            RequestEvent.objects.filter(invoice_id=event.invoice_id, action=Action.INVOICE_RETURNED)
            .select_related("actor")
            .order_by("-pk")
            .first()
        )
        return {returned.actor.email} if returned and returned.actor else set()
    # INVOICE_DELIVERY_CONFIRMED: the delivery's own e-mail has told the region already.
    return set()


def _completes_a_version(event: RequestEvent) -> bool:
    """Whether this acceptance was the second one of its version (the contract was concluded
    or amended by it, and that event's e-mail says so)."""
    version = event.contract.versions.filter(number=event.data.get("version")).first()
    return version is not None and version.is_fully_accepted


def _contract_recipients(event: RequestEvent) -> set[str]:
    """The contract's two sides tell each other; the actor is left out below. The second
    acceptance of a version is told once, as the conclusion or amendment it made."""
    request = event.request
    if event.action == Action.CONTRACT_ACCEPTED and _completes_a_version(event):
        return set()
    if event.action == Action.CONTRACT_DELIVERY_ATTESTED:
        return _provider_staff(request) | _coordinators(request)
    return _provider_staff(request) | _local_parties(request)


def recipients_for(event: RequestEvent) -> set[str]:
    request = event.request
    action = event.action
    if action.startswith("invoice."):
        emails = _invoice_recipients(event)
    elif action.startswith("contract."):
        emails = _contract_recipients(event)
    elif action in {Action.REQUEST_SUBMITTED, Action.REQUEST_REDIRECTED} or (
        action == Action.REQUEST_UPDATED and request.status == Status.AWAITING_COUNTERPART
    ):
        emails = _confirmers(request)
    elif action == Action.REQUEST_CONFIRMED:
        emails = _coordinators(request) if request.status == Status.AWAITING_REGION else set()
    elif action == Action.REQUEST_REACHED_PROVIDER:
        emails = _provider_staff(request) | _local_parties(request)
    elif action in {
        Action.REQUEST_SENT_BACK,
        Action.REQUEST_REGION_RETURNED,
        Action.REQUEST_DIALOGUE_STARTED,
        Action.REQUEST_DECLINED,
    }:
        emails = _local_parties(request)
    elif action == Action.REQUEST_WITHDRAWN:
        emails = _local_parties(request)
        if event.data.get("status") and request.reached_provider_at:
            emails |= _provider_staff(request)
    else:
        emails = set()
    if event.actor_id:
        emails.discard(event.actor.email)
    return emails


def event_mail(mail) -> tuple[list[str], str, str] | None:
    """The outbox's renderer for a request event (kind ``request_event``): recipients,
    subject and body, from the state the committed transaction left."""
    event = (
        RequestEvent.objects.select_related("request__workplace", "actor", "invoice")
        .filter(pk=mail.source_id)
        .first()
    )
    if event is None:
        return None
    recipients = sorted(recipients_for(event))
    if not recipients:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "request": event.request,
            "url": settings.PORTAL_BASE_URL.rstrip("/") + event.request.get_absolute_url(),
        }
        subject = render_to_string("requests_app/email/event_subject.txt", context)
        body = render_to_string("requests_app/email/event_body.txt", context)
    return recipients, subject, body


# Events that ask somebody to act, and what the bell says to them. Their e-mail is the
# event's own (the outbox), so these notifications are for the bell only.
ASKS = {
    Action.REQUEST_SUBMITTED: _("Confirm the request"),
    Action.REQUEST_REDIRECTED: _("Confirm the request"),
    Action.REQUEST_UPDATED: _("Confirm the request"),
    Action.REQUEST_CONFIRMED: _("Approve the request for the region"),
    Action.REQUEST_REACHED_PROVIDER: _("Take up the dialogue"),
    Action.CONTRACT_DRAFTED: _("Accept the contract"),
    Action.CONTRACT_EDITED: _("Accept the contract"),
    Action.CONTRACT_ACCEPTED: _("Accept the contract"),
    Action.INVOICE_SUBMITTED: _("Attest the invoice"),
    Action.INVOICE_RESUBMITTED: _("Attest the invoice"),
    Action.INVOICE_ATTESTED: _("Pay the invoice"),
    Action.INVOICE_RETURNED: _("Correct the invoice"),
}


def _asked(event) -> set[str]:
    """Who the event asks to act now (a narrower set than who is told by e-mail)."""
    request, action = event.request, event.action
    if action in {Action.REQUEST_SUBMITTED, Action.REQUEST_REDIRECTED} or (
        action == Action.REQUEST_UPDATED and request.status == Status.AWAITING_COUNTERPART
    ):
        return _confirmers(request)
    if action == Action.REQUEST_CONFIRMED and request.status == Status.AWAITING_REGION:
        return _coordinators(request)
    if action == Action.REQUEST_REACHED_PROVIDER:
        return _provider_staff(request)
    if action in {Action.CONTRACT_DRAFTED, Action.CONTRACT_EDITED, Action.CONTRACT_ACCEPTED}:
        if _completes_a_version(event):
            return set()  # the second acceptance concluded: nobody is asked anything more
        staff = _provider_staff(request)
        by_provider = event.actor is not None and event.actor.email in staff
        return _local_parties(request) if by_provider else staff
    if action.startswith("invoice.") and action in ASKS:
        return _invoice_recipients(event)
    return set()


REQUEST_ASKS = [action for action in ASKS if action.startswith("request.")]
CONTRACT_ASKS = [action for action in ASKS if action.startswith("contract.")]
INVOICE_ASKS = [action for action in ASKS if action.startswith("invoice.")]
# Events that end the request's way to a delivery: whatever was asked about it is moot.
ENDINGS = {Action.REQUEST_DECLINED, Action.REQUEST_WITHDRAWN}
# Events that answer no ask: they move nothing on, or (the delivery) not what was asked: an
# amendment waiting for acceptance may still be accepted after the delivery is attested.
ASIDES = {Action.REQUEST_CREATED, Action.CONTRACT_COMMENTED, Action.CONTRACT_DELIVERY_ATTESTED}


def _answered(event) -> Q | None:
    """The earlier events whose asks ``event`` answers, as a filter, or None.

    An invoice's every event moves the invoice on (attested, paid, returned …); a contract's
    every event but those in ``ASIDES`` moves the contract on (accepted by one side, edited,
    concluded …); a request's every event moves the request on (confirmed, approved, taken
    up …). What an earlier event asked about the same invoice, contract or request is then
    done, or moot: an ask that still stands is asked again by the new event (``_asked``)."""
    action = event.action
    if action in ASIDES:
        return None
    if action.startswith("invoice.") and event.invoice_id:
        return Q(invoice_id=event.invoice_id, action__in=INVOICE_ASKS)
    if action.startswith("contract.") and event.contract_id:
        return Q(contract_id=event.contract_id, action__in=CONTRACT_ASKS)
    if action in ENDINGS:
        return Q(request_id=event.request_id, action__in=REQUEST_ASKS + CONTRACT_ASKS)
    if action.startswith("request."):
        return Q(request_id=event.request_id, action__in=REQUEST_ASKS)
    return None


def settle_asks(event) -> int:
    """Mark read, for everyone who got them, the asks the event has answered (``_answered``):
    "Confirm the request" once confirmed, "Accept the contract" once accepted, "Pay the
    invoice" once paid, so the bell stops counting what is done. Called for every event, in
    its transaction (``bell_notify``)."""
    answered = _answered(event)
    if answered is None:
        return 0
    earlier = RequestEvent.objects.filter(answered, pk__lt=event.pk).values_list("pk", flat=True)
    keys = Q()
    for pk in earlier:
        keys |= Q(key__startswith=f"event:{pk}:")
    if not keys:
        return 0
    return Notification.objects.filter(keys, read_at__isnull=True).update(read_at=timezone.now())


def bell_notify(event) -> int:
    """Put the event under the bell of everyone it asks to act (in the event's transaction),
    and settle what earlier events asked that this one has answered (``settle_asks``)."""
    settle_asks(event)
    if event.action not in ASKS:
        return 0
    emails = _asked(event)
    if event.actor_id:
        emails.discard(event.actor.email)
    if not emails:
        return 0
    request = event.request
    ask = ASKS[event.action]
    # Two invoices on one request are told apart by their numbers.
    number = event.invoice.number if event.invoice_id else ""
    if event.action == Action.INVOICE_SUBMITTED and event.data.get("state") == (
        Invoice.State.AWAITING_DELIVERY
    ):
        ask, number = _("Attest the delivery"), ""

    def render():
        what = f"{ask} {number}" if number else str(ask)
        return f"{what}: {request.title}", str(event.label)

    text = in_each_language(render)  # Danish like the e-mail, and English for English pages
    url = event.invoice.get_absolute_url() if event.invoice_id else request.get_absolute_url()
    now = timezone.now()
    people = get_user_model().objects.filter(email__in=emails, is_active=True)
    return len(
        Notification.objects.bulk_create(
            [
                Notification(
                    user=person,
                    key=f"event:{event.pk}:{person.pk}",
                    url=url,
                    emailed_at=now,  # the event's own e-mail tells them
                    **text,
                )
                for person in people
            ],
            ignore_conflicts=True,
        )
    )
