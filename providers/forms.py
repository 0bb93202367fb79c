"""Forms of the provider catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import OfferingFormat, Theme


class CatalogueFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("All formats")), *OfferingFormat.choices],
        required=False,
    )
