"""Free text and typed dates (issue 10, points 10 and 12): every text field has a limit in the
model, the form and the service; NUL and bidi controls never reach the database; dates lie in
a plausible range. Bad input gets a Danish message and changes nothing."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from requests_app import forms
from requests_app.forms.contracts import ContractForm
from requests_app.forms.invoices import InvoiceForm, PaymentForm
from requests_app.models import Action, Contract, ContractVersion, Request, Status
from requests_app.services import contracts, intake, invoices
from requests_app.services.base import RequestError
from tests import factories
from tests.requests_app.test_invoices import concluded, pdf_file, submit  # noqa: F401

NUL = "\x00"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.fixture
def dialogue(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    return {**model2, "request": request}


# Point 10: limits.


def test_every_text_field_a_user_types_in_has_a_max_length():
    unbounded = [
        f"{model.__name__}.{field.name}"
        for app in ("requests_app", "providers")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not field.max_length
    ]
    assert unbounded == []


def test_wizard_and_action_forms_carry_the_model_limits():
    content = forms.requests.ContentForm()
    for name in ["wishes", "target_group", "expected_outcome", "other_theme_reason"]:
        assert content.fields[name].max_length == Request._meta.get_field(name).max_length
    assert 'maxlength="4000"' in str(content["wishes"])
    attest = forms.requests.AttestationsForm()
    assert attest.fields["informed_who"].max_length == 2000
    contract = ContractForm()
    for name in ["wishes_expectations", "task_scope", "target_group"]:
        assert contract.fields[name].max_length == ContractVersion._meta.get_field(name).max_length
    assert 'maxlength="10000"' in str(contract["task_scope"])
    decline = Request._meta.get_field("decline_text").max_length
    assert forms.answers.DeclineForm().fields["text"].max_length == decline
    assert InvoiceForm().fields["note"].max_length == 4000
    assert forms.answers.ReasonForm().fields["reason"].max_length == 4000


def test_hand_written_textareas_show_the_limit():
    from django.conf import settings

    from requests_app.text import TEXT_MAX_LENGTH

    folder = settings.BASE_DIR / "templates" / "requests_app"
    areas = [
        (path.name, tag)
        for path in folder.glob("*.html")
        for tag in re.findall(r"<textarea[^>]*>", path.read_text())
    ]
    # Six since the dialogue's start form went (issue 18: real contact starts the dialogue).
    assert len(areas) >= 6
    assert [a for a in areas if f'maxlength="{TEXT_MAX_LENGTH}"' not in a[1]] == []


@pytest.mark.django_db
def test_a_megabyte_of_contract_text_is_refused_by_the_service(dialogue):
    with pytest.raises(RequestError, match="for lang"):
        contracts.contract_draft(
            request_pk=dialogue["request"].pk,
            user=dialogue["staff"],
            data=factories.contract_data(task_scope="x" * 1_000_000),
            activities=factories.activities(),
        )
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_a_megabyte_of_contract_text_is_refused_by_the_form(client, dialogue):
    client.force_login(dialogue["staff"])
    url = reverse("requests:contract_edit", kwargs={"pk": dialogue["request"].pk})
    response = client.post(
        url,
        {
            "workplace_contact": "Lene",
            "provider_contact": "NFA",
            "wishes_expectations": "x" * 1_000_000,
            "task_scope": "y",
            "target_group": "z",
            "planned_delivery_on": "2016-11-30",
            "price": "12500,00",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "højst have 10000 tegn" in response.content.decode()
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_services_refuse_over_long_reasons_and_change_nothing(dialogue, concluded):  # noqa: F811
    request = dialogue["request"]
    long = "å" * 4001
    with pytest.raises(RequestError, match="for lang: 4.001 tegn, og højst 4.000"):
        intake.request_withdraw(request_pk=request.pk, user=dialogue["leader"], reason=long)
    with pytest.raises(RequestError, match="for lang"):
        intake.request_decline(
            request_pk=request.pk, user=dialogue["staff"], reason="other", text=long
        )
    with pytest.raises(RequestError, match="for lang"):
        contracts.contract_comment(request_pk=request.pk, user=dialogue["leader"], comment=long)
    request.refresh_from_db()
    assert request.status == Status.DIALOGUE
    invoice = submit(concluded)
    with pytest.raises(RequestError, match="for lang"):
        invoices.invoice_return(invoice_pk=invoice.pk, user=concluded["leader"], reason=long)
    invoice.refresh_from_db()
    assert invoice.returned_reason == ""
    with pytest.raises(RequestError, match="for lang"):
        submit(concluded, number="F-2", amount="1", note=long)


# Point 12: NUL and bidi controls.


def test_clean_text_strips_nul_and_bidi_controls():
    from requests_app.text import clean_text

    assert clean_text(f" a{NUL}b{BIDI}c\r\nd\re ", max_length=20, field_label="x") == "abc\nd\ne"


@pytest.mark.django_db
def test_a_nul_in_the_withdraw_reason_is_stripped(client, dialogue):
    request = dialogue["request"]
    client.force_login(dialogue["leader"])
    response = client.post(
        reverse("requests:withdraw", kwargs={"pk": request.pk}), {"reason": f"For{NUL} sent"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert request.events.get(action=Action.REQUEST_WITHDRAWN).data["reason"] == "For sent"


@pytest.mark.django_db
def test_a_nul_in_the_invoice_return_reason_is_stripped(client, concluded):  # noqa: F811
    invoice = submit(concluded)
    client.force_login(concluded["leader"])
    response = client.post(
        reverse("invoices:return", kwargs={"pk": invoice.pk}), {"reason": f"Forkert{NUL} beløb"}
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.state == invoice.State.RETURNED
    assert invoice.returned_reason == "Forkert beløb"


@pytest.mark.django_db
def test_nul_and_bidi_in_the_wizard_are_stripped(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    themes = list(request.themes.values_list("pk", flat=True))
    response = client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "content"}),
        {
            "themes": themes,
            "wishes": f"Hjælp{NUL} til\u202e forandringen",
            "target_group": "Sygeplejersker",
            "expected_outcome": "En plan",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "basics"}),
        {
            "title": f"\u202eVagtplaner{NUL}\u2066",
            "workplace": model2["workplace"].pk,
            "level": "single",
            "scope": "operational",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.wishes == "Hjælp til forandringen"
    assert request.title == "Vagtplaner"


@pytest.mark.django_db
def test_services_strip_controls_from_titles_and_texts(model2):
    request = intake.request_create(
        user=model2["leader"], workplace=model2["workplace"], title=f"\u202eTitel{NUL}"
    )
    assert request.title == "Titel"
    intake.request_update(
        request=request, user=model2["leader"], data={"informed_who": f"MED{NUL}\u200f"}
    )
    request.refresh_from_db()
    assert request.informed_who == "MED"
    with pytest.raises(RequestError, match="for lang"):
        intake.request_update(request=request, user=model2["leader"], data={"wishes": "x" * 5000})


# Point 12: plausible dates.


@pytest.mark.django_db
def test_forms_refuse_implausible_dates_with_danish_messages(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "attestations"})
    response = client.post(url, {"informed_who": "MED", "informed_on": "0001-01-01"})
    assert response.status_code == 200
    assert "Datoen kan ikke ligge før 1. jan. 2015." in response.content.decode()
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "provider"})
    far = (timezone.localdate() + datetime.timedelta(days=6 * 366)).isoformat()
    response = client.post(
        url, {"provider": request.provider_id, "wanted_from": "2016-09-01", "wanted_to": far}
    )
    assert response.status_code == 200
    assert "Datoen kan ikke ligge efter" in response.content.decode()
    request.refresh_from_db()
    assert request.informed_on == datetime.date(2016, 5, 1)
    assert request.wanted_to is None
    invoice_form = InvoiceForm(
        {"number": "F-1", "invoice_date": "0001-01-01", "amount": "100"},
        {"pdf": pdf_file()},
    )
    assert "før 1. jan. 2015" in str(invoice_form.errors["invoice_date"])
    payment = PaymentForm({"paid_on": "2014-12-31", "reference": "R"})
    assert "før 1. jan. 2015" in str(payment.errors["paid_on"])


@pytest.mark.django_db
def test_services_refuse_implausible_dates(model2, concluded):  # noqa: F811
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with pytest.raises(RequestError, match="før 1. jan. 2015"):
        intake.request_update(
            request=request, user=model2["leader"], data={"informed_on": datetime.date(1, 1, 1)}
        )
    far = timezone.localdate() + datetime.timedelta(days=6 * 366)
    with pytest.raises(RequestError, match="efter"):
        intake.request_update(request=request, user=model2["leader"], data={"wanted_to": far})
    request.refresh_from_db()
    assert request.informed_on == datetime.date(2016, 5, 1)
    assert request.wanted_to is None
    with pytest.raises(RequestError, match="før 1. jan. 2015"):
        invoices.invoice_submit(
            request_pk=concluded["request"].pk,
            user=concluded["staff"],
            number="F-9",
            invoice_date=datetime.date(1, 1, 1),
            amount=Decimal("100"),
            pdf=pdf_file(),
        )
    invoice = submit(concluded)
    with pytest.raises(RequestError, match="før 1. jan. 2015"):
        invoices.invoice_pay(
            invoice_pk=invoice.pk,
            user=concluded["central"],
            paid_on=datetime.date(1, 1, 1),
            reference="R-1",
        )
    invoice.refresh_from_db()
    assert invoice.paid_on is None
