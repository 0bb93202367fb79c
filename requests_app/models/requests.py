"""The request for expert advice: filed by one local party, confirmed by the other side ("i
enighed", 000 Bilag 1), approved by the region under model 1, and then at the provider, whose
clock starts: dialogue within 7 days and a contract within 28 days.

The allowed status changes are the table in ``requests_app.transitions``; only the services
in ``requests_app.services`` change a status.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Workplace
from providers.models import Offering, Provider, Theme


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_COUNTERPART = "awaiting_counterpart", _("Awaiting the other party")
    AWAITING_REGION = "awaiting_region", _("Awaiting the region's approval")
    AT_PROVIDER = "at_provider", _("Sent to the provider")
    DIALOGUE = "dialogue", _("Dialogue started")
    DECLINED = "declined", _("Declined by the provider")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CONTRACTED = "contracted", _("Contract concluded")
    DELIVERED = "delivered", _("Delivery attested")


# The longest free text a user may type (issue 10, point 10): a description, or a reason,
# comment or note; and a short answer. Forms show and check them; services refuse more.
TEXT_MAX_LENGTH = 4000
SHORT_TEXT_MAX_LENGTH = 2000

# Until the other side has confirmed, either side may edit; an edit after the other side's
# agreement turns the request back to them. While the region approves (model 1) the local
# parties do not edit: the region returns the request (``region_return``) if it must change,
# and it is then edited as a draft, sent and confirmed again.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.AWAITING_COUNTERPART})


def choice_label(choices, value) -> str:
    """A choice's label, as ``get_<field>_display`` shows it, read from the choices' enum.
    Django's generated method builds a dictionary of every choice on each call, translating
    every label to do so: 28 µs against 3 µs, on every row of every list (issue 12). An
    unknown value is shown as it is, as Django does."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


# The provider's inbox: requests that reached the provider and wait for its answer, are in
# dialogue or were declined (contracted ones are on the request list).
INBOX_STATUSES = (Status.AT_PROVIDER, Status.DIALOGUE, Status.DECLINED)


REFERENCE_PREFIX = "A-"


def request_reference(pk: int) -> str:
    """A request's reference from its id: ``A-000123``."""
    return f"{REFERENCE_PREFIX}{pk:06d}"


