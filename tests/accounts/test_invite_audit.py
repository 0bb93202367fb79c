"""Inviting a user with a role writes the role-change log, and nobody invites themself."""

import pytest
from django.urls import reverse

from accounts.models import RoleChange
from accounts.services import user_invite
from tests import factories


@pytest.mark.django_db
def test_an_invitation_logs_the_role_with_the_inviter(central):
    workplace = factories.WorkplaceFactory()
    user, created = user_invite(
        email="ny@example.dk",
        first_name="Ny",
        last_name="Leder",
        role="leader",
        workplace=workplace,
        invited_by=central,
    )
    assert created
    change = RoleChange.objects.get(subject=user)
    assert change.actor == central
    assert change.action == RoleChange.Action.GRANTED
    # The same role again adds nothing, so it logs nothing.
    user_invite(
        email="ny@example.dk",
        first_name="Ny",
        last_name="Leder",
        role="leader",
        workplace=workplace,
        invited_by=central,
    )
    assert RoleChange.objects.filter(subject=user).count() == 1


@pytest.mark.django_db
def test_a_central_user_cannot_invite_themself_to_a_role(client, central):
    region = factories.region("sjaelland")
    client.force_login(central)
    response = client.post(
        reverse("invite_user"),
        {
            "email": central.email.upper(),
            "first_name": "A",
            "last_name": "B",
            "role": "coordinator",
            "region": region.pk,
        },
    )
    assert response.status_code == 200
    assert "ikke invitere dig selv" in response.content.decode()
    assert not central.coordinator_roles.exists()
    assert not RoleChange.objects.filter(subject=central).exists()
    with pytest.raises(ValueError):
        user_invite(
            email=central.email,
            first_name="A",
            last_name="B",
            role="coordinator",
            region=region,
            invited_by=central,
        )
