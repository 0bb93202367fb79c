"""The participant's page: no login, no IP address kept, no tracking cookie.

The link's token is the only key. After an answer the browser gets one signed cookie that says
"already answered this round" — it carries no identity and no time. It is named after the round
and scoped to the participant pages, not to the link: after the local parties renew the link,
the same browser still cannot answer twice. A wrong, renewed or foreign token answers 404; a
round that is not open says so kindly.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from evaluations.forms.responses import ResponseForm
from evaluations.models import EvaluationRound
from evaluations.ratelimit import too_many_posts
from evaluations.selectors.rounds import questions_of, round_by_token
from evaluations.services.responses import RoundNotOpen, response_submit
from requests_app.services.base import RequestError

ANSWERED_COOKIE = "evaluering_besvaret_{pk}"
COOKIE_SALT = "evaluations.answered"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
TEMPLATE = "evaluations/answer.html"


def _cookie_name(round) -> str:
    return ANSWERED_COOKIE.format(pk=round.pk)


def _cookie_path() -> str:
    """The participant pages' common prefix (``/evaluering/s/``), whatever the token."""
    return reverse("evaluations:answer", args=["-"]).removesuffix("-/")


def _already_answered(http_request, round) -> bool:
    try:
        value = http_request.get_signed_cookie(_cookie_name(round), salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return False
    return value == str(round.pk)


def _closed_state(round) -> str:
    """The page for a round that takes no answers: not open yet, or closed."""
    return "scheduled" if round.state == EvaluationRound.State.SCHEDULED else "closed"


def _page(http_request, round, state: str, *, form=None, status=200):
    return render(
        http_request,
        TEMPLATE,
        {"round": round, "state": state, "form": form, "questionnaire": round.version},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def answer(http_request, token):
    round = round_by_token(token)
    if round is None:
        raise Http404
    if _already_answered(http_request, round):
        return _page(http_request, round, "answered")
    if not round.is_open:
        return _page(http_request, round, _closed_state(round))
    questions = questions_of(round.version_id)
    if http_request.method != "POST":
        return _page(http_request, round, "form", form=ResponseForm(questions=questions))
    form = ResponseForm(http_request.POST, questions=questions)
    if too_many_posts(http_request, round):
        return _page(http_request, round, "too_many", form=form, status=429)
    if form.is_valid():
        try:
            response_submit(round_pk=round.pk, answers=form.answers())
        except RoundNotOpen:
            round.refresh_from_db()
            return _page(http_request, round, _closed_state(round))
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            done = redirect(http_request.path)
            done.status_code = 303
            done.set_signed_cookie(
                _cookie_name(round),
                str(round.pk),
                salt=COOKIE_SALT,
                max_age=COOKIE_MAX_AGE,
                path=_cookie_path(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return done
    return _page(http_request, round, "form", form=form)
