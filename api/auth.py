"""Who reads the API: a logged-in browser session, or a personal token sent as
``Authorization: Bearer <token>`` (made on the profile page, ``api.tokens``), of a user whose
role may read it (``may_view_dashboards``).

The role is checked with the login, before django-ninja reads the parameters: a role that may
not read the API gets 403 whatever it asks, never a 422 about a parameter it may not use.

The API only reads, so a session needs no CSRF token for its GET requests (Django's CSRF
check passes safe methods by design).
"""

from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from api.tokens import user_for_token
from dashboards.permissions import may_view_dashboards

FORBIDDEN = _(
    "The API is for the central parties, the regions' coordinators and the providers' staff."
)


def reader(user):
    """The user, if their role may read the API; 403 for any other user (None: no login)."""
    if user is not None and not may_view_dashboards(user):
        raise AuthorizationError(message=str(FORBIDDEN))
    return user


class PersonalToken(HttpBearer):
    openapi_description = "Et personligt token fra profilsiden: Authorization: Bearer <token>"

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return reader(user)


class Session(SessionAuth):
    openapi_description = "Den samme login-session som portalens sider."

    def authenticate(self, request, key):
        return reader(super().authenticate(request, key))


AUTH = [PersonalToken(), Session()]
