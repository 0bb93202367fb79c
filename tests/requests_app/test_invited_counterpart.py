"""One person with two accounts can never make a request reach a provider (issue 10, point 5):
a counterpart invited by e-mail waits until someone other than the inviter vouches for them."""

import pytest
from django.urls import reverse

from accounts.models import Membership, RoleChange
from accounts.services import MembershipError, membership_confirm
from requests_app.models import Request, Status
from requests_app.services import intake
from requests_app.services.base import RequestError
from tests import factories


@pytest.fixture
def invited(client, model2):
    """The leader invites a second e-mail address of their own as the AMR."""
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=""
    )
    client.force_login(model2["leader"])
    response = client.post(
        reverse("requests:step", kwargs={"pk": request.pk, "step": "counterpart"}),
        {
            "counterpart_choice": "invite",
            "invite_email": "leder.privat@example.dk",
            "invite_role": "amr",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    second = request.counterpart
    assert second.email == "leder.privat@example.dk"
    intake.request_submit(request_pk=request.pk, user=model2["leader"])
    return {**model2, "request": request, "second": second}


@pytest.mark.django_db
def test_a_second_account_of_the_inviter_cannot_confirm(client, invited):
    d = invited
    membership = Membership.objects.get(user=d["second"])
    assert membership.confirmed_at is None and membership.invited_by == d["leader"]
    assert RoleChange.objects.filter(subject=d["second"], actor=d["leader"]).exists()
    with pytest.raises(RequestError):
        intake.request_confirm(request_pk=d["request"].pk, user=d["second"])
    client.force_login(d["second"])
    page = client.get(d["request"].get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "bekræfte vedkommendes medlemskab" in content
    assert reverse("requests:confirm", kwargs={"pk": d["request"].pk}) not in content
    client.post(reverse("requests:confirm", kwargs={"pk": d["request"].pk}))
    assert Request.objects.get(pk=d["request"].pk).status == Status.AWAITING_COUNTERPART


@pytest.mark.django_db
def test_the_invited_account_sees_only_the_request_it_was_invited_to(client, invited):
    d = invited
    other = factories.complete_request(leader=d["leader"], counterpart=d["amr"])
    intake.request_submit(request_pk=other.pk, user=d["leader"])
    client.force_login(d["second"])
    assert client.get(other.get_absolute_url()).status_code == 404
    listing = client.get(reverse("requests:list")).content.decode()
    assert d["request"].title in listing
    assert client.get(reverse("requests:new")).status_code == 403


@pytest.mark.django_db
def test_nobody_vouches_for_a_member_they_invited_or_for_themself(invited):
    d = invited
    membership = Membership.objects.get(user=d["second"])
    # Even a leader who is also the region's coordinator cannot vouch for their own invitee.
    factories.CoordinatorFactory(user=d["leader"], region=d["workplace"].region)
    for user in (d["leader"], d["second"], d["amr"]):
        with pytest.raises(MembershipError):
            membership_confirm(membership_pk=membership.pk, user=user)
    membership.refresh_from_db()
    assert membership.confirmed_at is None


@pytest.mark.django_db
def test_after_the_coordinator_vouches_the_invited_party_confirms(client, invited):
    d = invited
    membership = Membership.objects.get(user=d["second"])
    client.force_login(d["coordinator"])
    assert "1 medlem venter på din bekræftelse" in client.get("/").content.decode()
    page = client.get(reverse("pending_members")).content.decode()
    assert "leder.privat@example.dk" in page
    client.post(reverse("member_confirm", kwargs={"pk": membership.pk}))
    membership.refresh_from_db()
    assert membership.confirmed_by == d["coordinator"]
    request = intake.request_confirm(request_pk=d["request"].pk, user=d["second"])
    assert request.status == Status.AT_PROVIDER


@pytest.mark.django_db
def test_only_coordinators_and_central_users_see_pending_members(client, invited):
    d = invited
    for user in (d["leader"], d["amr"], d["staff"]):
        client.force_login(user)
        assert client.get(reverse("pending_members")).status_code == 403
    membership = Membership.objects.get(user=d["second"])
    client.force_login(d["other_staff"])
    assert client.post(reverse("member_confirm", kwargs={"pk": membership.pk})).status_code == 403
    central = factories.CentralPartyFactory().user
    client.force_login(central)
    assert "leder.privat@example.dk" in client.get(reverse("pending_members")).content.decode()
