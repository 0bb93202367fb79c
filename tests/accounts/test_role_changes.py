"""Issue 10, point 6: role changes are an audit log, and self-granted roles can be found."""

import pytest

from accounts.models import RegionalCoordinator, RoleChange
from accounts.selectors import roles_granted_by_self, user_holds_self_granted_role
from accounts.services import role_change_log
from tests import factories


@pytest.mark.django_db
def test_role_change_log_names_actor_subject_role_and_place():
    central = factories.CentralPartyFactory().user
    membership = factories.MembershipFactory(role="amr")
    staff = factories.ProviderStaffFactory()
    entry = role_change_log(actor=central, role=membership, granted=True)
    assert (entry.actor, entry.subject, entry.kind, entry.action) == (
        central,
        membership.user,
        RoleChange.Kind.MEMBERSHIP,
        RoleChange.Action.GRANTED,
    )
    assert entry.role_key == f"membership:{membership.workplace_id}:amr"
    assert membership.workplace.name in entry.description
    assert entry.created_at is not None
    entry = role_change_log(actor=None, role=staff, granted=False)
    assert (entry.actor, entry.kind, entry.action) == (
        None,
        RoleChange.Kind.PROVIDER,
        RoleChange.Action.REVOKED,
    )
    with pytest.raises(ValueError):
        role_change_log(actor=central, role=central, granted=True)


@pytest.mark.django_db
def test_a_role_the_user_granted_themself_is_found_until_it_is_revoked():
    central = factories.CentralPartyFactory().user
    other = factories.CentralPartyFactory().user
    assert not user_holds_self_granted_role(central)

    own = factories.CoordinatorFactory(user=central)
    role_change_log(actor=central, role=own, granted=True)
    assert user_holds_self_granted_role(central)
    assert [change.role_key for change in roles_granted_by_self(central)] == [
        f"coordinator:{own.region_id}"
    ]
    # Granted by someone else: not a self-granted role.
    assert not user_holds_self_granted_role(other)

    role_change_log(actor=other, role=own, granted=False)
    own.delete()
    assert not user_holds_self_granted_role(central)

    again = RegionalCoordinator.objects.create(user=central, region=own.region)
    role_change_log(actor=other, role=again, granted=True)
    assert not user_holds_self_granted_role(central)
