"""The user's roles read once per HTTP request (``accounts.roles``) and the contract's versions
read once with the request page's request (issue 12, point 2): the answers stay those of the
database, a write never acts on roles read before, and a granted or revoked role is seen."""

from decimal import Decimal

import pytest
from django.db.models import Prefetch
from django.urls import reverse

from accounts.models import Membership
from accounts.roles import portal_roles, refresh_roles
from requests_app import permissions
from requests_app.models import Contract, ContractVersion
from requests_app.services import contracts as contract_services
from requests_app.services import intake
from requests_app.services.base import RequestError
from tests import factories

pytestmark = pytest.mark.django_db


def test_all_roles_come_in_one_query_and_then_none(model2, django_assert_num_queries):
    staff = factories.ProviderStaffFactory(provider=factories.provider("cbs")).user
    factories.CoordinatorFactory(user=staff, region=factories.region("sjaelland"))
    factories.MembershipFactory(user=staff, workplace=model2["workplace"], role="tr")
    factories.CentralPartyFactory(user=staff)
    with django_assert_num_queries(1):
        roles = portal_roles(staff)
    with django_assert_num_queries(0):
        assert portal_roles(staff) is roles
        # What the layout asks of the user itself is filled by the same query.
        assert staff.provider_roles.exists()
        assert staff.central_party.party
        provider_ids = [role.provider_id for role in staff.provider_roles.all()]
    assert provider_ids == [factories.provider("cbs").pk]
    assert roles.provider_ids == {factories.provider("cbs").pk}
    assert roles.region_ids == {factories.region("sjaelland").pk}
    assert roles.roles_at(model2["workplace"].pk) == {"tr"}


def test_nobody_in_particular_has_no_roles_and_no_central_party(db, django_assert_num_queries):
    user = factories.UserFactory()
    with django_assert_num_queries(1):
        roles = portal_roles(user)
    with django_assert_num_queries(0):
        assert not hasattr(user, "central_party")
        assert not user.provider_roles.exists()
    assert (roles.workplace_roles, roles.provider_ids, roles.region_ids) == ({}, set(), set())


def test_an_unconfirmed_membership_is_no_role_until_confirmed(model2):
    invited = factories.UserFactory()
    membership = Membership.objects.create(
        user=invited, workplace=model2["workplace"], role="amr", confirmed_at=None
    )
    assert not portal_roles(invited).is_member_of(model2["workplace"].pk)
    Membership.objects.filter(pk=membership.pk).update(confirmed_at="2026-12-01T10:00Z")
    assert not portal_roles(invited).is_member_of(model2["workplace"].pk)  # read before
    refresh_roles(invited)
    assert portal_roles(invited).roles_at(model2["workplace"].pk) == {"amr"}


def test_a_service_acts_on_the_roles_of_now_not_on_those_a_page_read(model2):
    """A role revoked after the roles were read is refused by the service (which reads them
    again), and one granted afterwards is honoured."""
    leader, amr = model2["leader"], model2["amr"]
    request = factories.complete_request(leader=leader, counterpart=amr)
    assert permissions.may(leader, "submit", request)  # the roles are now kept on ``leader``
    Membership.objects.filter(user=leader).delete()
    with pytest.raises(RequestError):
        intake.request_submit(request_pk=request.pk, user=leader)
    factories.MembershipFactory(user=leader, workplace=model2["workplace"], role="leader")
    intake.request_submit(request_pk=request.pk, user=leader)
    request.refresh_from_db()
    assert request.status == "awaiting_counterpart"


def _contract_with_two_versions(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contract_services.contract_draft(
        request_pk=request.pk,
        user=model2["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    contract_services.contract_edit(
        request_pk=request.pk,
        user=model2["leader"],
        data=factories.contract_data(price=Decimal("9000.00")),
        activities=factories.activities(),
    )
    return Contract.objects.get(request=request)


def test_current_and_accepted_read_the_same_from_prefetched_versions(
    model2, django_assert_num_queries
):
    contract = _contract_with_two_versions(model2)
    ContractVersion.objects.filter(contract=contract, number=1).update(
        workplace_accepted_by=model2["leader"], provider_accepted_by=model2["staff"]
    )
    plain = Contract.objects.get(pk=contract.pk)
    loaded = Contract.objects.prefetch_related(
        Prefetch("versions", queryset=ContractVersion.objects.order_by("-number"))
    ).get(pk=contract.pk)
    with django_assert_num_queries(0):
        current, accepted = loaded.current, loaded.accepted
    assert (current.number, accepted.number) == (2, 1)
    assert (plain.current.number, plain.accepted.number) == (2, 1)


def test_a_contract_with_no_versions_has_neither(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contract = Contract.objects.create(request=request)
    loaded = Contract.objects.prefetch_related("versions").get(pk=contract.pk)
    assert loaded.current is None and loaded.accepted is None


def test_the_request_page_answers_404_to_who_may_not_see_it(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["staff"])  # a draft has not reached the provider
    assert client.get(reverse("requests:detail", args=[request.pk])).status_code == 404
    client.force_login(model2["amr"])
    assert client.get(reverse("requests:detail", args=[request.pk])).status_code == 200
