"""Forms of the standard contract: a version with its activities, and the delivery."""

import re
from decimal import Decimal

from django import forms
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext_lazy as _

from providers.money import DKKField
from requests_app.forms.requests import DATE_WIDGET, plausible_date
from requests_app.models.contracts import CONTRACT_TEXT_MAX_LENGTH
from requests_app.models.requests import TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin


class ContractForm(CleanTextMixin, forms.Form):
    """One version of the contract; activities come in ``ActivityFormSet`` beside it."""

    workplace_contact = forms.CharField(label=_("Contact person at the workplace"), max_length=200)
    provider_contact = forms.CharField(label=_("Contact person at the provider"), max_length=200)
    wishes_expectations = forms.CharField(
        label=_("Wishes and expectations"),
        max_length=CONTRACT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    task_scope = forms.CharField(
        label=_("Kind and scope of the task"),
        max_length=CONTRACT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=CONTRACT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    planned_delivery_on = forms.DateField(label=_("Planned delivery date"), widget=DATE_WIDGET)
    price = DKKField(
        label=_("Price in DKK incl. VAT"),
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("The price must be more than 0 kr.")},
    )

    def clean_planned_delivery_on(self):
        return plausible_date(self.cleaned_data.get("planned_delivery_on"), planned=True)


MAX_ACTIVITY_HOURS = Decimal("1000")
# "1.000" and "1.000,5" on a Danish page: a full stop before groups of three digits
# separates thousands, as in amounts ("0.500" is no such number, and is refused); anything
# else is read as Django reads a localized number ("12,5" or "12.5").
THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")


class HoursField(forms.DecimalField):
    def to_python(self, value):
        danish = get_format("THOUSAND_SEPARATOR") == "."
        if danish and isinstance(value, str) and THOUSANDS.match(value.strip()):
            value = value.strip().replace(".", "").replace(",", ".")
        return super().to_python(value)


class ActivityForm(CleanTextMixin, forms.Form):
    description = forms.CharField(label=_("Activity"), max_length=300)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    hours = HoursField(
        label=_("Hours"),
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0"),
        # A year's frame buys a few hundred hours: 99,999 was a slip of the keyboard.
        max_value=MAX_ACTIVITY_HOURS,
        error_messages={"max_value": _("An activity can take at most 1,000 hours.")},
        required=False,
        localize=True,
    )

    def clean_starts_on(self):
        return plausible_date(self.cleaned_data.get("starts_on"), planned=True)

    def clean_ends_on(self):
        return plausible_date(self.cleaned_data.get("ends_on"), planned=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return cleaned


ActivityFormSet = forms.formset_factory(
    ActivityForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


class DeliveryForm(CleanTextMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE_WIDGET)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    early = forms.BooleanField(
        label=_("The delivery took place before the planned delivery date"), required=False
    )

    def __init__(self, *args, planned_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.planned_on = planned_on  # the planned delivery of the version in force

    def clean_delivered_on(self):
        return plausible_date(self.cleaned_data.get("delivered_on"), planned=False)

    def clean(self):
        """A delivery dated before the planned one is attested only when the user says it
        took place already (browser QA: the day the contract was concluded was accepted,
        and the provider could invoice the whole amount at once)."""
        cleaned = super().clean()
        day, planned = cleaned.get("delivered_on"), self.planned_on
        if day and planned and day < planned and not cleaned.get("early"):
            self.add_error(
                "early",
                _(
                    "The contract plans the delivery for %(planned)s. If it has taken place "
                    "already, say so to attest it."
                )
                % {"planned": date_format(planned)},
            )
        cleaned.pop("early", None)
        return cleaned
