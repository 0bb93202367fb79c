"""Forms of the provider catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import BudgetFrame, OfferingFormat, Theme
from providers.money import DKKField, format_dkk
from providers.usage import frame_used


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


def _frame_used(frame):
    """What the frame already holds (committed plus invoiced), from the request ledger,
    through the hook ``providers.usage`` (providers is a ground-floor app)."""
    return frame_used(frame)


class BudgetFrameAdminForm(forms.ModelForm):
    """A frame may never be set below what contracts and invoices already take from it."""

    class Meta:
        model = BudgetFrame
        fields = ["period", "provider", "amount"]
        field_classes = {"amount": DKKField}  # typed the Danish way: 900.000,00

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("amount")
        if self.instance.pk is None or amount is None:
            return cleaned
        # The used amount belongs to the frame as stored (its period and provider).
        stored = BudgetFrame.objects.get(pk=self.instance.pk)
        used = _frame_used(stored)
        if amount < used:
            self.add_error(
                "amount",
                _(
                    "The frame cannot be lower than the %(used)s already committed and "
                    "invoiced from it."
                )
                % {"used": format_dkk(used)},
            )
        moved = any(
            field in cleaned
            and getattr(cleaned[field], "pk", None) != getattr(stored, f"{field}_id")
            for field in ("period", "provider")
        )
        if moved and used > 0:
            raise forms.ValidationError(
                _(
                    "A frame that contracts or invoices already use cannot move to another "
                    "period or provider."
                )
            )
        return cleaned
