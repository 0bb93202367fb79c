"""Who the dialogue tells, and how: the bell at once, e-mail at most every 15 minutes.

A new message goes under the bell of every other participant (one unread bell line per thread
and person: more messages do not pile up). By e-mail each other participant hears at most once
per thread per ``MAIL_INTERVAL``: the first message of a burst stores one mail in the outbox
(``accounts.mail``), due ``MAIL_INTERVAL`` later; the messages after it join that mail until it
is sent. When it is sent, ``dialogue_mail`` lists who wrote and when — never what: the e-mail
may be read on a shared screen — with a link, and only what the person has not read by then.
The author is never told of their own message.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.mail import mail_enqueue
from accounts.models import Membership, Notification, OutgoingMail
from accounts.text import in_each_language
from requests_app.models import Request
from requests_app.permissions import CONFIRMED

MAIL_KIND = "dialogue_messages"
MAIL_INTERVAL = timedelta(minutes=15)


def participants(request) -> list:
    """The people on the request's thread: the local parties and the provider's staff."""
    User = get_user_model()
    ids = {request.initiator_id}
    if request.counterpart_is_med:
        ids |= set(
            Membership.objects.filter(
                workplace_id=request.workplace_id, role=Membership.Role.MED, **CONFIRMED
            ).values_list("user_id", flat=True)
        )
    elif request.counterpart_id:
        ids.add(request.counterpart_id)
    staff = User.objects.filter(provider_roles__provider_id=request.provider_id)
    return list(
        User.objects.filter(is_active=True).filter(
            pk__in=[*ids, *staff.values_list("pk", flat=True)]
        )
    )


def _url(request) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + request.get_absolute_url() + "#dialogue"


def _bell(request, people, *, key: str, text: dict) -> None:
    """One unread bell line per thread and person: the newest news waits under it."""
    now = timezone.now()
    waiting = set(
        Notification.objects.filter(
            user__in=people, key__startswith=f"dialogue:{request.pk}:", read_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    Notification.objects.bulk_create(
        [
            Notification(
                user=person,
                key=f"dialogue:{request.pk}:{person.pk}:{key}",
                url=request.get_absolute_url() + "#dialogue",
                **text,
                emailed_at=now,  # the dialogue's own, throttled e-mail tells them
            )
            for person in people
            if person.pk not in waiting
        ],
        ignore_conflicts=True,
    )


def message_posted(message) -> None:
    """In the message's transaction: the bell for the others, and their e-mail, collected."""
    request = message.request
    others = [person for person in participants(request) if person.pk != message.author_id]
    if not others:
        return
    text = in_each_language(
        lambda: (
            _("New message in the dialogue: %(title)s") % {"title": request.title},
            _("From %(who)s") % {"who": message.author},
        )
    )
    _bell(request, others, key=f"m{message.pk}", text=text)
    now = timezone.now()
    pending = set(
        OutgoingMail.objects.filter(
            kind=MAIL_KIND,
            source_id=request.pk,
            sent_at__isnull=True,
            failed_at__isnull=True,
            claimed_at__isnull=True,
        ).values_list("recipients", flat=True)
    )
    for person in others:
        if person.email in pending:
            continue  # the mail waiting for this burst will list this message too
        mail = mail_enqueue(kind=MAIL_KIND, recipients=[person.email], source_id=request.pk)
        OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=now + MAIL_INTERVAL)


def meeting_changed(proposal, *, actor) -> None:
    """A proposal, an acceptance, a request for other times or a cancellation: the bell,
    and its e-mail (a meeting carries nothing of what was written)."""
    request = proposal.request
    others = [person for person in participants(request) if person.pk != actor.pk]
    # Lazy: read in the Danish of every notice below, not the actor's language (QA).
    labels = {
        proposal.State.PROPOSED: gettext_lazy("Meeting times proposed: %(title)s"),
        proposal.State.ACCEPTED: gettext_lazy("Meeting time accepted: %(title)s"),
        proposal.State.OTHER_TIMES: gettext_lazy("Other meeting times asked for: %(title)s"),
        proposal.State.CANCELLED: gettext_lazy("Meeting cancelled: %(title)s"),
        # Not sent today: the new proposal's own notice tells of replaced times.
        proposal.State.REPLACED: gettext_lazy("Meeting times proposed: %(title)s"),
    }
    text = in_each_language(
        lambda: (
            str(labels[proposal.state]) % {"title": request.title},
            _("By %(who)s") % {"who": actor},
        )
    )
    Notification.objects.bulk_create(
        [
            Notification(
                user=person,
                key=f"meeting:{proposal.pk}:{proposal.state}:{person.pk}",
                url=request.get_absolute_url() + "#meetings",
                **text,
                # E-mailed through the bell's own path (``accounts.notifications``).
            )
            for person in others
        ],
        ignore_conflicts=True,
    )


def dialogue_mail(mail) -> tuple[list[str], str, str] | None:
    """The outbox's renderer for ``MAIL_KIND``: who wrote since the person last read, and
    when; None when they have read everything by now, or are no longer on the thread."""
    from dialogue.models import Message, ReadMarker
    from dialogue.permissions import is_participant

    request = Request.objects.select_related("provider").filter(pk=mail.source_id).first()
    person = get_user_model().objects.filter(email=mail.recipients, is_active=True).first()
    if request is None or person is None or not is_participant(person, request):
        return None
    unread = (
        Message.objects.filter(request=request, provider_id=request.provider_id)
        .exclude(author=person)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    marker = ReadMarker.objects.filter(request=request, user=person).first()
    if marker is not None:
        unread = unread.filter(created_at__gt=marker.read_at)
    unread = list(unread[:50])
    if not unread:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "A new message in the dialogue: %(title)s",
            "%(count)d new messages in the dialogue: %(title)s",
            len(unread),
        ) % {"count": len(unread), "title": request.title}
        lines = [
            _("- %(who)s (%(role)s), %(when)s")
            % {
                "who": message.author,
                "role": message.author_role,
                "when": date_format(timezone.localtime(message.created_at), "DATETIME_FORMAT"),
            }
            for message in unread
        ]
        body = "\n".join(
            [
                _("There is news in the dialogue about “%(title)s”. Written by:")
                % {"title": request.title},
                "",
                *lines,
                "",
                _("Read and answer in the portal (the e-mail does not show what was written):"),
                _url(request),
            ]
        )
    return [person.email], subject, body + "\n"
