"""The error summary names a field by its label without "(valgfrit)"."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class _Form(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=3)
    offering = forms.CharField(label=_("Offering (optional)"), required=False, max_length=3)
    pdf = forms.CharField(label=_("A corrected PDF (optional)"), required=False, max_length=3)


def test_the_summary_names_an_optional_field_without_saying_it_is_optional():
    for language, names in {
        "da": ["Kommentar: ", "Tilbud: ", "En rettet PDF: "],
        "en": ["Comment: ", "Offering: ", "A corrected PDF: "],
    }.items():
        with override(language):
            html = render_to_string(
                "_error_summary.html",
                {"form": _Form({"comment": "abcd", "offering": "abcd", "pdf": "abcd"})},
            )
        for name in names:
            assert name in html, (language, html)
        assert "valgfri" not in html and "optional" not in html, html


def test_an_action_forms_message_names_the_field_without_optional():
    """The buttons' small forms say their errors at the top of the page (``cleaned_or_error``)."""
    from requests_app.services.base import RequestError
    from requests_app.views.actions import cleaned_or_error

    with override("da"):
        try:
            cleaned_or_error(_Form({"offering": "abcd"}))
        except RequestError as error:
            message = str(error)
    assert message.startswith("Tilbud: "), message
