"""Issue 16: arbitrary input through the forms users reach never gives a 500, and a refusal
stores nothing."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests import factories
from tests.fuzz.helpers import FUZZ, odd, post_checked
from tests.requests_app.test_invoices import concluded, pdf_file  # noqa: F401


@pytest.fixture
def dialogue(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    return {**model2, "request": request}


def draft(model2):
    return factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])


@pytest.mark.django_db
@FUZZ
@given(title=odd, level=odd, scope=odd, workplace=odd)
def test_wizard_first_step(client, model2, title, level, scope, workplace):
    client.force_login(model2["leader"])
    data = {"title": title, "level": level, "scope": scope, "workplace": workplace}
    post_checked(client, reverse("requests:new"), data)


@pytest.mark.django_db
@FUZZ
# "¹" is a digit to str.isdigit but no number to int(): it was a 500.
@example(wishes="Ønsker", target_group="Alle", outcome="Bedre", themes=["¹"], reason="")
@given(wishes=odd, target_group=odd, outcome=odd, themes=st.lists(odd, max_size=3), reason=odd)
def test_wizard_content_step(client, model2, wishes, target_group, outcome, themes, reason):
    client.force_login(model2["leader"])
    request = draft(model2)
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "content"})
    data = {
        "themes": themes,
        "wishes": wishes,
        "target_group": target_group,
        "expected_outcome": outcome,
        "other_theme_reason": reason,
        "continue": "1",
    }
    post_checked(client, url, data)


@pytest.mark.django_db
@FUZZ
# An id beyond 64 bits once reached the database (OverflowError, a 500): offerings_of checks it.
@example(provider="9" * 400, offering="9" * 400, wanted_from="", wanted_to="")
@given(provider=odd, offering=odd, wanted_from=odd, wanted_to=odd)
def test_wizard_provider_step(client, model2, provider, offering, wanted_from, wanted_to):
    client.force_login(model2["leader"])
    request = draft(model2)
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "provider"})
    data = {
        "provider": provider,
        "offering": offering,
        "wanted_from": wanted_from,
        "wanted_to": wanted_to,
        "continue": "1",
    }
    post_checked(client, url, data)


@pytest.mark.django_db
@FUZZ
@given(who=odd, on=odd, flag=odd)
def test_wizard_attestations_step(client, model2, who, on, flag):
    client.force_login(model2["leader"])
    request = draft(model2)
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "attestations"})
    data = {
        "informed_who": who,
        "informed_on": on,
        "attest_not_improvement_notice": flag,
        "attest_not_crisis_help": "on",
        "continue": "1",
    }
    post_checked(client, url, data)


# A user id as the form's select sends it, or anything else.
ids = st.one_of(odd, st.integers(min_value=-1, max_value=2**70).map(str))


@pytest.mark.django_db
@FUZZ
@example(choice="invite", person="", email="ny@example.dk", role="amr")
@given(
    choice=st.one_of(odd, st.sampled_from(["person", "med", "invite"])),
    person=ids,
    email=st.one_of(odd, st.emails().map(str)),
    role=st.one_of(odd, st.sampled_from(["leader", "amr", "tr", "med"])),
)
def test_wizard_counterpart_step(client, model2, choice, person, email, role):
    client.force_login(model2["leader"])
    request = draft(model2)
    url = reverse("requests:step", kwargs={"pk": request.pk, "step": "counterpart"})
    data = {
        "counterpart_choice": choice,
        "counterpart": person,
        "invite_email": email,
        "invite_role": role,
        "continue": "1",
    }
    post_checked(client, url, data)


@pytest.mark.django_db
@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {
            "workplace_contact": odd,
            "provider_contact": odd,
            "wishes_expectations": odd,
            "task_scope": odd,
            "target_group": odd,
            "planned_delivery_on": odd,
            "price": odd,
            "activities-TOTAL_FORMS": st.one_of(odd, st.sampled_from(["1", "0", "5000"])),
            "activities-INITIAL_FORMS": st.one_of(odd, st.just("0")),
            "activities-0-description": odd,
            "activities-0-starts_on": odd,
            "activities-0-ends_on": odd,
            "activities-0-place": odd,
            "activities-0-hours": odd,
        }
    )
)
def test_contract_form_and_activities(client, dialogue, fields):
    client.force_login(dialogue["staff"])
    url = reverse("requests:contract_edit", kwargs={"pk": dialogue["request"].pk})
    post_checked(client, url, fields)


@pytest.mark.django_db
@FUZZ
@given(number=odd, invoice_date=odd, amount=odd, note=odd, name=odd)
def test_invoice_form(client, concluded, number, invoice_date, amount, note, name):  # noqa: F811
    client.force_login(concluded["staff"])
    url = reverse("requests:invoice_new", kwargs={"pk": concluded["request"].pk})
    data = {
        "number": number,
        "invoice_date": invoice_date,
        "amount": amount,
        "note": note,
        "pdf": pdf_file((name or "x")[:100] + ".pdf"),
    }
    post_checked(client, url, data)


@pytest.mark.django_db
@FUZZ
@given(text=odd, reason=odd, choice=odd)
def test_decline_form(client, dialogue, text, reason, choice):
    client.force_login(dialogue["staff"])
    url = reverse("requests:decline", kwargs={"pk": dialogue["request"].pk})
    post_checked(client, url, {"text": text, "reason": reason, "ground": choice})


@pytest.mark.django_db
@FUZZ
@given(provider=odd, reason=odd)
def test_redirect_form(client, dialogue, provider, reason):
    client.force_login(dialogue["staff"])
    url = reverse("requests:redirect", kwargs={"pk": dialogue["request"].pk})
    post_checked(client, url, {"provider": provider, "reason": reason, "text": reason})


@pytest.mark.django_db
@FUZZ
@given(reason=odd)
def test_withdraw_form(client, dialogue, reason):
    client.force_login(dialogue["leader"])
    url = reverse("requests:withdraw", kwargs={"pk": dialogue["request"].pk})
    post_checked(client, url, {"reason": reason})


@pytest.mark.django_db
@FUZZ
@given(text=odd)
def test_contract_comment_form(client, dialogue, text):
    client.force_login(dialogue["leader"])
    url = reverse("requests:contract_comment", kwargs={"pk": dialogue["request"].pk})
    post_checked(client, url, {"text": text, "comment": text})
