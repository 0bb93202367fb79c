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
