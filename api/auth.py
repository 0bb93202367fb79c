"""Who reads the API: a logged-in browser session, or a personal token sent as
``Authorization: Bearer <token>`` (made on the profile page, ``api.tokens``).

The API only reads, so a session needs no CSRF token for its GET requests (Django's CSRF
check passes safe methods by design).
"""

from ninja.security import HttpBearer, SessionAuth

from api.tokens import user_for_token


class PersonalToken(HttpBearer):
    openapi_description = "Et personligt token fra profilsiden: Authorization: Bearer <token>"

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    openapi_description = "Den samme login-session som portalens sider."


AUTH = [PersonalToken(), Session()]
