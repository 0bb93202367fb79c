"""Every view of the intake, for every role: 200, 302 (to login or back), 403 or 404 as designed.

Roles are relative to one request of a Region Sjælland workplace sent to NFA.
"""

import pytest
from django.urls import reverse

from requests_app.models import Request, Status
from requests_app.selectors.requests import requests_for
from requests_app.services import intake as services
from tests import factories
from tests.requests_app.conftest import ROLES


@pytest.fixture
def draft(model2):
    return factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])


@pytest.fixture
def at_provider(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    return services.request_confirm(request_pk=request.pk, user=model2["amr"])


def get(client, people, role, url):
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    return client.get(url)


DETAIL_DRAFT = {
    "anonymous": 302,
    "leader": 200,
    "amr": 200,
    "colleague": 200,
    "outsider": 404,
    "staff": 404,
    "other_staff": 404,
    "coordinator": 404,
    "other_coordinator": 404,
    "central": 404,
}
DETAIL_SENT = {**DETAIL_DRAFT, "staff": 200, "coordinator": 200, "central": 200}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_detail_of_a_draft(client, people, draft, role):
    assert get(client, people, role, draft.get_absolute_url()).status_code == DETAIL_DRAFT[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_detail_of_a_request_at_the_provider(client, people, at_provider, role):
    response = get(client, people, role, at_provider.get_absolute_url())
    assert response.status_code == DETAIL_SENT[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_list_selector_matches_the_detail_rule(client, people, draft, at_provider, role):
    user = people[role]
    if user is None:
        return
    visible = set(requests_for(user=user).values_list("pk", flat=True))
    assert (draft.pk in visible) == (DETAIL_DRAFT[role] == 200)
    assert (at_provider.pk in visible) == (DETAIL_SENT[role] == 200)
    response = get(client, people, role, reverse("requests:list"))
    assert response.status_code == 200
    assert {r.pk for r in response.context["requests"]} == visible


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_wizard_step(client, people, draft, role):
    expected = {**DETAIL_DRAFT, "leader": 200, "amr": 200, "colleague": 200}
    url = reverse("requests:step", kwargs={"pk": draft.pk, "step": "content"})
    assert get(client, people, role, url).status_code == expected[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_wizard_step_once_sent_is_403_or_back_to_the_page(client, people, at_provider, role):
    expected = {
        **DETAIL_SENT,
        "leader": 302,
        "amr": 302,
        "colleague": 302,
        "staff": 403,
        "coordinator": 403,
        "central": 403,
    }
    url = reverse("requests:step", kwargs={"pk": at_provider.pk, "step": "content"})
    assert get(client, people, role, url).status_code == expected[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_new_request_only_for_workplace_members(client, people, role):
    expected = (
        302
        if role == "anonymous"
        else (200 if role in {"leader", "amr", "colleague", "outsider"} else 403)
    )
    assert get(client, people, role, reverse("requests:new")).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_inbox_only_for_provider_staff(client, people, at_provider, role):
    expected = 302 if role == "anonymous" else (200 if role in {"staff", "other_staff"} else 403)
    response = get(client, people, role, reverse("requests:inbox"))
    assert response.status_code == expected
    if role == "other_staff":
        assert list(response.context["requests"]) == []
    if role == "staff":
        assert list(response.context["requests"]) == [at_provider]


ACTIONS_AT_PROVIDER = {
    # action: (post data, roles that succeed)
    "decline": ({"reason": "no_capacity"}, {"staff"}),
    "withdraw": ({}, {"leader", "amr", "colleague"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS_AT_PROVIDER))
def test_actions_on_a_request_at_the_provider(client, people, at_provider, role, action):
    from django.utils import timezone

    data, allowed = ACTIONS_AT_PROVIDER[action]
    data = {k: (timezone.localdate().isoformat() if v == "today" else v) for k, v in data.items()}
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    response = client.post(reverse(f"requests:{action}", kwargs={"pk": at_provider.pk}), data)
    at_provider.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif DETAIL_SENT[role] == 404:
        assert response.status_code == 404
    else:
        assert response.status_code == 302
    assert (at_provider.status != Status.AT_PROVIDER) == (role in allowed)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_confirm_only_by_the_other_party(client, people, draft, role):
    services.request_submit(request_pk=draft.pk, user=people["leader"])
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    client.post(reverse("requests:confirm", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert (draft.status == Status.AT_PROVIDER) == (role == "amr")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_region_approval_only_by_the_regions_coordinator(client, people, role, model1):
    request = factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    services.request_submit(request_pk=request.pk, user=model1["leader"])
    services.request_confirm(request_pk=request.pk, user=model1["amr"])
    people = {
        **people,
        "coordinator": model1["coordinator"],
        "leader": model1["leader"],
        "amr": model1["amr"],
        "other_coordinator": people["coordinator"],
    }
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    client.post(reverse("requests:region_approve", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert (request.status == Status.AT_PROVIDER) == (role == "coordinator")


@pytest.mark.django_db
def test_get_on_an_action_is_not_allowed(client, people, at_provider):
    client.force_login(people["staff"])
    response = client.get(reverse("requests:decline", kwargs={"pk": at_provider.pk}))
    assert response.status_code == 405
    assert Request.objects.get(pk=at_provider.pk).status == Status.AT_PROVIDER


@pytest.mark.django_db
@pytest.mark.parametrize("membership", ["left", "unconfirmed"])
def test_the_other_party_without_a_role_at_the_workplace_still_sees_what_names_them(
    client, people, model2, draft, at_provider, membership
):
    """Named as the other party, the AMR sees the sent request even without a confirmed role
    at the workplace (left since, or invited and not confirmed yet), never the draft, and
    nothing else of the workplace; the list and the page agree (``visible_requests`` reads
    these requests from the roles, ``can_view`` from the request)."""
    amr = model2["amr"]
    colleagues = factories.complete_request(
        leader=model2["leader"], counterpart=people["colleague"]
    )
    services.request_submit(request_pk=colleagues.pk, user=model2["leader"])
    memberships = amr.memberships.filter(workplace=model2["workplace"])
    if membership == "left":
        memberships.delete()
    else:
        memberships.update(confirmed_at=None)
    client.force_login(amr)
    assert client.get(at_provider.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(colleagues.get_absolute_url()).status_code == 404
    listed = client.get(reverse("requests:list")).context["requests"]
    assert [r.pk for r in listed] == [at_provider.pk]
    fresh = type(amr).objects.get(pk=amr.pk)
    assert set(requests_for(user=fresh).values_list("pk", flat=True)) == {at_provider.pk}


@pytest.mark.django_db
def test_a_request_naming_a_member_is_not_read_twice(model2, at_provider):
    """At a workplace where the other party holds a confirmed role, the requests naming them
    are seen as the workplace's own: the roles list none, so the filter has no way for them
    (the provider's and coordinator's lists are then counted from an index alone)."""
    from accounts.roles import portal_roles

    assert portal_roles(model2["amr"]).named_request_ids == frozenset()
    model2["amr"].memberships.update(confirmed_at=None)
    amr = type(model2["amr"]).objects.get(pk=model2["amr"].pk)
    assert portal_roles(amr).named_request_ids == {at_provider.pk}
