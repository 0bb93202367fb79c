"""Requests for expert advice and the append-only event log of everything that happens to them.

A request is filed by one local party, confirmed by the other side ("i enighed", 000 Bilag 1),
approved by the region under model 1, and then reaches the provider, whose clock starts:
dialogue within 7 days and a contract within 28 days. The allowed status changes are the
table in ``requests_app.transitions``; only the services in ``requests_app.services`` change
a status.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
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


# Before the provider has it, either side may edit; an edit makes a confirmation lapse.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.AWAITING_COUNTERPART, Status.AWAITING_REGION})


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
    other_theme_reason = models.TextField(_("why another theme"), blank=True)
    wishes = models.TextField(_("wishes and needs"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    expected_outcome = models.TextField(_("what you expect to achieve"), blank=True)

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
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    region_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region_approved_at = models.DateTimeField(null=True, blank=True)

    reached_provider_at = models.DateTimeField(_("reached the provider"), null=True, blank=True)
    dialogue_due = models.DateTimeField(_("dialogue due"), null=True, blank=True)
    contract_due = models.DateTimeField(_("contract due"), null=True, blank=True)
    dialogue_started_on = models.DateField(_("dialogue started on"), null=True, blank=True)
    dialogue_note = models.TextField(_("note"), blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_text = models.TextField(_("explanation"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["provider", "status", "reached_provider_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("requests:detail", kwargs={"pk": self.pk})

    @property
    def region(self):
        return self.workplace.region

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

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


EVENT_LABELS = {
    "create": _("Draft created"),
    "update": _("Request edited"),
    "submit": _("Sent to the other party"),
    "confirm": _("Confirmed by the other party"),
    "send_back": _("Sent back by the other party"),
    "region_approve": _("Approved by the region"),
    "region_return": _("Returned by the region"),
    "reach_provider": _("Reached the provider; the clock starts"),
    "start_dialogue": _("Dialogue started"),
    "decline": _("Declined by the provider"),
    "redirect": _("Sent on to another provider"),
    "withdraw": _("Withdrawn"),
    "contract_draft": _("Contract drafted"),
    "contract_edit": _("Contract edited; earlier acceptances cleared"),
    "contract_comment": _("Comment on the contract"),
    "contract_accept": _("Contract accepted"),
    "contract_conclude": _("Contract concluded; the amount is reserved in the frame"),
    "contract_amend": _("Contract amendment accepted by both sides"),
    "delivery_attest": _("Delivery attested by the workplace"),
    "contract_close": _("Contract closed; the rest of the amount is released"),
    "invoice_submit": _("Invoice submitted"),
    "invoice_resubmit": _("Invoice corrected and submitted again"),
    "invoice_return": _("Invoice returned"),
    "invoice_attest": _("Invoice attested by the region"),
    "invoice_pay": _("Invoice paid"),
}


class RequestEvent(models.Model):
    """One line of a request's timeline. Append-only: never updated, never deleted."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

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
        return EVENT_LABELS.get(self.action, self.action)


