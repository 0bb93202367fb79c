"""The API's part of personal data (accounts.privacy): a person's tokens are listed in the
download (name, first characters and dates, never the hash) and revoked when they are forgotten."""

from django.utils import timezone

from api.models import ApiToken


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> list:
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created_at": _when(t.created_at),
            "last_used_at": _when(t.last_used_at),
            "revoked_at": _when(t.revoked_at),
        }
        for t in ApiToken.objects.filter(user=user).order_by("created_at")
    ]


def forget(user) -> None:
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
