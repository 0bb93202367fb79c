"""Every e-mail the portal sends goes through here: stored first, sent later, tried again.

* ``mail_enqueue`` stores a mail in the caller's transaction (the outbox), so the mail exists
  exactly when the change it tells about does, and asks for a send after commit. If Redis or
  the SMTP server is down, the mail waits; the periodic ``send_mail_queue`` task (beat, every
  minute) sends it when they are back.
* ``deliver_pending`` sends stored mails a batch at a time: claim (a conditional UPDATE only
  one sender wins, on every database), send each, stamp the batch. Several workers never
  send one mail twice; a worker that dies between sending and stamping repeats at most its
  batch, once the claim has gone stale (``CLAIM_TIMEOUT``). A mail that cannot be sent is
  tried again with backoff and, after ``MAIL_MAX_ATTEMPTS`` tries, marked failed and shown
  to the central parties; it never blocks the mails behind it. When the server itself is
  unreachable the run stops, so the mails behind it keep their tries for when it is back.
* Subjects are made one line here, whatever the caller passed: a line break in a header is
  refused by Django (``BadHeaderError``).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, OutgoingMail

logger = logging.getLogger(__name__)

# What a stored mail of another app's kind says is written out by that app when it is sent:
# kind -> function(mail) returning (recipients, subject, body), or None when nobody is told.
_RENDERERS = {}
# Refusals that concern this one mail, not the server: try the next one.
_MAIL_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
)


def one_line(text) -> str:
    return " ".join(str(text).split())


def register_renderer(kind: str, renderer) -> None:
    _RENDERERS[kind] = renderer


def mail_enqueue(*, kind: str, recipients=(), subject="", body="", source_id=None):
    """Store one mail in the current transaction; it is sent after commit or by the beat."""
    mail = OutgoingMail.objects.create(
        kind=kind,
        source_id=source_id,
        recipients=",".join(sorted(set(recipients))),
        subject=one_line(subject)[:300],
        body=body,
    )
    transaction.on_commit(queue_mail_send, robust=True)
    return mail


# Who sends the stored mails after commit: the Celery task, wired in ``AccountsConfig.ready``
# (the task module builds on this one, so this one names no task).
_senders = []


def on_enqueue(sender) -> None:
    _senders.append(sender)


def queue_mail_send() -> None:
    for sender in _senders:
        sender()


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), timedelta(hours=6))


def _record_failure(item, error) -> None:
    item.attempts += 1
    item.last_error = f"{type(error).__name__}: {error}"[:500]
    now = timezone.now()
    if item.attempts >= settings.MAIL_MAX_ATTEMPTS:
        item.failed_at = now
        logger.error("E-mail %s failed for good: %s", item, item.last_error)
    else:
        item.next_attempt_at = now + _backoff(item.attempts)
        logger.warning("E-mail %s failed (try %s): %s", item, item.attempts, item.last_error)
    item.claimed_at = None
    item.save(
        update_fields=["attempts", "last_error", "failed_at", "next_attempt_at", "claimed_at"]
    )


# A sender that took mails and died leaves them claimed; after this they may be taken again.
CLAIM_TIMEOUT = timedelta(minutes=10)
# Mails claimed, sent and stamped together: a few queries a batch, not a few a mail (the
# deadline scan told 100 reminders in 439 queries, one transaction per mail; issue 12).
BATCH = 100


def _claim(model, sent_field: str, size: int, related=()) -> list:
    """Take up to ``size`` due, unsent mails, oldest first.

    One conditional UPDATE … RETURNING claims them, on SQLite (which ignores
    ``select_for_update``) as on PostgreSQL: a row another sender claimed in between no
    longer matches, so it is never returned to two senders. Empty only when none is due.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    claimed = connection.ops.quote_name("claimed_at")
    while True:
        now = timezone.now()
        free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
        due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        unsent = model.objects.filter(**{f"{sent_field}__isnull": True}, failed_at__isnull=True)
        candidates = list(
            unsent.filter(free, due).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not candidates:
            return []
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {claimed} = %s "  # noqa: S608 - names from the model
                f"WHERE {pk_column} IN ({', '.join(['%s'] * len(candidates))}) "
                f"AND ({claimed} IS NULL OR {claimed} < %s) RETURNING {pk_column}",
                [adapt(now), *candidates, adapt(now - CLAIM_TIMEOUT)],
            )
            won = [row[0] for row in cursor.fetchall()]
        if won:
            return list(model.objects.filter(pk__in=won).select_related(*related).order_by("pk"))
        # Other senders won every one of these; look for the next.


