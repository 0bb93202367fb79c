"""The local parties' pages for a round: the printable hand-out with link and QR code, and the
actions extend, close, reopen and renew the link (each one service call, back to the request)."""

from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from evaluations import permissions
from evaluations.forms.rounds import ExtendForm
from evaluations.selectors.panel import participant_path
from evaluations.selectors.rounds import round_with_count, visible_rounds
from evaluations.services import rounds as services
from requests_app.services.base import RequestError
from requests_app.views.actions import cleaned_or_error, remember_refused


def _visible_round(user, pk):
    """The round, if the user may see its request; 404 otherwise."""
    get_object_or_404(visible_rounds(user), pk=pk)
    return round_with_count(pk)


def qr_svg(url: str) -> str:
    """The link as an inline SVG QR code (segno, no network, no inline style)."""
    return segno.make(url, error="m").svg_inline(
        scale=6,
        border=2,
        dark="#000",
        light="#fff",
        omitsize=True,  # a viewBox, so the page's CSS sizes it for screen and A4
        title=_("QR code with the participant link"),
    )


@login_required
@require_safe
def handout(http_request, pk):
    round = _visible_round(http_request.user, pk)
    if not permissions.sees_link(http_request.user, round.request):
        raise PermissionDenied
    path = participant_path(round)
    url = http_request.build_absolute_uri(path) if path else None
    return render(
        http_request,
        "evaluations/handout.html",
        {
            "round": round,
            "url": url,
            # segno writes only its own SVG markup around the URL, which it encodes as modules.
            "qr": mark_safe(qr_svg(url)) if url else None,  # noqa: S308
        },
    )


def _round_action(view):
    @wraps(view)
    @login_required
    @require_POST
    def wrapper(http_request, pk):
        round = _visible_round(http_request.user, pk)
        try:
            message = view(http_request, round)
        except RequestError as error:
            messages.error(http_request, str(error))
            remember_refused(http_request, error)
        else:
            messages.success(http_request, message)
        return redirect(f"{round.request.get_absolute_url()}#evaluation")

    return wrapper


@_round_action
def extend(http_request, round):
    data = cleaned_or_error(ExtendForm(http_request.POST))
    services.round_extend(round_pk=round.pk, user=http_request.user, closes_on=data["closes_on"])
    return _("Collection is extended.")


@_round_action
def reopen(http_request, round):
    data = cleaned_or_error(ExtendForm(http_request.POST))
    services.round_reopen(round_pk=round.pk, user=http_request.user, closes_on=data["closes_on"])
    return _("Collection is open again.")


@_round_action
def close(http_request, round):
    services.round_close(round_pk=round.pk, user=http_request.user)
    return _("Collection is closed.")


@_round_action
def renew_link(http_request, round):
    services.round_renew_link(round_pk=round.pk, user=http_request.user)
    return _("The round has a new participant link; the old one no longer works.")
