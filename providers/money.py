"""Money as the portal shows it and reads it: Danish format, DKK incl. VAT.

``format_dkk`` prints ``250.000,00 kr.``; ``parse_dkk`` reads what a Danish user types
(``250000``, ``250000,00``, ``250.000``, ``250.000,00``, ``250 000,00``, optionally ending in
``kr.``); ``DKKField`` is the one form field for money, in the portal's forms and the admin.

A full stop separates thousands only, in groups of exactly three digits: ``85.000`` is 85000
and ``1.5`` is refused, since it could mean 1,50 as well as 1.500. A comma comes before the
øre, at most two of them.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _


def format_amount(value) -> str:
    """900000 -> '900.000,00' (no currency): what a money field shows to be edited."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}"


def format_dkk(value) -> str:
    """900000 -> '900.000,00 kr.' whatever the active language: money is shown the Danish way."""
    amount = format_amount(value)
    return f"{amount} kr." if amount else ""


class DKKFormatError(ValueError):
    """Text that is no Danish amount; ``code`` names the DKKField message that explains it."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# Spaces between thousands: the ordinary one, the non-breaking one and the narrow one.
_SPACES = re.compile(r"[\u0020\u00a0\u202f]")
_CURRENCY = re.compile(r"\s*kr\.?$", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<sign>[-\u2212])?"
    r"(?P<whole>[0-9]+|[0-9]{1,3}(?P<sep>[. ])[0-9]{3}(?:(?P=sep)[0-9]{3})*)"
    r"(?:,(?P<cents>[0-9]{1,2}|-))?"
)


def parse_dkk(text: str) -> Decimal:
    """'250.000,00 kr.' -> Decimal('250000.00'); raises ``DKKFormatError`` on anything else.

    The sign is read but not judged: whether a negative amount is allowed is the field's call.
    """
    text = _CURRENCY.sub("", str(text).strip()).strip()
    text = _SPACES.sub(" ", text)
    match = _AMOUNT.fullmatch(text)
    if match is None:
        # A full stop that does not stand before exactly three digits: 1.5, 12500.01, 1.50,00.
        raise DKKFormatError("ambiguous" if "." in text else "invalid")
    whole = match["whole"].replace(".", "").replace(" ", "")
    cents = match["cents"] if match["cents"] not in (None, "-") else ""  # ",-": no øre
    amount = Decimal(f"{whole}.{cents.ljust(2, '0')}")
    return -amount if match["sign"] else amount


class DKKField(forms.DecimalField):
    """An amount in DKK, typed and shown the Danish way (``250.000,00``).

    At most 12 digits with 2 decimals, like every money column; negative amounts only where
    the field allows them. A ``min_value`` keeps its own message (``error_messages``).
    """

    default_error_messages = {
        "invalid": _(
            "Write the amount as 250.000,00 (kroner and øre, with a comma before the øre)."
        ),
        "ambiguous": _(
            "A full stop only separates thousands, as in 85.000. Write the amount as "
            "250.000,00 (kroner and øre, with a comma before the øre)."
        ),
        "negative": _("The amount cannot be negative."),
    }

    def __init__(self, *, allow_negative=False, max_digits=12, decimal_places=2, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("For example 250.000,00")
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_dkk(value)
        except DKKFormatError as error:
            raise forms.ValidationError(self.error_messages[error.code], code=error.code) from None

    def validate(self, value):
        super().validate(value)
        # A min_value reports a negative amount in its own words ("more than 0 kr.").
        if (
            value is not None
            and value < 0
            and not self.allow_negative
            and (self.min_value is None or self.min_value < 0)
        ):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")

    def prepare_value(self, value):
        # An initial amount shows as it is typed; what the user typed stays as typed.
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_amount(value)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        return attrs
