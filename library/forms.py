"""The library's one form: what to browse or search for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from library.models import Kind, Theme

QUERY_MAX_LENGTH = 200


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Search for at most 200 characters.")},
    )
    tema = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Choose one of the themes in the list.")},
    )
    type = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Kind.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the kinds in the list.")},
    )

    def criteria(self) -> dict:
        """The valid criteria; an invalid one is dropped (its error is shown on the form)."""
        if not self.is_bound:
            return {"q": "", "theme": None, "kind": None}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        theme = data.get("tema")
        return {
            "q": (data.get("q") or "").strip(),
            "theme": theme.slug if theme else None,
            "kind": data.get("type") or None,
        }