def deliver_pending(model, *, sent_field: str, message_of, limit: int = 500, related=()) -> int:
    """Send the model's unsent, due mails in order; return how many were sent.

    ``message_of(item)`` gives the EmailMessage, or None when there is nobody to tell.
    Mails are claimed a batch at a time (``related`` is select_related for ``message_of``),
    sent one by one, and the sent ones stamped together; a mail that fails is recorded on
    its own and the others go on. Several workers never send one mail twice; a worker that
    dies between sending and stamping repeats at most its batch's mails, once their claim
    has gone stale (``CLAIM_TIMEOUT``).
    """
    sent = 0
    left = limit
    while left > 0:
        with transaction.atomic():
            items = _claim(model, sent_field, min(BATCH, left), related)
        if not items:
            break
        left -= len(items)
        sent_now, stop = _send_batch(model, items, sent_field, message_of)
        sent += sent_now
        if stop:
            break
    return sent


def _send_batch(model, items, sent_field, message_of) -> tuple[int, bool]:
    """Send claimed mails; stamp the sent, record the failed, release the untried."""
    done, told, stop = [], 0, False
    for index, item in enumerate(items):
        try:
            message = message_of(item)
            if message is not None:
                message.send()
        except DatabaseError:
            _stamp(model, done, sent_field)
            _release(model, items[index:])
            raise
        except _MAIL_ERRORS as error:
            _record_failure(item, error)
            continue
        except OSError as error:  # the server is unreachable: every mail would fail
            _record_failure(item, error)
            _release(model, items[index + 1 :])
            stop = True
            break
        except Exception as error:  # noqa: BLE001 - a mail that cannot be written or sent
            _record_failure(item, error)
            continue
        done.append(item)
        told += message is not None
    _stamp(model, done, sent_field)
    return told, stop


def _stamp(model, items, sent_field) -> None:
    if items:
        model.objects.filter(pk__in=[item.pk for item in items]).update(
            **{sent_field: timezone.now()}, claimed_at=None
        )


def _release(model, items) -> None:
    if items:
        model.objects.filter(pk__in=[item.pk for item in items]).update(claimed_at=None)


def _outgoing_message(mail: OutgoingMail) -> EmailMessage | None:
    if mail.kind in _RENDERERS:
        rendered = _RENDERERS[mail.kind](mail)
        if rendered is None:
            return None
        recipients, subject, body = rendered
    else:
        recipients, subject, body = mail.recipients.split(","), mail.subject, mail.body
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    return EmailMessage(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, recipients)


def send_outbox(limit: int = 500) -> int:
    return deliver_pending(
        OutgoingMail, sent_field="sent_at", message_of=_outgoing_message, limit=limit
    )


# --- What failed, for the central parties ---


def failed_mails():
    """Mails that failed for good, newest first: the outbox's and the notifications'."""
    return (
        OutgoingMail.objects.filter(failed_at__isnull=False).order_by("-failed_at"),
        Notification.objects.filter(failed_at__isnull=False)
        .select_related("user")
        .order_by("-failed_at"),
    )


def failed_mail_count() -> int:
    outbox, notifications = failed_mails()
    return outbox.count() + notifications.count()


def mail_summary(mail: OutgoingMail) -> tuple[str, list[str]]:
    """What a stored mail says and to whom, as it would be sent now: for the list of failed
    mails. A mail of another app's kind stores neither (only its source): that app's
    renderer writes them out, as for sending; the central parties never see the internal key.
    """
    if mail.kind not in _RENDERERS:
        recipients = [address for address in mail.recipients.split(",") if address]
        return one_line(mail.subject) or _("(no subject)"), recipients
    try:
        rendered = _RENDERERS[mail.kind](mail)
    except Exception:  # a failed mail's page must open even when its source is broken
        logger.exception("E-mail %s cannot be written out", mail.pk)
        return _("The e-mail cannot be written out any more."), []
    if rendered is None:
        return _("Nobody is to be told any more: the e-mail will not be sent."), []
    recipients, subject, _body = rendered
    return one_line(subject), sorted({address for address in recipients if address})


def mail_retry(*, model, pk: int) -> bool:
    """Send a failed mail again: it gets its tries back and goes out with the next run.

    False when there is no such failed mail (unknown, or sent again already): nothing changed.
    """
    with transaction.atomic():
        updated = model.objects.filter(pk=pk, failed_at__isnull=False).update(
            failed_at=None, attempts=0, next_attempt_at=None, claimed_at=None
        )
        if updated:
            transaction.on_commit(queue_mail_send, robust=True)
    return bool(updated)
