"""The dialogue on a request: messages with attachments, meeting proposals, recorded contact,
and how far each person has read.

A thread is not a row of its own: it is the request's messages with the provider the request is
at (``provider``), so a provider the workplace moved on from (``request_redirect``) keeps its
conversation to itself and the new one starts afresh. Messages, attachments and recorded
contact are append-only (never changed, never deleted); a meeting proposal changes state only
through ``dialogue.services``. Only the services write.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from providers.models import Provider
from requests_app.models import Request

MESSAGE_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 1000
PLACE_MAX_LENGTH = 500


class AppendOnly(models.Model):
    """Written once by a service, then never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The dialogue is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The dialogue is append-only.")


class Message(AppendOnly):
    request = models.ForeignKey(
        Request,
        on_delete=models.PROTECT,
        related_name="dialogue_messages",
        verbose_name=_("request"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dialogue_messages",
        verbose_name=_("author"),
    )
    # The role the author wrote in, as it read then ("Leder", "NFA"): roles change later.
    author_role = models.CharField(_("role"), max_length=200)
    from_provider = models.BooleanField(_("written by the provider"), default=False)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["request", "provider", "created_at"])]

    def __str__(self):
        return f"{self.author} ({self.created_at:%Y-%m-%d %H:%M})"


def attachment_path(attachment, filename):
    """An unguessable name with no trace of the uploaded one (nor its extension)."""
    return f"dialogue/{attachment.message.request_id}/{secrets.token_urlsafe(32)}"


class Attachment(AppendOnly):
    message = models.ForeignKey(
        Message, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("message")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    # Detected from the content (``dialogue.files``), never taken from the browser.
    content_type = models.CharField(_("file type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class MeetingProposal(models.Model):
    """The provider proposes one to three times for the first meeting; a local party accepts
    one or asks for other times; either side may cancel."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")
        VIDEO = "video", _("By video")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        OTHER_TIMES = "other_times", _("Other times asked for")
        CANCELLED = "cancelled", _("Cancelled")
        REPLACED = "replaced", _("Replaced by new times")

    request = models.ForeignKey(
        Request,
        on_delete=models.PROTECT,
        related_name="meeting_proposals",
        verbose_name=_("request"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    mode = models.CharField(_("form"), max_length=20, choices=Mode.choices)
    # The address for a meeting in person, the link for video, the number for phone.
    place = models.CharField(_("address or link"), max_length=PLACE_MAX_LENGTH, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    accepted_slot = models.ForeignKey(
        "MeetingSlot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted time"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting proposal")
        verbose_name_plural = _("meeting proposals")

    def __str__(self):
        return f"{self.get_mode_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.PROPOSED

    @property
    def is_accepted(self) -> bool:
        return self.state == self.State.ACCEPTED


class MeetingSlot(models.Model):
    proposal = models.ForeignKey(
        MeetingProposal, on_delete=models.CASCADE, related_name="slots", verbose_name=_("proposal")
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.minutes)


class RecordedContact(AppendOnly):
    """A call or meeting outside the portal, recorded by the provider: it counts as contact."""

    request = models.ForeignKey(
        Request,
        on_delete=models.PROTECT,
        related_name="recorded_contacts",
        verbose_name=_("request"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    happened_on = models.DateField(_("date of the contact"))
    participants = models.CharField(_("who took part"), max_length=PLACE_MAX_LENGTH)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["happened_on", "pk"]
        verbose_name = _("recorded contact")
        verbose_name_plural = _("recorded contacts")

    def __str__(self):
        return f"{self.happened_on:%Y-%m-%d}: {self.participants}"


class ReadMarker(models.Model):
    """How far one person has read one request's thread."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="+", verbose_name=_("request")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dialogue_read_markers",
        verbose_name=_("user"),
    )
    read_at = models.DateTimeField(_("read up to"))

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="dialogue_one_marker")
        ]

    def __str__(self):
        return f"{self.user} – {self.read_at:%Y-%m-%d %H:%M}"
