"""Deadlines as rows: each obligation with a due time, opened and met by the services and
watched by the periodic scan (``requests_app.services.deadline_scan``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_app.models.requests import Request


class Deadline(models.Model):
    """One obligation with a due time: created and met by the transitions, watched by the
    periodic scan (``services.deadline_scan``), which reminds and escalates exactly once."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Provider takes up dialogue")
        CONTRACT = "contract", _("Contract concluded")
        DELIVERY = "delivery", _("Delivery attested")
        EVALUATION = "evaluation", _("Immediate evaluation")
        FOLLOW_UP = "follow_up", _("Follow-up evaluation")

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    remind_at = models.DateTimeField(_("reminder due"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"))
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    opened_noted_at = models.DateTimeField(_("opening announced"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"],
                condition=models.Q(met_at__isnull=True, cancelled_at__isnull=True),
                name="one_open_deadline_per_kind",
            )
        ]
        indexes = [
            # The scan reads open deadlines by time; partial indexes keep that read small.
            models.Index(
                fields=["remind_at"],
                name="deadline_remind_idx",
                condition=models.Q(
                    met_at__isnull=True, cancelled_at__isnull=True, reminded_at__isnull=True
                ),
            ),
            models.Index(
                fields=["due_at"],
                name="deadline_due_idx",
                condition=models.Q(
                    met_at__isnull=True, cancelled_at__isnull=True, escalated_at__isnull=True
                ),
            ),
            models.Index(
                fields=["opens_at"],
                name="deadline_opens_idx",
                condition=models.Q(
                    met_at__isnull=True, cancelled_at__isnull=True, opened_noted_at__isnull=True
                ),
            ),
            # The dashboards' "overdue now", oldest first, and the requests it marks overdue
            # (``dashboards.selectors.deadlines``): every open deadline by due time.
            models.Index(
                fields=["due_at", "id"],
                include=["request"],
                name="deadline_open_due_idx",
                condition=models.Q(met_at__isnull=True, cancelled_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.request}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None
