"""Reads about people: who counts as privileged, the central parties' members, and the
role-change audit log."""

from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.roles import portal_roles
from accounts.rules import is_central


def user_is_admin_privileged(user) -> bool:
    """Staff, superusers and central parties: accounts only a superuser may change."""
    if user.is_superuser or user.is_staff:
        return True
    if not user.pk:
        return False
    return get_user_model().objects.filter(pk=user.pk, central_party__isnull=False).exists()


def user_needs_mfa(user) -> bool:
    """Whether the user holds a role that must log in with a second factor (TOTP).

    Superusers, staff, central parties, regional coordinators and provider staff; workplace
    members are not forced. Read from the user's roles (``accounts.roles``: one query per
    HTTP request, which the page then reuses), not from a query of its own on every request.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    roles = portal_roles(user)
    return bool(roles.provider_ids or roles.region_ids) or is_central(user)


def user_has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_has_request_events(user) -> bool:
    """Whether the user acted on any request: such users are deactivated, never deleted.

    Looked up by name, so this ground-floor app never imports ``requests_app``.
    """
    if not user.pk:
        return False
    RequestEvent = apps.get_model("requests_app", "RequestEvent")
    return RequestEvent.objects.filter(actor=user).exists()


def roles_granted_by_self(user) -> list:
    """The role grants (``RoleChange`` rows) the user made to themself and still holds.

    A role is still held when the latest change of the same role for the user is that grant
    (no later revocation, and no later grant by someone else).
    """
    from accounts.models import RoleChange

    changes = RoleChange.objects.filter(subject=user).order_by("role_key", "-created_at", "-pk")
    latest = {}
    for change in changes:
        latest.setdefault(change.role_key, change)
    return [
        change
        for change in latest.values()
        if change.action == RoleChange.Action.GRANTED and change.actor_id == user.pk
    ]


def user_holds_self_granted_role(user) -> bool:
    """True when the user holds a role they granted themself (the four-eyes rule is broken)."""
    return bool(roles_granted_by_self(user))


def central_users() -> list:
    """The active members of the central parties (Danske Regioner, Forhandlingsfællesskabet)."""
    return list(get_user_model().objects.filter(central_party__isnull=False, is_active=True))


def pending_memberships(user):
    """Memberships made by invitation that ``user`` may confirm: in the regions they
    coordinate, or all for the central parties; never one they invited themself."""
    from accounts.models import Membership
    from accounts.rules import is_central_or_admin

    pending = (
        Membership.objects.filter(confirmed_at__isnull=True)
        .exclude(invited_by=user)
        .exclude(user=user)
        .select_related("user", "workplace__region", "workplace__parent", "invited_by")
        .order_by("pk")
    )
    if not is_central_or_admin(user):
        pending = pending.filter(workplace__region__coordinators__user=user)
    return pending
