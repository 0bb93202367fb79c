from decimal import Decimal

import pytest

from providers.money import format_dkk


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("900000"), "900.000,00 kr."),
        (Decimal("12500"), "12.500,00 kr."),
        (Decimal("0.5"), "0,50 kr."),
        (Decimal("1234567.891"), "1.234.567,89 kr."),
        (Decimal("-100"), "-100,00 kr."),
        ("abc", ""),
        (None, ""),
    ],
)
def test_format_dkk(value, expected):
    assert format_dkk(value) == expected
