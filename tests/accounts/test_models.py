import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from accounts.models import Membership, Region
from tests import factories


@pytest.mark.django_db
def test_user_logs_in_by_email_and_has_no_username():
    user = get_user_model().objects.create_user("Mette@Example.DK", "pw-long-enough-1")
    assert user.email == "mette@example.dk"
    assert get_user_model().USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None


@pytest.mark.django_db
def test_email_is_unique():
    get_user_model().objects.create_user("a@example.dk", "x")
    with pytest.raises(IntegrityError):
        get_user_model().objects.create_user("a@example.dk", "y")


@pytest.mark.django_db
def test_five_regions_are_seeded_with_their_model():
    regions = {region.slug: region for region in Region.objects.all()}
    assert set(regions) == {"hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"}
    assert regions["hovedstaden"].model == Region.Model.STRATEGIC
    assert regions["hovedstaden"].needs_central_approval
    assert regions["hovedstaden"].focus_areas.filter(name__icontains="tidspres").exists()
    for slug in ["sjaelland", "syddanmark", "midtjylland", "nordjylland"]:
        assert regions[slug].model == Region.Model.FREE
        assert not regions[slug].needs_central_approval
    assert all(region.model_decided_on for region in regions.values())


@pytest.mark.django_db
def test_one_user_may_hold_several_roles():
    user = factories.UserFactory()
    factories.MembershipFactory(user=user, role=Membership.Role.LEADER)
    factories.MembershipFactory(user=user, role=Membership.Role.MED)
    factories.CoordinatorFactory(user=user)
    assert user.memberships.count() == 2
    assert user.coordinator_roles.count() == 1


@pytest.mark.django_db
def test_same_role_twice_at_one_workplace_is_refused():
    membership = factories.MembershipFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=membership.user, workplace=membership.workplace, role=membership.role
        )


@pytest.mark.django_db
def test_workplace_hierarchy_names_its_parent():
    hospital = factories.WorkplaceFactory(name="Demo Hospital", kind="hospital")
    ward = factories.WorkplaceFactory(name="Afsnit 3", parent=hospital)
    assert str(ward) == "Demo Hospital – Afsnit 3"
    assert list(hospital.children.all()) == [ward]
