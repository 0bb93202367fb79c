"""Confirming and approving a request agree to the text the page showed: an edit made while
the page was open makes the agreement refused, in Danish, with nothing changed (QA: the other
party confirmed a version of the wishes they had never seen)."""

import pytest
from django.urls import reverse

from requests_app.models import Action, Status
from requests_app.services import intake
from tests import factories

pytestmark = pytest.mark.django_db


def _sent(trio):
    request = factories.complete_request(leader=trio["leader"], counterpart=trio["amr"])
    intake.request_submit(request_pk=request.pk, user=trio["leader"])
    request.refresh_from_db()
    return request


def _edit(request, user, wishes):
    intake.request_update(request=request, user=user, data={"wishes": wishes})


def _read_revision(client, request) -> str:
    """The revision the request page's confirm or approve form carries."""
    html = client.get(request.get_absolute_url()).content.decode()
    marker = 'name="revision" value="'
    assert marker in html
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_confirming_a_request_edited_since_the_page_was_read_is_refused(client, model2):
    request = _sent(model2)
    client.force_login(model2["amr"])
    seen = _read_revision(client, request)
    _edit(request, model2["leader"], "Nu ønsker vi personlig støtte til lederne.")
    response = client.post(
        reverse("requests:confirm", args=[request.pk]), {"revision": seen}, follow=True
    )
    assert "Anmodningen er blevet ændret, siden du læste den" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART and request.confirmed_by is None
    assert not request.events.filter(action=Action.REQUEST_CONFIRMED).exists()
    # Read again, the same button confirms the text now shown.
    client.post(
        reverse("requests:confirm", args=[request.pk]),
        {"revision": _read_revision(client, request)},
    )
    request.refresh_from_db()
    assert request.status == Status.AT_PROVIDER and request.confirmed_by == model2["amr"]


def test_approving_for_the_region_a_request_edited_since_is_refused(client, model1):
    request = _sent(model1)
    intake.request_confirm(request_pk=request.pk, user=model1["amr"])
    client.force_login(model1["coordinator"])
    seen = _read_revision(client, request)
    # Meanwhile (another coordinator, another tab) the region returns it; the leader edits
    # and sends it again, and the AMR confirms the new text: it waits for the region again.
    intake.request_region_return(
        request_pk=request.pk, user=model1["coordinator"], reason="Uddyb ønskerne."
    )
    request.refresh_from_db()
    _edit(request, model1["leader"], "Et nyt ønske, som regionen ikke har læst.")
    intake.request_submit(request_pk=request.pk, user=model1["leader"])
    intake.request_confirm(request_pk=request.pk, user=model1["amr"])
    response = client.post(
        reverse("requests:region_approve", args=[request.pk]), {"revision": seen}, follow=True
    )
    assert "Anmodningen er blevet ændret, siden du læste den" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_REGION and request.region_approved_by is None


@pytest.mark.parametrize("revision", ["abc", "", "-1", "²"])
def test_a_tampered_revision_is_refused(client, model2, revision):
    request = _sent(model2)
    client.force_login(model2["amr"])
    response = client.post(
        reverse("requests:confirm", args=[request.pk]), {"revision": revision}, follow=True
    )
    assert response.status_code == 200
    assert "Siden var forældet" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART
