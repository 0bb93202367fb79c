"""What every service of requests_app shares: the domain error, the lock, the transition
check and the event log.

The lock order is always the request first, then its contract, then its invoices, then the
provider's frame(s) in primary-key order; every service keeps it, so two of them never wait
for each other in a circle.
"""

from accounts.mail import mail_enqueue
from accounts.roles import refresh_roles
from requests_app import permissions, transitions
from requests_app.models import Request, RequestEvent, Status

# The outbox kind of a request event's e-mail (rendered by ``notifications.event_mail``).
EVENT_MAIL = "request_event"


class RequestError(Exception):
    """A rule of the offer stops the action; the message is for the user."""


def lock_request(request_pk: int) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("workplace__region")
        .get(pk=request_pk)
    )


def check_transition(request: Request, action: str, *, contract=None, invoice=None) -> None:
    """Refuse ``action`` unless the transition table allows it from the current states."""
    refusal = transitions.refusal(action, request=request, contract=contract, invoice=invoice)
    if refusal:
        raise RequestError(refusal)


def check_permission(user, action: str, obj) -> None:
    """Refuse ``action`` unless ``requests_app.permissions`` lets ``user`` do it on ``obj``.

    The roles are read afresh (one query): the pages keep them for the HTTP request
    (``accounts.roles``), a write acts on what the database says now."""
    refresh_roles(user)
    if not permissions.may(user, action, obj):
        raise RequestError(permissions.refusal_message(action))


def log_event(
    request: Request, action: str, actor, *, contract=None, invoice=None, **data
) -> RequestEvent:
    """Write the event in the caller's transaction, and its e-mail into the outbox with it.

    The mail is written out when it is sent, after commit (``notifications.event_mail``), so
    it tells the state the whole transaction left; a rolled-back change tells nobody.
    """
    event = RequestEvent.objects.create(
        request=request, actor=actor, action=action, contract=contract, invoice=invoice, data=data
    )
    mail_enqueue(kind=EVENT_MAIL, source_id=event.pk)
    from requests_app.notifications import bell_notify

    bell_notify(event)
    return event


def move_request(request: Request, action: str, to: Status, *, fields=(), actor=None, **data):
    """Set the new status, save only the named fields, and log the event."""
    request.status = to
    request.save(update_fields=["status", "updated_at", *fields])
    return log_event(request, action, actor, status=str(to), **data)
