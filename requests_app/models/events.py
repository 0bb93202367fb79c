"""The append-only event log: one line on a request's timeline per thing that happened.

Only the services write events (``requests_app.services.base.log_event``), in the same
transaction as the change they record. Action names are ``<aggregate>.<what happened>``, as
pretix names its log actions, and each carries the label the timeline shows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models.contracts import Contract
from requests_app.models.invoices import Invoice
from requests_app.models.requests import Request


class Action(models.TextChoices):
    REQUEST_CREATED = "request.created", _("Draft created")
    REQUEST_UPDATED = "request.updated", _("Request edited")
    REQUEST_SUBMITTED = "request.submitted", _("Sent to the other party")
    REQUEST_CONFIRMED = "request.confirmed", _("Confirmed by the other party")
    REQUEST_SENT_BACK = "request.sent_back", _("Sent back by the other party")
    REQUEST_REGION_APPROVED = "request.region_approved", _("Approved by the region")
    REQUEST_REGION_RETURNED = "request.region_returned", _("Returned by the region")
    REQUEST_REACHED_PROVIDER = (
        "request.reached_provider",
        _("Reached the provider; the clock starts"),
    )
    REQUEST_DIALOGUE_STARTED = "request.dialogue_started", _("Dialogue started")
    REQUEST_DECLINED = "request.declined", _("Declined by the provider")
    REQUEST_REDIRECTED = "request.redirected", _("Sent on to another provider")
    REQUEST_WITHDRAWN = "request.withdrawn", _("Withdrawn")
    CONTRACT_DRAFTED = "contract.drafted", _("Contract drafted")
    CONTRACT_EDITED = (
        "contract.edited",
        _("Contract edited: a new version for both sides to accept"),
    )
    CONTRACT_COMMENTED = "contract.commented", _("Comment on the contract")
    CONTRACT_ACCEPTED = "contract.accepted", _("Contract accepted")
    CONTRACT_CONCLUDED = (
        "contract.concluded",
        _("Contract concluded; the amount is reserved in the frame"),
    )
    CONTRACT_AMENDED = "contract.amended", _("Contract amendment accepted by both sides")
    CONTRACT_DELIVERY_ATTESTED = (
        "contract.delivery_attested",
        _("Delivery attested by the workplace"),
    )
    CONTRACT_CLOSED = "contract.closed", _("Contract closed; the rest of the amount is released")
    INVOICE_SUBMITTED = "invoice.submitted", _("Invoice submitted")
    INVOICE_RESUBMITTED = "invoice.resubmitted", _("Invoice corrected and submitted again")
    INVOICE_RETURNED = "invoice.returned", _("Invoice returned")
    INVOICE_WITHDRAWN = "invoice.withdrawn", _("Returned invoice withdrawn by the provider")
    INVOICE_DELIVERY_CONFIRMED = (
        "invoice.delivery_confirmed",
        _("Delivery attested; the invoice goes on to the region"),
    )
    INVOICE_ATTESTED = "invoice.attested", _("Invoice attested by the region")
    INVOICE_PAID = "invoice.paid", _("Invoice paid")
    # Written by the dialogue (second floor) through ``log_event``: a meeting's life and
    # contact the provider recorded outside the portal.
    MEETING_PROPOSED = "meeting.proposed", _("Meeting times proposed")
    MEETING_ACCEPTED = "meeting.accepted", _("Meeting time accepted")
    MEETING_OTHER_TIMES = "meeting.other_times", _("Other meeting times asked for")
    MEETING_CANCELLED = "meeting.cancelled", _("Meeting cancelled")
    CONTACT_RECORDED = "contact.recorded", _("Contact with the workplace recorded")


class RequestEvent(models.Model):
    """One line of a request's timeline. Append-only: never updated, never deleted."""

    request = models.ForeignKey(
        Request, on_delete=models.PROTECT, related_name="events", verbose_name=_("request")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    action = models.CharField(_("what happened"), max_length=50, choices=Action.choices)
    # The contract or invoice the event is about, so their pages need no search in ``data``.
    # A draft contract discarded after a decline leaves its events, with their data.
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("contract"),
    )
    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("invoice"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.label} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Events are append-only.")

    @property
    def label(self):
        return self.get_action_display()

    @property
    def reason(self) -> str:
        """The reason the event gives, in the reader's language where it is one of the
        portal's own (a decline's reason is stored by its code; QA: an English-speaking
        provider's decline read "Begrundelse: No capacity" on the Danish page). Free text
        (a return's reason) is shown as written."""
        code = self.data.get("reason_code")
        if code in Request.DeclineReason.values:
            return str(Request.DeclineReason(code).label)
        return self.data.get("reason") or ""
