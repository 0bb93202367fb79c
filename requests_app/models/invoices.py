"""The provider's invoices on a concluded contract."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from requests_app.models.contracts import Contract
from requests_app.models.requests import TEXT_MAX_LENGTH, choice_label


def invoice_pdf_path(invoice, filename):
    """Named from ids only: the invoice number and the uploaded name are the provider's text
    (``a/b/c`` once made folders), so neither appears in the path."""
    return f"invoices/{invoice.contract.request_id}/{uuid.uuid4().hex}.pdf"


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

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("contract")
    )
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("provider"),
    )
    # The period the money is booked in: the contract's frame when the invoice was submitted.
    # It stays there when an amendment later moves the contract to another period.
    frame = models.ForeignKey(
        "providers.BudgetFrame",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("budget frame"),
    )
    number = models.CharField(_("invoice number"), max_length=50)
    invoice_date = models.DateField(_("invoice date"))
    amount = models.DecimalField(_("amount in DKK incl. VAT"), max_digits=12, decimal_places=2)
    pdf = models.FileField(_("invoice (PDF)"), upload_to=invoice_pdf_path)
    note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX_LENGTH)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, db_index=True)
    returned_reason = models.TextField(
        _("reason for return"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    # A returned invoice the provider gives up (a new invoice replaces it, or it should never
    # have been sent): it stays returned, which counts for nothing in the frames and sums, and
    # waits for nobody any more (``services.invoices.invoice_withdraw``).
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attested by"),
    )
    attested_at = models.DateTimeField(_("attested"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment recorded by"),
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
        indexes = [
            # The invoice list's order and its queues (a state, oldest first).
            models.Index(fields=["submitted_at", "id"], name="invoice_submitted_idx"),
            models.Index(fields=["state", "submitted_at"], name="invoice_state_submitted_idx"),
            # The dashboard's invoice list, newest invoice date first.
            models.Index(fields=["invoice_date", "id"], name="invoice_date_idx"),
            # The ledger's sums per frame and per contract, read from the index alone.
            models.Index(fields=["frame", "state"], include=["amount"], name="invoice_frame_idx"),
            models.Index(
                fields=["contract", "state"], include=["amount"], name="invoice_contract_idx"
            ),
        ]

    def __str__(self):
        return f"{self.provider.short_name} {self.number}"

    def get_absolute_url(self):
        return reverse("invoices:detail", kwargs={"pk": self.pk})

    @property
    def is_returned(self) -> bool:
        return self.state == self.State.RETURNED

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def get_state_display(self) -> str:
        if self.is_withdrawn:
            return str(_("Returned and withdrawn by the provider"))
        return choice_label(self.State, self.state)

    @property
    def awaits_delivery(self) -> bool:
        return self.state == self.State.AWAITING_DELIVERY
