"""The user's profile page: who they are, and their personal API tokens.

A token is made here and shown once (only its hash is kept, ``api.tokens``); the list shows
each token's name, first characters, when it was made and last used, and revokes it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from api import tokens
from api.models import ApiToken


@login_required
def profile(http_request):
    user = http_request.user
    new_token = None
    error = None
    if http_request.method == "POST":
        action = http_request.POST.get("action")
        if action == "create":
            try:
                token, new_token = tokens.token_create(
                    user=user, name=http_request.POST.get("name", "")
                )
            except tokens.TokenError as refusal:
                error = str(refusal)
        elif action == "revoke":
            pk = http_request.POST.get("token", "")
            if not pk.isdecimal():  # "²".isdigit() is true, but int("²") fails
                raise Http404
            try:
                token = tokens.token_revoke(user=user, token_pk=int(pk))
            except ApiToken.DoesNotExist:
                raise Http404 from None
            messages.success(
                http_request, _("The token “%(name)s” is revoked.") % {"name": token.name}
            )
            return redirect("profile")
        else:
            error = _("Choose what to do.")
    return render(
        http_request,
        "portal/profile.html",
        {
            "tokens": tokens.tokens_of(user),
            "new_token": new_token,
            "error": error,
            "may_use_api": tokens.may_use_api(user),
            "name_max_length": tokens.NAME_MAX_LENGTH,
        },
        status=400 if error else 200,
    )
