"""The standard contract: its versions (each with a PDF and its hash) and their activities."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models.requests import TEXT_MAX_LENGTH, Request, choice_label

# The contract's texts start from the request's: "wishes and expectations" joins its wishes
# and its expected outcome, so it holds two descriptions and a little more.
CONTRACT_TEXT_MAX_LENGTH = 10_000


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

    request = models.OneToOneField(
        Request, on_delete=models.PROTECT, related_name="contract", verbose_name=_("request")
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    frame = models.ForeignKey(
        "providers.BudgetFrame",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("budget frame"),
    )
    reserved_amount = models.DecimalField(
        _("reserved amount (DKK incl. VAT)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # What has been invoiced on the contract (its invoices not returned, in any frame). Kept
    # by the database, not by Django: triggers on the invoices table (migration 0018)
    # recompute it whenever an invoice is written, however it is written, so the ledger sums
    # the contracts of a frame without reading their invoices (issue 12).
    invoiced_amount = models.DecimalField(
        _("invoiced (DKK incl. VAT)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        editable=False,
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_comment = models.TextField(_("comment"), blank=True, max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved_amount__isnull=True) | models.Q(reserved_amount__gt=0),
                name="contract_reserved_positive",
            )
        ]
        # The ledger: the concluded contracts of a frame.
        indexes = [models.Index(fields=["frame", "state"], name="contract_frame_state_idx")]

    def __str__(self):
        return f"{_('Contract')} – {self.request}"

    def get_state_display(self) -> str:
        return choice_label(self.State, self.state)

    def _prefetched_versions(self) -> "list[ContractVersion] | None":
        """The versions, oldest first, when a page read them with the contract
        (``prefetch_related("versions")``); None otherwise. A page that asks for the current
        and the accepted version many times then reads the versions once."""
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is None:
            return None
        return sorted(versions, key=lambda version: version.number)

    @property
    def current(self) -> "ContractVersion":
        """The newest version: the one being drafted, or an amendment awaiting acceptance."""
        versions = self._prefetched_versions()
        if versions is not None:
            return versions[-1] if versions else None
        return self.versions.order_by("-number").first()

    @property
    def accepted(self) -> "ContractVersion | None":
        """The newest version both sides accepted: what the contract says now."""
        versions = self._prefetched_versions()
        if versions is not None:
            accepted = [version for version in versions if version.is_fully_accepted]
            return accepted[-1] if accepted else None
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

    @property
    def is_fully_invoiced(self) -> bool:
        """Whether the invoices that stand (not returned) add up to the reserved amount
        (``invoiced_amount``, kept by the database): a new invoice could only be refused."""
        return self.reserved_amount is not None and self.invoiced_amount >= self.reserved_amount

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    def concluded_on_time(self):
        if self.concluded_at is None or self.request.contract_due is None:
            return None
        return timezone.localdate(self.concluded_at) <= timezone.localdate(
            self.request.contract_due
        )


def contract_pdf_path(version, filename):
    return f"contracts/{version.contract.request_id}/v{version.number}-{version.pk or 'new'}.pdf"


class ContractVersion(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="versions", verbose_name=_("contract")
    )
    number = models.PositiveIntegerField(_("version number"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    workplace_contact = models.CharField(_("contact person at the workplace"), max_length=200)
    provider_contact = models.CharField(_("contact person at the provider"), max_length=200)
    wishes_expectations = models.TextField(
        _("wishes and expectations"), max_length=CONTRACT_TEXT_MAX_LENGTH
    )
    task_scope = models.TextField(
        _("kind and scope of the task"), max_length=CONTRACT_TEXT_MAX_LENGTH
    )
    target_group = models.TextField(_("target group"), max_length=CONTRACT_TEXT_MAX_LENGTH)
    planned_delivery_on = models.DateField(_("planned delivery date"))
    price = models.DecimalField(_("price in DKK incl. VAT"), max_digits=12, decimal_places=2)

    workplace_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted for the workplace by"),
    )
    workplace_accepted_at = models.DateTimeField(
        _("accepted by the workplace"), null=True, blank=True
    )
    provider_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted for the provider by"),
    )
    provider_accepted_at = models.DateTimeField(
        _("accepted by the provider"), null=True, blank=True
    )

    pdf = models.FileField(_("contract (PDF)"), upload_to=contract_pdf_path, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)

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
        ContractVersion,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("contract version"),
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
