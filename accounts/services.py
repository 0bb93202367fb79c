"""Writes about people: inviting a user with a role, the invitation e-mail that lets them
choose a password, and the admin group of the central parties."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import mail_enqueue
from accounts.models import CentralPartyMember, Membership, RegionalCoordinator


def user_send_invitation(*, user_pk: int) -> None:
    """E-mail a link to set a password (allauth's reset-from-key page).

    The mail is stored in the caller's transaction (the outbox) and sent after commit, so
    "invited" is only ever said when the invitation will go out. Like every e-mail, it is in
    Danish and links to ``PORTAL_BASE_URL``, whatever the inviter's language and whatever
    host their browser named (QA: an English-speaking inviter sent an English invitation,
    linked to the host the inviter happened to use).
    """
    user = get_user_model().objects.get(pk=user_pk)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    url = settings.PORTAL_BASE_URL.rstrip("/") + path
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("portal/email/invitation.txt", {"user": user, "url": url})
        subject = _(
            "You are invited to the portal for expert advice on the psychological work environment"
        )
    mail_enqueue(kind="invitation", recipients=[user.email], subject=subject, body=body)


CENTRAL_GROUP_NAME = "Centrale parter"
# What central parties maintain in the admin: the programme, providers and organisations.
CENTRAL_ADMIN_MODELS = {
    "library": ["theme", "item", "example"],
    # The questionnaires (a version with answers is locked by evaluations' admin).
    "evaluations": ["questionnaire", "questionnaireversion", "question", "choice"],
    "providers": [
        "theme",
        "provider",
        "offering",
        "providerstaff",
        "programme",
        "budgetperiod",
        "budgetframe",
    ],
    "accounts": [
        "user",
        "region",
        "focusarea",
        "workplace",
        "membership",
        "regionalcoordinator",
        "rolechange",
    ],
}


def central_group() -> Group:
    """The admin group for central-party users, with its permissions kept up to date."""
    group, _ = Group.objects.get_or_create(name=CENTRAL_GROUP_NAME)
    permissions = Permission.objects.none()
    for app_label, models in CENTRAL_ADMIN_MODELS.items():
        permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    group.permissions.set(permissions)
    return group


class InviteError(ValueError):
    """A rule stops the invitation; the message is for the user."""


def invite_refusal(*, email: str, role: str, invited_by=None) -> str | None:
    """Why ``invited_by`` may not give the person with ``email`` the role, or None.

    The rules the admin keeps (``accounts.admin.may_change_user``) hold here too: nobody
    invites themself, only a superuser changes the roles of staff, superusers and central
    parties, only a superuser makes someone a central party (it comes with the admin), and a
    central party gets no second role this way. And the two sides of a delivery and of an
    invoice stay apart: a provider's staff hold no role at a workplace (they would attest
    their own provider's delivery) nor as a region's coordinator (they would attest its
    invoices), and the reverse.
    """
    from accounts.selectors import user_is_admin_privileged

    if invited_by is not None and invited_by.email.lower() == email.lower():
        # Four eyes: a role is always granted by somebody else.
        return _("You cannot invite yourself to a role.")
    if role == "central" and not (invited_by is not None and invited_by.is_superuser):
        # As in the admin (``CentralPartyInline``): the role comes with the administration.
        return _(
            "Only a superuser makes someone a central-party user: the role comes with access "
            "to the administration."
        )
    user = get_user_model().objects.filter(email=email.lower()).first()
    if user is None:
        return None
    if CentralPartyMember.objects.filter(user=user).exists():
        return _("This user is already a central-party user.")
    if user_is_admin_privileged(user) and not (invited_by is not None and invited_by.is_superuser):
        return _("Only a superuser changes the roles of staff users and superusers.")
    return side_conflict(user, role)


def side_conflict(user, role: str) -> str | None:
    """Why ``user`` may not hold ``role`` (a workplace role, "provider" or "coordinator")
    beside the roles they hold, or None: the two sides of a delivery and of an invoice stay
    apart. Kept by the invitation (``invite_refusal``) and by the admin's role inlines."""
    if role in Membership.Role.values and user.provider_roles.exists():
        return _(
            "This user works for a provider and cannot hold a role at a workplace: the "
            "provider's staff must not attest their own provider's delivery."
        )
    if role == "provider" and user.memberships.exists():
        return _(
            "This user holds a role at a workplace and cannot be made provider staff: the "
            "provider's staff must not attest their own provider's delivery."
        )
    if role == "coordinator" and user.provider_roles.exists():
        return _(
            "This user works for a provider and cannot be made a regional coordinator: a "
            "coordinator attests the providers' invoices."
        )
    if role == "provider" and user.coordinator_roles.exists():
        return _(
            "This user is a regional coordinator and cannot be made provider staff: a "
            "coordinator attests the providers' invoices."
        )
    return None


def user_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    workplace=None,
    region=None,
    provider=None,
    party: str = "",
    invited_by=None,
):
    """Create the user if new, add the role, and e-mail a link to set a password.

    An existing user just gets the extra role; one person may hold several. Every new role
    is an entry in the role-change log. ``invite_refusal`` says who may not get which role
    (the form shows it; here it raises ``InviteError``, for callers that are not the form).
    """
    User = get_user_model()
    with transaction.atomic():
        refusal = invite_refusal(email=email, role=role, invited_by=invited_by)
        if refusal:
            raise InviteError(refusal)
        user, created = User.objects.get_or_create(
            email=email.lower(), defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if role in Membership.Role.values:
            row, new_role = Membership.objects.get_or_create(
                user=user, workplace=workplace, role=role
            )
        elif role == "coordinator":
            row, new_role = RegionalCoordinator.objects.get_or_create(user=user, region=region)
        elif role == "provider":
            # providers builds on accounts (its admin audits roles here), so the provider
            # role is looked up by its label rather than imported: no circle between the two.
            provider_staff = apps.get_model("providers", "ProviderStaff")
            row, new_role = provider_staff.objects.get_or_create(user=user, provider=provider)
        elif role == "central":
            row, new_role = CentralPartyMember.objects.get_or_create(
                user=user, defaults={"party": party}
            )
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(central_group())
        else:
            raise ValueError(f"Unknown role {role!r}")
        if new_role:
            role_change_log(actor=invited_by, role=row, granted=True)
        if created:
            user_send_invitation(user_pk=user.pk)
    return user, created


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

    # The log is the admin's, which is Danish: not the language of whoever made the change.
    with translation.override(settings.LANGUAGE_CODE):
        kind, role_key, description = _role_identity(role)
        description = str(description)
    return RoleChange.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        subject_id=role.user_id,
        kind=kind,
        role_key=role_key,
        description=str(description)[:300],
        action=RoleChange.Action.GRANTED if granted else RoleChange.Action.REVOKED,
    )


class MembershipError(Exception):
    """A rule stops the confirmation; the message is for the user."""


def membership_confirm(*, membership_pk: int, user):
    """Vouch for a membership a local party made by inviting someone by e-mail.

    Only the region's coordinator or a central party may, and never the one who invited,
    nor the member: so nobody can make a second account and agree with themself.
    """
    from accounts.models import Membership
    from accounts.rules import is_central_or_admin

    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("workplace", "user")
            .get(pk=membership_pk)
        )
        if membership.confirmed_at is not None:
            raise MembershipError(_("The membership is already confirmed."))
        coordinates = user.coordinator_roles.filter(
            region_id=membership.workplace.region_id
        ).exists()
        if not (coordinates or is_central_or_admin(user)):
            raise MembershipError(
                _("Only the region's coordinator or the central parties confirm members.")
            )
        if user.pk in {membership.invited_by_id, membership.user_id}:
            raise MembershipError(
                _("Someone other than the one who invited must confirm the membership.")
            )
        membership.confirmed_at = timezone.now()
        membership.confirmed_by = user
        membership.save(update_fields=["confirmed_at", "confirmed_by"])
        role_change_log(actor=user, role=membership, granted=True)
    return membership
