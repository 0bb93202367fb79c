"""Forms of invoices, payments, and the filters of the invoice list and the ledger."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import portal_roles
from accounts.rules import is_central_or_admin
from providers.forms import PeriodOfProgrammeMixin
from providers.models import BudgetPeriod, Programme, Provider
from providers.money import DKKField
from requests_app.forms.requests import DATE_WIDGET, plausible_date
from requests_app.models import Invoice
from requests_app.models.requests import TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin


class InvoiceForm(CleanTextMixin, forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=50)
    invoice_date = forms.DateField(label=_("Invoice date"), widget=DATE_WIDGET)
    amount = DKKField(
        label=_("Amount in DKK incl. VAT"),
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("The amount must be more than 0 kr.")},
    )
    pdf = forms.FileField(label=_("The invoice as a PDF (at most 10 MB)"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_invoice_date(self):
        day = self.cleaned_data["invoice_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The invoice date cannot be in the future."))
        return plausible_date(day, planned=False)


class InvoiceCorrectionForm(InvoiceForm):
    """Correcting a returned invoice: the number stays; a new PDF is optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["number"]
        self.fields["pdf"].required = False
        self.fields["pdf"].label = _("A corrected PDF (optional)")


class PaymentForm(CleanTextMixin, forms.Form):
    paid_on = forms.DateField(label=_("Payment date"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Payment reference"), max_length=100)

    def clean_paid_on(self):
        return plausible_date(self.cleaned_data.get("paid_on"), planned=False)


def offer_own_providers(form, user) -> None:
    """Provider staff see only their own provider's invoices and frames: the provider filter
    offers that provider alone (another, typed into the URL, is named as not understood)."""
    roles = portal_roles(user)
    if roles.provider_ids and not is_central_or_admin(user):
        form.fields["provider"].queryset = Provider.objects.filter(pk__in=roles.provider_ids)


class InvoiceFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))])
    provider = forms.ModelChoiceField(
        label=_("Provider"), required=False, queryset=Provider.objects.all(), empty_label=_("All")
    )
    period = forms.ModelChoiceField(
        label=_("Budget period"), required=False, queryset=None, empty_label=_("All")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            offer_own_providers(self, user)
        self.fields["state"].choices = [("", _("All")), *Invoice.State.choices]
        self.fields["period"].queryset = BudgetPeriod.objects.select_related("programme")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class LedgerFilterForm(PeriodOfProgrammeMixin, forms.Form):
    """The budget page's filter. Without a programme (or a period) in the query it shows the
    current programme (``with_default_programme``); an empty choice shows every programme,
    each with its own total."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=Programme.objects.all(),
        empty_label=_("All programmes"),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), required=False, queryset=Provider.objects.all(), empty_label=_("All")
    )
    period = forms.ModelChoiceField(
        label=_("Budget period"), required=False, queryset=None, empty_label=_("All")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            offer_own_providers(self, user)
        self.fields["period"].queryset = BudgetPeriod.objects.select_related("programme")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


def with_default_programme(query, current):
    """The query with ``current`` as its programme unless it names a programme or a period
    (a frame notice's link names the period, which names its programme)."""
    data = query.copy()
    if current is not None and "programme" not in data and not data.get("period"):
        data["programme"] = str(current.pk)
    return data
