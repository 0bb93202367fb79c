"""The error summary names a field by its label without "(valgfrit)"."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class _Form(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=3)
    offering = forms.CharField(label=_("Offering (optional)"), required=False, max_length=3)


def test_the_summary_names_an_optional_field_without_saying_it_is_optional():
    for language, names in {
        "da": ["Kommentar: ", "Tilbud: "],
        "en": ["Comment: ", "Offering: "],
    }.items():
        with override(language):
            html = render_to_string(
                "_error_summary.html", {"form": _Form({"comment": "abcd", "offering": "abcd"})}
            )
        for name in names:
            assert name in html, (language, html)
        assert "valgfrit" not in html and "optional" not in html, html
