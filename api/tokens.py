"""Personal API tokens: made, listed, revoked and checked.

The API floor writes nothing but its own tokens, so their few writes live here (the
read-only floors import no ``services`` module; tests/test_architecture.py). A token is
``secrets.token_urlsafe(32)``; only its SHA-256 is stored, and it is shown once.
"""

import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from dashboards.permissions import may_view_dashboards

PREFIX_LENGTH = 8
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# last_used_at is written at most this often per token, so reading the API is not a write
# on every call.
LAST_USED_RESOLUTION = 60


class TokenError(Exception):
    """A refusal with a message for the user."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def may_use_api(user) -> bool:
    """The API serves the dashboards' readers: central parties, coordinators, provider staff."""
    return bool(may_view_dashboards(user))


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the token itself (to be shown once)."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Give the token a name, so you know what it is used for."))
    if len(name) > NAME_MAX_LENGTH:
        raise TokenError(
            _("The name may be at most %(count)s characters.") % {"count": NAME_MAX_LENGTH}
        )
    if not user.is_authenticated or not user.is_active:
        raise TokenError(_("Log in to make a token."))
    if not may_use_api(user):
        raise TokenError(_("Your role gives no access to the API."))
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=digest(raw), prefix=raw[:PREFIX_LENGTH]
    )
    return token, raw


def token_revoke(*, user, token_pk: int) -> ApiToken:
    """Revoke one of the user's own tokens (another's is not found)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(user=user, pk=token_pk).first()
        if token is None:
            raise ApiToken.DoesNotExist
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str):
    """The active user a valid, unrevoked token belongs to, or None; notes the use."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() >= LAST_USED_RESOLUTION
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
