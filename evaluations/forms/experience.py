"""The coordinator's form for the main committee's experiences with a programme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.models.experience import TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin


def _text(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ExperienceForm(CleanTextMixin, forms.Form):
    worked_well = _text(
        _("What worked well"),
        _("What the main committee found worked in the offer and its organisation."),
    )
    challenges = _text(
        _("Challenges"), _("What was difficult, for the workplaces, the region or the providers.")
    )
    model_choice = _text(
        _("Experience with the region's model"),
        _("How the model the main committee chose (1 or 2) worked in practice."),
    )
    recommendations = _text(
        _("Recommendations for a future offer"),
        _("What the central parties should keep or change in a renewed offer."),
    )
    discussed_on = forms.DateField(
        label=_("Discussed by the main committee on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        texts = ("worked_well", "challenges", "model_choice", "recommendations")
        # A text refused on its own (too long) was written: its field says what is wrong.
        written = any(cleaned.get(name) or name in self.errors for name in texts)
        if not written:
            raise forms.ValidationError(_("Write at least one of the experiences."))
        return cleaned