class Request(models.Model):
    class Level(models.TextChoices):
        SINGLE = "single", _("A single workplace")
        MED = "med", _("A department or institution MED")
        SEVERAL = "several", _("Several workplaces within one specialty or area")

    class Scope(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic level")
        OPERATIONAL = "operational", _("Operational level")

    class CounterpartKind(models.TextChoices):
        PERSON = "person", _("A named person on the other side")
        MED = "med", _("The local MED committee")

    class DeclineReason(models.TextChoices):
        OUTSIDE_THEMES = "outside_themes", _("Outside the themes")
        NO_CAPACITY = "no_capacity", _("No capacity")
        FRAME_EXHAUSTED = "frame_exhausted", _("The budget frame is exhausted")
        OTHER = "other", _("Other")

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("short title"), max_length=200)
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="requests", verbose_name=_("workplace")
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="initiated_requests",
        verbose_name=_("initiator"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    scope = models.CharField(
        _("strategic or operational"), max_length=20, choices=Scope.choices, blank=True
    )

    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    other_theme = models.CharField(_("other theme"), max_length=200, blank=True)
    other_theme_reason = models.TextField(
        _("why another theme"), blank=True, max_length=SHORT_TEXT_MAX_LENGTH
    )
    wishes = models.TextField(_("wishes and needs"), blank=True, max_length=TEXT_MAX_LENGTH)
    target_group = models.TextField(_("target group"), blank=True, max_length=TEXT_MAX_LENGTH)
    expected_outcome = models.TextField(
        _("what you expect to achieve"), blank=True, max_length=TEXT_MAX_LENGTH
    )

    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("provider"),
    )
    offering = models.ForeignKey(
        Offering, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("offering")
    )
    wanted_from = models.DateField(_("wanted from"), null=True, blank=True)
    wanted_to = models.DateField(_("wanted until"), null=True, blank=True)

    informed_who = models.TextField(
        _("who has been informed or involved"),
        blank=True,
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text=_("MED, the work-environment organisation, AMR, TR or HR at the right level."),
    )
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    attest_not_improvement_notice = models.BooleanField(
        _("This is not follow-up on an improvement notice from the Working Environment Authority."),
        default=False,
    )
    attest_not_crisis_help = models.BooleanField(_("This is not crisis help."), default=False)
    attest_not_personal_support = models.BooleanField(
        _("This is not personal support for managers or employees."), default=False
    )
    attest_beyond_current_effort = models.BooleanField(
        _("It goes beyond the work-environment effort already under way."), default=False
    )

    counterpart_kind = models.CharField(
        _("the other party"), max_length=10, choices=CounterpartKind.choices, blank=True
    )
    counterpart = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests_to_confirm",
        verbose_name=_("other party"),
    )
    counterpart_email = models.EmailField(_("the other party's e-mail"), blank=True)
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision number"), default=1)

    region_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved for the region by"),
    )
    region_approved_at = models.DateTimeField(_("approved by the region"), null=True, blank=True)

    reached_provider_at = models.DateTimeField(_("reached the provider"), null=True, blank=True)
    dialogue_due = models.DateTimeField(_("dialogue due"), null=True, blank=True)
    contract_due = models.DateTimeField(_("contract due"), null=True, blank=True)
    dialogue_started_on = models.DateField(_("dialogue started on"), null=True, blank=True)
    dialogue_note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX_LENGTH)
    decline_reason = models.CharField(
        _("reason"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_text = models.TextField(_("explanation"), blank=True, max_length=TEXT_MAX_LENGTH)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        indexes = [
            # The inbox: a provider's requests in some statuses, first come first served. With
            # the id, a provider's contract and invoice counts join their requests from the
            # index alone (12-13 against 20-32 ms at 100,000 requests).
            models.Index(
                fields=["provider", "status", "reached_provider_at"],
                include=["id"],
                name="request_provider_status_idx",
            ),
            # ... read in its order (first come first served) from a partial index holding
            # the inbox's rows only: a page of 50 is the first 50 entries, not a sort of the
            # provider's thousands (issue 12).
            models.Index(
                fields=["provider", "reached_provider_at", "id"],
                condition=models.Q(status__in=INBOX_STATUSES, reached_provider_at__isnull=False),
                name="request_inbox_idx",
            ),
            # The request lists' order (newest change first) and the start page's queues
            # (a status, by last change); the central parties' "not a draft" counts from it.
            models.Index(fields=["updated_at", "id"], name="request_updated_idx"),
            models.Index(fields=["status", "updated_at"], name="request_status_updated_idx"),
            # A workplace's own requests and a region's (through its workplaces) by status;
            # with the id, the central parties' invoice count joins from the index alone.
            models.Index(
                fields=["workplace", "status"],
                include=["id"],
                name="request_workplace_status_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("requests:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """The reference shown in the lists, the exports and the API: ``A-000123``."""
        return request_reference(self.pk)

    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    @property
    def region(self):
        return self.workplace.region

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def provider_clock_running(self) -> bool:
        """The provider's deadlines count unless it declined or the workplace withdrew."""
        return self.status not in {Status.DECLINED, Status.WITHDRAWN}

    @property
    def counterpart_is_med(self) -> bool:
        return self.counterpart_kind == self.CounterpartKind.MED

    def missing_for_sending(self) -> list[str]:
        """What still stops the request from being sent, as sentences for the user."""
        missing = []
        if not self.level or not self.scope:
            missing.append(_("Choose the level and whether it is strategic or operational."))
        if not self.themes.exists() and not self.other_theme:
            missing.append(_("Choose at least one theme."))
        if self.other_theme and not self.other_theme_reason.strip():
            missing.append(_("Explain why you ask for advice outside the three themes."))
        if not (
            self.wishes.strip() and self.target_group.strip() and self.expected_outcome.strip()
        ):
            missing.append(
                _("Describe the wishes and needs, the target group and the expected outcome.")
            )
        if self.provider_id is None:
            missing.append(_("Choose a provider."))
        if not self.informed_who.strip() or self.informed_on is None:
            missing.append(_("State who has been informed and when."))
        if not all(
            [
                self.attest_not_improvement_notice,
                self.attest_not_crisis_help,
                self.attest_not_personal_support,
                self.attest_beyond_current_effort,
            ]
        ):
            missing.append(_("Confirm all four statements about the request."))
        if not self.counterpart_kind:
            missing.append(_("Name the other party who must agree to the request."))
        return missing

    def sla_facts(self, now=None) -> dict:
        """For the dashboard: per provider deadline, met or not, and days late (0 = on time).

        An unmet deadline counts its days overdue so far.
        """
        today = timezone.localdate(now or timezone.now())
        contract = getattr(self, "contract", None)
        concluded_on = (
            timezone.localdate(contract.concluded_at)
            if contract and contract.concluded_at
            else None
        )
        facts = {}
        for name, due, met_on in [
            ("dialogue", self.dialogue_due, self.dialogue_started_on),
            ("contract", self.contract_due, concluded_on),
        ]:
            if due is None:
                facts[name] = None
                continue
            due_on = timezone.localdate(due)
            late = ((met_on or today) - due_on).days
            facts[name] = {"met": met_on is not None, "days_late": max(late, 0)}
        return facts

    def days_left(self, due, now=None):
        """Whole calendar days until ``due`` in Copenhagen time; negative when overdue."""
        if due is None:
            return None
        now = now or timezone.now()
        return (timezone.localdate(due) - timezone.localdate(now)).days
