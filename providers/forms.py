"""Forms of the provider catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import BudgetFrame, BudgetPeriod, OfferingFormat, Theme
from providers.money import DKKField, format_dkk
from providers.usage import frame_used


class PeriodOfProgrammeMixin:
    """A filter form with a programme and a period: a period of another programme is named
    on the form (and left out by a view that uses what was understood)."""

    def clean(self):
        cleaned = super().clean()
        programme, period = cleaned.get("programme"), cleaned.get("period")
        if programme and period and period.programme_id != programme.pk:
            self.add_error(
                "period",
                _("The budget period %(period)s is not part of %(programme)s.")
                % {"period": period.name, "programme": programme.name},
            )
        return cleaned


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


class BudgetPeriodAdminForm(forms.ModelForm):
    """A period's dates: the end after the start, said in Danish on the field; and a period
    whose frames already hold money keeps its programme and may only grow, so no contract or
    invoice booked in it ends up outside it or in another programme's figures."""

    class Meta:
        model = BudgetPeriod
        fields = ["programme", "name", "starts_on", "ends_on"]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("The period must end after it starts."))
        if self.instance.pk is None or not self._holds_money():
            return cleaned
        stored = BudgetPeriod.objects.get(pk=self.instance.pk)
        programme = cleaned.get("programme")
        if programme is not None and programme.pk != stored.programme_id:
            self.add_error(
                "programme",
                _("A period whose frames already hold money cannot move to another programme."),
            )
        if starts_on and starts_on > stored.starts_on:
            self.add_error(
                "starts_on",
                _("A period whose frames already hold money cannot start later."),
            )
        if ends_on and ends_on < stored.ends_on:
            self.add_error(
                "ends_on",
                _("A period whose frames already hold money cannot end earlier."),
            )
        return cleaned

    def _holds_money(self) -> bool:
        return any(_frame_used(frame) > 0 for frame in self.instance.frames.all())
