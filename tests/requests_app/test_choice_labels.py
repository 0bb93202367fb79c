"""Request, contract and invoice show their status with a label read from the choices' enum
(``models.requests.choice_label``; Django's generated ``get_<field>_display`` rebuilt a
dictionary of every choice, translating every label, on each call: issue 12). They must
show what Django's own method shows, in both languages, and an unknown value as it is."""

import pytest
from django.utils import translation

from requests_app.models import Contract, Invoice, Request

CASES = [
    (Request, "status", Request.get_status_display),
    (Contract, "state", Contract.get_state_display),
    (Invoice, "state", Invoice.get_state_display),
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(("model", "name", "display"), CASES)
def test_each_label_is_djangos_own(model, name, display, language):
    field = model._meta.get_field(name)
    with translation.override(language):
        for value, _label in field.choices:
            instance = model(**{name: value})
            assert display(instance) == model._get_FIELD_display(instance, field)
            assert isinstance(display(instance), str)
        unknown = model(**{name: "ukendt"})
        assert display(unknown) == model._get_FIELD_display(unknown, field) == "ukendt"


def test_the_labels_are_danish_by_default():
    with translation.override("da"):
        assert Request(status="contracted").get_status_display() == "Kontrakt indgået"