class Contract(models.Model):
    """The standard contract between the workplace and the provider for one request.

    Every edit makes a new version and clears earlier acceptances; when a local party and
    the provider have accepted the same version, the contract is concluded, read-only, and
    its amount is reserved in the provider's frame for the period of the delivery date.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Being drafted")
        CONCLUDED = "concluded", _("Concluded")
        CLOSED = "closed", _("Closed")

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="contract")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    frame = models.ForeignKey(
        "providers.BudgetFrame",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
    )
    reserved_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved_amount__isnull=True) | models.Q(reserved_amount__gt=0),
                name="contract_reserved_positive",
            )
        ]

    def __str__(self):
        return f"{_('Contract')} – {self.request}"

    @property
    def current(self) -> "ContractVersion":
        """The newest version: the one being drafted, or an amendment awaiting acceptance."""
        return self.versions.order_by("-number").first()

    @property
    def accepted(self) -> "ContractVersion | None":
        """The newest version both sides accepted: what the contract says now."""
        return (
            self.versions.filter(
                workplace_accepted_by__isnull=False, provider_accepted_by__isnull=False
            )
            .order_by("-number")
            .first()
        )

    def accepted_before(self, version) -> "ContractVersion | None":
        """The newest fully accepted version older than ``version``."""
        return (
            self.versions.filter(
                number__lt=version.number,
                workplace_accepted_by__isnull=False,
                provider_accepted_by__isnull=False,
            )
            .order_by("-number")
            .first()
        )

    @property
    def is_concluded(self) -> bool:
        return self.state != self.State.DRAFT

    def concluded_on_time(self):
        if self.concluded_at is None or self.request.contract_due is None:
            return None
        return timezone.localdate(self.concluded_at) <= timezone.localdate(
            self.request.contract_due
        )


def contract_pdf_path(version, filename):
    return f"contracts/{version.contract.request_id}/v{version.number}-{version.pk or 'new'}.pdf"


class ContractVersion(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    workplace_contact = models.CharField(_("contact person at the workplace"), max_length=200)
    provider_contact = models.CharField(_("contact person at the provider"), max_length=200)
    wishes_expectations = models.TextField(_("wishes and expectations"))
    task_scope = models.TextField(_("kind and scope of the task"))
    target_group = models.TextField(_("target group"))
    planned_delivery_on = models.DateField(_("planned delivery date"))
    price = models.DecimalField(_("price in DKK incl. VAT"), max_digits=12, decimal_places=2)

    workplace_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    workplace_accepted_at = models.DateTimeField(null=True, blank=True)
    provider_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    provider_accepted_at = models.DateTimeField(null=True, blank=True)

    pdf = models.FileField(upload_to=contract_pdf_path, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_version_unique"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="contract_price_positive"),
        ]

    def __str__(self):
        return f"{self.contract} v{self.number}"

    @property
    def is_fully_accepted(self) -> bool:
        return bool(self.workplace_accepted_by_id and self.provider_accepted_by_id)


class ContractActivity(models.Model):
    version = models.ForeignKey(
        ContractVersion, on_delete=models.CASCADE, related_name="activities"
    )
    description = models.CharField(_("activity"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.description


class Deadline(models.Model):
    """One obligation with a due time: created and met by the transitions, watched by the
    periodic scan (``requests_app.deadlines``), which reminds and escalates exactly once."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Provider takes up dialogue")
        CONTRACT = "contract", _("Contract concluded")
        DELIVERY = "delivery", _("Delivery attested")
        EVALUATION = "evaluation", _("Immediate evaluation")
        FOLLOW_UP = "follow_up", _("Follow-up evaluation")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    opens_at = models.DateTimeField(null=True, blank=True)
    remind_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField()
    met_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    opened_noted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

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
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.request}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None


def invoice_pdf_path(invoice, filename):
    return f"invoices/{invoice.contract.request_id}/{invoice.number}.pdf"


class Invoice(models.Model):
    """A provider's invoice on a concluded contract, in DKK incl. VAT.

    Flow: the workplace attests the delivery (if it has not), the region's coordinator
    attests the invoice, a central party records the payment. Each reviewer may return it
    with a reason; the provider corrects it and submits again.
    """

    class State(models.TextChoices):
        AWAITING_DELIVERY = "awaiting_delivery", _("Awaiting the workplace's attestation")
        AWAITING_REGION = "awaiting_region", _("Awaiting the region's attestation")
        AWAITING_PAYMENT = "awaiting_payment", _("Attested, awaiting payment")
        PAID = "paid", _("Paid")
        RETURNED = "returned", _("Returned to the provider")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices")
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=50)
    invoice_date = models.DateField(_("invoice date"))
    amount = models.DecimalField(_("amount in DKK incl. VAT"), max_digits=12, decimal_places=2)
    pdf = models.FileField(_("invoice (PDF)"), upload_to=invoice_pdf_path)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, db_index=True)
    returned_reason = models.TextField(_("reason for return"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attested_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="invoice_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="invoice_positive"),
        ]

    def __str__(self):
        return f"{self.provider.short_name} {self.number}"

    def get_absolute_url(self):
        return reverse("invoices:detail", kwargs={"pk": self.pk})
