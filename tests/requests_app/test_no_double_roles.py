"""Nobody speaks for a workplace to their own employer: provider staff who also hold a role
at the workplace are not its local party for requests to their own provider (QA: NFA staff
given a leader role attested the delivery of NFA's own contract)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from requests_app.models import Status
from requests_app.permissions import contract_side, is_local_party
from tests import factories
from tests.requests_app.test_invoices import concluded  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def _also_leader(user, workplace):
    Membership.objects.create(
        user=user, workplace=workplace, role=Membership.Role.LEADER, confirmed_at=timezone.now()
    )


def test_provider_staff_with_a_leader_role_cannot_attest_their_own_providers_delivery(
    client,
    concluded,  # noqa: F811
):
    request, staff = concluded["request"], concluded["staff"]
    _also_leader(staff, request.workplace)
    assert not is_local_party(staff, request)
    assert contract_side(staff, request) == "provider"
    client.force_login(staff)
    response = client.post(
        reverse("requests:delivery_attest", args=[request.pk]),
        {"delivered_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert response.status_code in (200, 403, 404)
    request.refresh_from_db()
    assert request.status == Status.CONTRACTED
    assert request.contract.delivered_on is None
    # The workplace's own leader still attests it.
    assert is_local_party(concluded["leader"], request)


def test_staff_of_another_provider_may_be_a_local_party(concluded):  # noqa: F811
    request = concluded["request"]
    cbs_staff = factories.ProviderStaffFactory(provider=factories.provider("cbs")).user
    _also_leader(cbs_staff, request.workplace)
    assert is_local_party(cbs_staff, request)
