"""The wizard's rough edges (issue 11, point 13): no event per draft step, the question
before the people on step 5 with role and workplace, and the chosen provider's offerings."""

import pytest
from django.urls import reverse

from providers.models import Offering
from requests_app.models import Action
from requests_app.services import intake
from tests import factories


def _step(client, request, step, data):
    return client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": step}),
        {**data, "continue": "1"},
    )


@pytest.mark.django_db
def test_drafting_step_by_step_records_no_edit_but_an_edit_after_sending_does(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    for wishes in ("Første udkast", "Andet udkast", "Tredje udkast"):
        response = _step(
            client,
            request,
            "content",
            {
                "themes": [t.pk for t in request.themes.all()],
                "wishes": wishes,
                "target_group": "Alle",
                "expected_outcome": "En plan",
            },
        )
        assert response.status_code == 302
    assert not request.events.filter(action=Action.REQUEST_UPDATED).exists()
    intake.request_submit(request_pk=request.pk, user=model2["leader"])
    _step(
        client,
        request,
        "content",
        {
            "themes": [t.pk for t in request.themes.all()],
            "wishes": "Rettet efter afsendelse",
            "target_group": "Alle",
            "expected_outcome": "En plan",
        },
    )
    assert request.events.filter(action=Action.REQUEST_UPDATED).count() == 1


@pytest.mark.django_db
def test_step_five_asks_first_and_names_role_and_workplace(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=None)
    model2["amr"].first_name, model2["amr"].last_name = "Anders", "Arbejdsmiljø"
    model2["amr"].save()
    client.force_login(model2["leader"])
    content = client.get(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "counterpart"})
    ).content.decode()
    assert content.index("Hvem er den anden part?") < content.index("Anders Arbejdsmiljø")
    assert (
        f"Anders Arbejdsmiljø (Arbejdsmiljørepræsentant (AMR), {model2['workplace']})" in (content)
        or f"Anders Arbejdsmiljø (AMR, {model2['workplace']})" in content
    )


@pytest.mark.django_db
def test_the_offering_list_holds_the_chosen_providers_offerings_only(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    nfa, cbs = factories.provider("nfa"), factories.provider("cbs")
    client.force_login(model2["leader"])
    page = client.get(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "provider"})
    ).content.decode()
    for offering in Offering.objects.filter(provider=nfa):
        assert f'value="{offering.pk}"' in page
    for offering in Offering.objects.filter(provider=cbs):
        assert f'value="{offering.pk}"' not in page
    assert 'hx-get="/requests/offerings/"' in page
    options = client.get(reverse("requests:offering_options"), {"provider": cbs.pk})
    body = options.content.decode()
    assert all(f'value="{o.pk}"' in body for o in Offering.objects.filter(provider=cbs))
    assert not any(f'value="{o.pk}"' in body for o in Offering.objects.filter(provider=nfa))
    for bad in ("", "x", "999999", "1 OR 1=1"):
        response = client.get(reverse("requests:offering_options"), {"provider": bad})
        assert response.status_code == 200
        assert 'value=""' in response.content.decode()
    # Another provider's offering is refused on save.
    response = client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "provider"}),
        {"provider": nfa.pk, "offering": Offering.objects.filter(provider=cbs).first().pk},
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.offering is None
