"""Money as the portal shows it: Danish format, DKK incl. VAT."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def format_dkk(value) -> str:
    """900000 -> '900.000,00 kr.' whatever the active language: money is shown the Danish way."""
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
    return f"{sign}{'.'.join(groups)},{cents} kr."
