"""Issue 11, point 1: amounts are typed the Danish way, as the portal prints them."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from providers.forms import BudgetFrameAdminForm
from providers.money import DKKField, format_dkk, parse_dkk
from tests import factories

ACCEPTED = ["250000", "250000,00", "250.000", "250.000,00", "250 000,00"]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_five_danish_forms_of_the_issue_are_accepted(text):
    assert DKKField().clean(text) == Decimal("250000.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85.000", "85000"),
        ("100.000,00", "100000"),
        ("1.000.000,50", "1000000.50"),
        ("250\u00a0000,00", "250000"),  # non-breaking space
        ("250\u202f000,00", "250000"),  # narrow non-breaking space
        ("1 000 000", "1000000"),
        ("250.000,00 kr.", "250000"),
        ("250.000,00kr", "250000"),
        ("  250.000,00 KR. ", "250000"),
        ("12,5", "12.50"),
        ("0,01", "0.01"),
        ("250.000,-", "250000"),
    ],
)
def test_more_danish_forms_are_read(text, expected):
    assert DKKField().clean(text) == Decimal(expected)


REFUSED = [
    "1.5",  # 1,50 or 1.500?
    "1.50,00",
    "12500.01",
    "1000000.00",
    "1.000.00",
    "1..000",
    "1.0000",
    ".500",
    "1.000 000",  # two kinds of thousands separators
    "250  000",
    "1,234",  # three decimals
    "1,2,3",
    ",50",
    "250000,",
    "abc",
    "12 kr 50",
    "kr.",
    "+100",
    "1e5",
    "NaN",
    "Infinity",
    "٣٠٠",  # digits, but not ours
]


@pytest.mark.parametrize("text", REFUSED)
def test_ambiguous_or_malformed_input_is_refused_with_the_expected_form(text):
    with translation.override("da"), pytest.raises(forms.ValidationError) as error:
        DKKField().clean(text)
    assert "Skriv beløbet som 250.000,00" in " ".join(error.value.messages)


def test_a_lone_full_stop_is_explained():
    with translation.override("da"), pytest.raises(forms.ValidationError) as error:
        DKKField().clean("1.5")
    assert "Punktum bruges kun mellem tusinder" in error.value.messages[0]


def test_negative_amounts_only_where_the_field_allows_them():
    with translation.override("da"), pytest.raises(forms.ValidationError) as error:
        DKKField().clean("-100")
    assert error.value.messages == ["Beløbet kan ikke være negativt."]
    assert DKKField(allow_negative=True).clean("-1.250,50") == Decimal("-1250.50")


def test_a_min_value_keeps_its_own_message():
    field = DKKField(min_value=Decimal("0.01"), error_messages={"min_value": "mere end 0 kr."})
    for text in ("0", "-5", "-5,00"):
        with pytest.raises(forms.ValidationError) as error:
            field.clean(text)
        assert error.value.messages == ["mere end 0 kr."], text


def test_at_most_twelve_digits():
    assert DKKField().clean("9.999.999.999,99") == Decimal("9999999999.99")
    with pytest.raises(forms.ValidationError):
        DKKField().clean("10.000.000.000,00")


def test_empty_is_required_or_none():
    with pytest.raises(forms.ValidationError):
        DKKField().clean("")
    assert DKKField(required=False).clean("  ") is None


class MoneyForm(forms.Form):
    amount = DKKField(label="Beløb")


def test_the_initial_value_renders_the_danish_way_and_typed_text_stays_as_typed():
    html = str(MoneyForm(initial={"amount": Decimal("250000")})["amount"])
    assert 'value="250.000,00"' in html
    assert 'inputmode="decimal"' in html and 'type="text"' in html
    assert 'value="1.5"' in str(MoneyForm({"amount": "1.5"})["amount"])
    unchanged = MoneyForm({"amount": "250.000,00"}, initial={"amount": Decimal("250000")})
    assert not unchanged.has_changed()


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.decimals(
        min_value=Decimal("0"),
        max_value=Decimal("9999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_every_amount_round_trips_through_the_danish_format(amount):
    printed = format_dkk(amount)  # '250.000,00 kr.'
    field = DKKField()
    assert field.clean(printed) == amount
    assert field.clean(printed.removesuffix(" kr.")) == amount
    if amount == amount.to_integral_value():
        assert field.clean(printed.removesuffix(",00 kr.")) == amount
    assert parse_dkk(printed.replace(".", "\u00a0")) == amount
    html = str(MoneyForm(initial={"amount": amount})["amount"])
    assert f'value="{printed.removesuffix(" kr.")}"' in html


@pytest.mark.django_db
def test_the_admin_frame_form_takes_danish_amounts():
    frame = factories.provider("nfa").frames.first()
    data = {"period": frame.period_id, "provider": frame.provider_id, "amount": "850.000,00"}
    form = BudgetFrameAdminForm(data, instance=frame)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("850000")
    frame.refresh_from_db()  # the valid form wrote 850000 onto the instance in memory
    assert 'value="900.000,00"' in str(BudgetFrameAdminForm(instance=frame)["amount"])


@pytest.mark.django_db
def test_every_money_field_in_the_admin_is_a_dkk_field(superuser):
    """Every DecimalField a central user can type in the admin, in a model admin or an
    inline, is read the Danish way."""
    request = RequestFactory().get("/")
    request.user = superuser
    checked = []
    for model, model_admin in admin.site._registry.items():
        forms_to_check = [(model, model_admin.get_form(request))]
        forms_to_check += [
            (inline.model, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for form_model, form_class in forms_to_check:
            for field in form_model._meta.get_fields():
                if isinstance(field, models.DecimalField) and field.name in form_class.base_fields:
                    assert isinstance(form_class.base_fields[field.name], DKKField), (
                        form_model,
                        field.name,
                    )
                    checked.append((form_model.__name__, field.name))
    assert ("BudgetFrame", "amount") in checked
