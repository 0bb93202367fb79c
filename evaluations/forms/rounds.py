"""The local parties' actions on a round and the provider's delivery report."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.services.reports import MAX_HOURS, MAX_PARTICIPANTS, TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label=_("New closing date"), widget=DATE_WIDGET)


class DeliveryReportForm(CleanTextMixin, forms.Form):
    delivered = forms.CharField(
        label=_("What was delivered"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the meetings, workshops or talks and what they dealt with."),
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0"),
        max_value=MAX_HOURS,
        localize=True,
    )
    participants = forms.IntegerField(
        label=_("Participants"), min_value=0, max_value=MAX_PARTICIPANTS
    )
    materials = forms.CharField(
        label=_("Materials handed over"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Slides, tools, notes or reports the workplace received."),
    )
