"""Personal data: what the portal holds about a person (the right of access, GDPR art. 15)
and how a former user is forgotten (art. 17) while the timelines they acted on stay readable.

Each app knows its own data. An app above accounts registers, in its ``AppConfig.ready``:

- a reader, ``register_personal_data(name, reader)``: ``reader(user) -> dict | list`` of what
  that app holds about the user, shown under ``name`` in the download;
- where it keeps personal data that forgetting must remove, a scrubber,
  ``register_forget(name, scrub)``: ``scrub(user)`` runs inside the anonymisation's transaction.

Anonymising keeps the user's row (events, contracts and invoices point at it and are
protected), replaces name and e-mail with a pseudonym, revokes every role, logs each revocation
and makes the account unusable. The pseudonym is stable for a user and reveals nothing.
"""

import hashlib
import hmac
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import CentralPartyMember, Membership, RegionalCoordinator
from accounts.services import role_change_log

ANONYMOUS_DOMAIN = "anonymiseret.invalid"

_readers: dict[str, Callable] = {}
_scrubbers: dict[str, Callable] = {}


class PrivacyError(Exception):
    """A rule stops the anonymisation; the message is for the user."""


def register_personal_data(name: str, reader: Callable) -> None:
    _readers[name] = reader


def register_forget(name: str, scrub: Callable) -> None:
    _scrubbers[name] = scrub


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    """Everything the portal holds about ``user``, as plain JSON-ready data."""
    from accounts.models import Notification, RoleChange

    data = {
        "generated_at": _when(timezone.now()),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "active": user.is_active,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "workplace_memberships": [
            {
                "workplace": str(m.workplace),
                "role": str(m.get_role_display()),
                "confirmed_at": _when(m.confirmed_at),
            }
            for m in Membership.objects.filter(user=user).select_related(
                "workplace__parent", "workplace__region"
            )
        ],
        "regional_coordinator_for": [
            str(c.region)
            for c in RegionalCoordinator.objects.filter(user=user).select_related("region")
        ],
        "central_party": [
            str(c.get_party_display()) for c in CentralPartyMember.objects.filter(user=user)
        ],
        "provider_staff_for": [
            str(s.provider)
            for s in apps.get_model("providers", "ProviderStaff")
            .objects.filter(user=user)
            .select_related("provider")
        ],
        "role_changes": [
            {"at": _when(c.created_at), "action": c.action, "role": c.description}
            for c in RoleChange.objects.filter(subject=user).order_by("created_at")
        ],
        "notifications": [
            {
                "at": _when(n.created_at),
                "subject": n.subject,
                "text": n.body,
                "read": _when(n.read_at),
            }
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
    }
    for name, reader in _readers.items():
        data[name] = reader(user)
    return data


def pseudonym_code(user) -> str:
    """Eight characters derived from the user's id with the secret key: stable, not reversible."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"user:{user.pk}".encode(), hashlib.sha256)
    return digest.hexdigest()[:8].upper()


def is_anonymised(user) -> bool:
    return user.email.endswith("@" + ANONYMOUS_DOMAIN)


def user_anonymise(*, user_pk: int, by):
    """Forget a former user: name and e-mail become a pseudonym, roles are revoked (and logged),
    the account can no longer log in, and the apps scrub what they hold. Events stay."""
    from accounts.models import Notification, OutgoingMail

    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_pk).first()
        if user is None:
            raise PrivacyError(_("The user does not exist."))
        if user.pk == by.pk:
            raise PrivacyError(_("You cannot anonymise yourself."))
        if user.is_superuser:
            raise PrivacyError(_("An administrator cannot be anonymised."))
        if is_anonymised(user):
            raise PrivacyError(_("The user is already anonymised."))
        old_email = user.email
        code = pseudonym_code(user)
        roles = [
            *Membership.objects.filter(user=user),
            *RegionalCoordinator.objects.filter(user=user),
            *CentralPartyMember.objects.filter(user=user),
            *apps.get_model("providers", "ProviderStaff").objects.filter(user=user),
        ]
        for role in roles:
            role.delete()
            role_change_log(actor=by, role=role, granted=False)
        with translation.override(settings.LANGUAGE_CODE):
            user.first_name = _("Former user %(code)s") % {"code": code}
        user.last_name = ""
        user.email = f"anonym-{code.lower()}-{user.pk}@{ANONYMOUS_DOMAIN}"
        user.is_active = False
        user.is_staff = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        apps.get_model("account", "EmailAddress").objects.filter(user=user).delete()
        apps.get_model("mfa", "Authenticator").objects.filter(user=user).delete()
        Notification.objects.filter(user=user).delete()
        for mail in OutgoingMail.objects.filter(recipients__icontains=old_email):
            addresses = [a for a in mail.recipients.split(",") if a.strip().lower() != old_email]
            mail.recipients = ",".join(addresses)
            mail.save(update_fields=["recipients"])
        for scrub in _scrubbers.values():
            scrub(user)
    return user
