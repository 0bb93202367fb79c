"""The participant link's token: unguessable, shown again and again, stored only hashed.

The local parties need the same link every time they open the hand-out page, yet the
database must not hold the token itself. So the token is not stored but *derived*: each round
gets a random salt of 128 bits from ``secrets``, and the token is the HMAC-SHA256 of that salt
under the project's secret key (``salted_hmac``), 256 bits written in URL-safe base64. The
database keeps the salt and the token's SHA-256 (``token_hash``, unique), by which a
participant's link is found; a copy of the database without the secret key yields no link.

Rotating ``SECRET_KEY`` keeps handed-out links working: a participant's token is still found
by its hash, and the hand-out page derives the token with whichever of the current key and
``SECRET_KEY_FALLBACKS`` reproduces the stored hash. Renewing a round's link (a new salt)
makes the old one answer 404.
"""

import base64
import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

KEY_SALT = "evaluations.participant-link"
SALT_BYTES = 16  # 128 bits of randomness per round


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def _derive(salt: str, secret: str) -> str:
    digest = salted_hmac(KEY_SALT, salt, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_link() -> tuple[str, str]:
    """A fresh (salt, hash) pair for a round."""
    salt = new_salt()
    return salt, token_hash(_derive(salt, settings.SECRET_KEY))


def token_for(round) -> str | None:
    """The round's token, derived again; None if no known key reproduces its hash."""
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        token = _derive(round.token_salt, secret)
        if constant_time_compare(token_hash(token), round.token_hash):
            return token
    return None
