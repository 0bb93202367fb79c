"""One Danish date style (issue 11, point 2): the portal's format module, the templates that
name its formats instead of writing their own, and date inputs as ``<input type="date">``."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation

from requests_app.forms import contracts as contract_forms
from requests_app.forms import invoices as invoice_forms
from requests_app.forms import requests as request_forms

MOMENT = datetime.datetime(2026, 11, 23, 0, 17, tzinfo=ZoneInfo("Europe/Copenhagen"))
DAY = MOMENT.date()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DATE_FORMAT", "23. nov. 2026"),
        ("SHORT_DATE_FORMAT", "23. nov. 2026"),
        ("DATETIME_FORMAT", "23. nov. 2026 kl. 00.17"),
        ("SHORT_DATETIME_FORMAT", "23. nov. 2026 kl. 00.17"),
    ],
)
def test_the_danish_formats(name, expected):
    with translation.override("da"):
        value = MOMENT if "TIME" in name else DAY
        assert formats.date_format(value, name) == expected


def test_danish_month_abbreviations_are_danish():
    with translation.override("da"):
        months = [
            formats.date_format(datetime.date(2026, month, 1), "SHORT_DATE_FORMAT")
            for month in range(1, 13)
        ]
    assert months[4] == "1. maj 2026"
    assert months[9] == "1. okt. 2026"
    assert months[11] == "1. dec. 2026"
    assert not any(re.search(r"[A-Z]", month) for month in months), months


def test_english_pages_write_the_day_first_in_one_form():
    """Long and short alike, as the Danish pages (QA: "8 December 2026, 01:20" beside
    "since 8 Dec 2026" on one request page)."""
    with translation.override("en"):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert formats.date_format(DAY, name) == "23 Nov 2026"
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert formats.date_format(MOMENT, name) == "23 Nov 2026, 00:17"


def test_numbers_keep_the_danish_separators():
    """The format module only adds date formats; the rest falls through to Django's."""
    with translation.override("da"):
        assert formats.get_format("DECIMAL_SEPARATOR") == ","
        assert formats.get_format("THOUSAND_SEPARATOR") == "."


OWN_TEMPLATES = [
    "requests_app/request_detail.html",
    "requests_app/_contract.html",
    "requests_app/inbox.html",
    "requests_app/request_list.html",
    "requests_app/invoice_detail.html",
    "requests_app/invoice_list.html",
    "portal/home.html",
    "accounts/notifications.html",
]


@pytest.mark.parametrize("name", OWN_TEMPLATES)
def test_templates_name_the_formats_instead_of_writing_their_own(name):
    text = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    for argument in re.findall(r"\|date:[\"']([^\"']*)[\"']", text):
        # 'Y-m-d' is the machine value of an <input type="date">, not a shown date.
        assert argument.endswith("_FORMAT") or argument == "Y-m-d", (name, argument)


def _form_classes():
    for module in [request_forms, contract_forms, invoice_forms]:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                yield value


def test_every_date_field_is_an_input_of_type_date():
    found = 0
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField):
                found += 1
                assert field.widget.input_type == "date", (form_class.__name__, name)
                # The browser's date input reads and writes ISO dates.
                assert field.widget.format == "%Y-%m-%d", (form_class.__name__, name)
    assert found >= 6
