"""Free text and typed dates as they enter requests_app: control characters out, limits kept.

Forms strip what they receive (``CleanTextMixin``) and check lengths with the model's
``max_length``; the services call ``clean_text`` and ``clean_date`` as the last word, for
callers that are not forms (a NUL once gave a 500; 1 MB of contract text a 210-page PDF).
"""

import re

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from requests_app.dates import date_refusal
from requests_app.models.requests import TEXT_MAX_LENGTH
from requests_app.services.base import RequestError

__all__ = ["TEXT_MAX_LENGTH", "CleanTextMixin", "clean_date", "clean_fields", "clean_text"]

# NUL and the other C0 controls except tab, line feed and carriage return; DEL; and the bidi
# controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can make a title
# or a name read backwards ("U+202E fdp.exe").
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


# "(valgfrit)", "(valgfri)" (the adjective follows the noun's gender) and "(optional)".
_OPTIONAL = re.compile(r"\s*\((valgfrit?|optional)\)$")


def error_label(label) -> str:
    """A field's label as an error names it: "Kommentar", not "Kommentar (valgfrit)": the
    field is in error for what was typed, not for being optional (the error summary and
    the action forms' messages)."""
    return _OPTIONAL.sub("", str(label))


def strip_controls(value: str) -> str:
    """``value`` without control characters, with every line break a plain line feed."""
    return _CONTROLS.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def clean_text(value: str | None, *, max_length: int, field_label) -> str:
    """The text as it is stored: controls stripped, trimmed, and at most ``max_length`` long.

    Raises ``RequestError`` with a sentence for the user when the text is too long.
    """
    text = strip_controls(value or "").strip()
    if len(text) > max_length:
        raise RequestError(
            _("%(field)s is too long: %(length)s characters, and at most %(max)s are allowed.")
            % {
                "field": capfirst(field_label),
                "length": formats.number_format(len(text), force_grouping=True),
                "max": formats.number_format(max_length, force_grouping=True),
            }
        )
    return text


def clean_date(day, *, planned: bool, field_label):
    """``day`` if it is plausible (see ``requests_app.dates``); else ``RequestError``."""
    if day is None:
        return day
    refusal = date_refusal(day, planned=planned)
    if refusal:
        raise RequestError(
            _("%(field)s: %(problem)s") % {"field": capfirst(field_label), "problem": refusal}
        )
    return day


def clean_fields(model, row: dict, *, dates: dict | None = None) -> dict:
    """Clean ``row`` in place: each string named after a field of ``model`` to that field's
    length, and each date named in ``dates`` (``True``: planned, ``False``: done) checked.

    Returns ``row``; raises ``RequestError`` on the first value that may not be stored.
    """
    for field in model._meta.concrete_fields:
        value = row.get(field.name)
        if dates and field.name in dates:
            clean_date(value, planned=dates[field.name], field_label=field.verbose_name)
        elif isinstance(value, str) and field.max_length and not field.choices:
            row[field.name] = clean_text(
                value, max_length=field.max_length, field_label=field.verbose_name
            )
    return row


class CleanTextMixin:
    """For forms: strip control characters from every posted value before a field sees it.

    Django's CharField refuses a NUL with an English-only error; stripping it (and the bidi
    controls) is kinder and leaves nothing of them in the database.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        data = self.data.copy()
        if hasattr(data, "setlist"):
            for key, values in data.lists():
                data.setlist(key, [_strip_posted(value) for value in values])
        else:
            data = {key: _strip_posted(value) for key, value in data.items()}
        self.data = data


def _strip_posted(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list | tuple):
        return [_strip_posted(item) for item in value]
    return value
