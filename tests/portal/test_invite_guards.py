"""The invitation form keeps the rules the admin keeps (QA on the demo data): an e-mail
address no longer than the user's field, no workplace role for a provider's staff (nor the
reverse), and no role changes to staff, superusers or central parties by a central party.
Each refusal is in Danish and changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership, RoleChange
from accounts.services import InviteError, user_invite
from providers.models import ProviderStaff
from tests import factories


def _invite(client, inviter, **fields):
    client.force_login(inviter)
    data = {"first_name": "Ny", "last_name": "Person", **fields}
    return client.post(reverse("invite_user"), data)


@pytest.mark.django_db
def test_an_e_mail_address_longer_than_the_users_field_is_refused(client, central):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".dk"
    assert len(email) > 254
    workplace = factories.WorkplaceFactory()
    response = _invite(client, central, email=email, role="leader", workplace=workplace.pk)
    assert response.status_code == 200
    assert "E-mailadressen må højst have 254 tegn" in response.content.decode()
    assert not get_user_model().objects.filter(email__startswith="aaaa").exists()
    assert not Membership.objects.exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
def test_provider_staff_get_no_role_at_a_workplace(client, central, provider_staff):
    workplace = factories.WorkplaceFactory()
    response = _invite(
        client, central, email=provider_staff.email, role="leader", workplace=workplace.pk
    )
    assert response.status_code == 200
    assert "arbejder for en udbyder" in response.content.decode()
    assert not Membership.objects.filter(user=provider_staff).exists()
    assert not RoleChange.objects.exists()
    with pytest.raises(InviteError):
        user_invite(
            email=provider_staff.email,
            first_name="A",
            last_name="B",
            role="amr",
            workplace=workplace,
            invited_by=central,
        )
    assert not Membership.objects.filter(user=provider_staff).exists()


@pytest.mark.django_db
def test_a_local_party_is_not_made_provider_staff(client, central, leader):
    response = _invite(
        client, central, email=leader.email, role="provider", provider=factories.provider("ruc").pk
    )
    assert response.status_code == 200
    assert "kan ikke gøres til medarbejder hos en udbyder" in response.content.decode()
    assert not ProviderStaff.objects.filter(user=leader).exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("flags", [{"is_superuser": True, "is_staff": True}, {"is_staff": True}])
def test_a_central_party_does_not_change_the_roles_of_superusers_or_staff(client, central, flags):
    privileged = factories.UserFactory(**flags)
    workplace = factories.WorkplaceFactory()
    response = _invite(
        client, central, email=privileged.email, role="leader", workplace=workplace.pk
    )
    assert response.status_code == 200
    assert "Kun en superbruger kan ændre roller" in response.content.decode()
    assert not Membership.objects.filter(user=privileged).exists()
    assert not RoleChange.objects.exists()
    with pytest.raises(InviteError):
        user_invite(
            email=privileged.email,
            first_name="A",
            last_name="B",
            role="leader",
            workplace=workplace,
            invited_by=central,
        )
    assert not Membership.objects.filter(user=privileged).exists()


@pytest.mark.django_db
def test_a_central_party_gets_no_second_role_from_another_central_party(client, central):
    other = factories.CentralPartyFactory().user
    region = factories.region("sjaelland")
    response = _invite(client, central, email=other.email, role="coordinator", region=region.pk)
    assert response.status_code == 200
    assert "allerede bruger hos en central part" in response.content.decode()
    assert not other.coordinator_roles.exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
def test_a_superuser_may_still_give_a_staff_user_a_role(client, superuser):
    """The admin's rule: a superuser changes anyone (except the rules of the two sides)."""
    staff = factories.UserFactory(is_staff=True)
    workplace = factories.WorkplaceFactory()
    response = _invite(client, superuser, email=staff.email, role="leader", workplace=workplace.pk)
    assert response.status_code == 302
    assert Membership.objects.filter(user=staff, workplace=workplace).exists()


@pytest.mark.django_db
def test_only_a_superuser_makes_someone_a_central_party(client, central, superuser, leader):
    """The role comes with the administration, so the invitation keeps the admin's rule
    (``CentralPartyInline``): a central party is not offered it, a forged post is refused,
    and the service refuses it too."""
    from accounts.models import CentralPartyMember

    client.force_login(central)
    page = client.get(reverse("invite_user")).content.decode()
    assert 'value="central"' not in page
    assert 'name="party"' not in page
    response = _invite(
        client, central, email="ny@example.dk", role="central", party="danske_regioner"
    )
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not get_user_model().objects.filter(email="ny@example.dk").exists()
    with pytest.raises(InviteError, match="Kun en superbruger gør nogen til bruger hos en"):
        user_invite(
            email=leader.email,
            first_name="A",
            last_name="B",
            role="central",
            party="danske_regioner",
            invited_by=central,
        )
    assert not CentralPartyMember.objects.filter(user=leader).exists()
    assert not RoleChange.objects.exists()

    client.force_login(superuser)
    assert 'value="central"' in client.get(reverse("invite_user")).content.decode()
    response = _invite(
        client, superuser, email="ny@example.dk", role="central", party="danske_regioner"
    )
    assert response.status_code == 302
    assert CentralPartyMember.objects.filter(user__email="ny@example.dk").exists()


@pytest.mark.django_db
def test_provider_staff_are_not_made_coordinators_nor_the_reverse(
    client, central, provider_staff, coordinator
):
    """A coordinator attests the providers' invoices: one person is not on both sides."""
    from accounts.models import RegionalCoordinator

    region = coordinator.coordinator_roles.get().region
    response = _invite(
        client, central, email=provider_staff.email, role="coordinator", region=region.pk
    )
    assert response.status_code == 200
    assert "kan ikke gøres til regional koordinator" in response.content.decode()
    assert not RegionalCoordinator.objects.filter(user=provider_staff).exists()

    response = _invite(
        client,
        central,
        email=coordinator.email,
        role="provider",
        provider=factories.provider("cbs").pk,
    )
    assert response.status_code == 200
    assert "er regional koordinator og kan ikke gøres til medarbejder" in response.content.decode()
    assert not ProviderStaff.objects.filter(user=coordinator).exists()
    assert not RoleChange.objects.exists()
