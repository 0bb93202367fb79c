"""Writes about people: the invitation e-mail that lets a new user choose a password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def user_send_invitation(*, user_pk: int, base_url: str) -> None:
    """E-mail a link to set a password (allauth's reset-from-key page)."""
    user = get_user_model().objects.get(pk=user_pk)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "portal/email/invitation.txt", {"user": user, "url": base_url.rstrip("/") + path}
    )
    send_mail(
        _("You are invited to the portal for expert advice on the psychological work environment"),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


# --- Role-change audit log --------------------------------------------------------------


def _role_identity(role) -> tuple[str, str, str]:
    """(kind, role_key, description) of a role row; providers are named by label, not imported."""
    from accounts.models import CentralPartyMember, Membership, RegionalCoordinator, RoleChange

    if isinstance(role, Membership):
        return (
            RoleChange.Kind.MEMBERSHIP,
            f"membership:{role.workplace_id}:{role.role}",
            f"{role.get_role_display()}, {role.workplace}",
        )
    if isinstance(role, RegionalCoordinator):
        return (
            RoleChange.Kind.COORDINATOR,
            f"coordinator:{role.region_id}",
            f"{RegionalCoordinator._meta.verbose_name}, {role.region}",
        )
    if isinstance(role, CentralPartyMember):
        return RoleChange.Kind.CENTRAL, "central", str(role.get_party_display())
    if role._meta.label == "providers.ProviderStaff":
        return (
            RoleChange.Kind.PROVIDER,
            f"provider:{role.provider_id}",
            f"{role._meta.verbose_name}, {role.provider}",
        )
    raise ValueError(f"Not a role: {role!r}")


def role_change_log(*, actor, role, granted: bool):
    """Write one audit entry: ``actor`` granted (or revoked) the role row ``role``.

    ``role`` is a Membership, RegionalCoordinator, CentralPartyMember or ProviderStaff; for a
    revocation pass the row as it was (a deleted instance keeps its fields). ``actor`` may be
    None for changes made by the system.
    """
    from accounts.models import RoleChange

    kind, role_key, description = _role_identity(role)
    return RoleChange.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        subject_id=role.user_id,
        kind=kind,
        role_key=role_key,
        description=str(description)[:300],
        action=RoleChange.Action.GRANTED if granted else RoleChange.Action.REVOKED,
    )
