"""Rounds: by participant token, by request, and those a user may see."""

import re

from django.db.models import Count, Prefetch

from evaluations import tokens
from evaluations.models import Choice, EvaluationRound, Question
from requests_app.selectors.requests import requests_for

# What a derived token looks like (43 URL-safe base64 characters); anything else is not looked
# up at all.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def round_by_token(token: str) -> EvaluationRound | None:
    if not TOKEN_SHAPE.match(token or ""):
        return None
    return (
        EvaluationRound.objects.select_related("version__questionnaire", "request")
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )


def questions_of(version_id: int) -> list[Question]:
    """The version's questions in order, each with its choices (two queries)."""
    return list(
        Question.objects.filter(version_id=version_id)
        .order_by("order")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order")))
    )


def rounds_of_request(request) -> list[EvaluationRound]:
    """The request's rounds in order, each with ``response_count`` (one query)."""
    return list(
        EvaluationRound.objects.filter(request=request)
        .select_related("version__questionnaire", "request__contract")
        .annotate(response_count=Count("responses"))
        .order_by("opens_at")
    )


def visible_rounds(user):
    """Rounds of the requests the user may see (the rest answer 404)."""
    return EvaluationRound.objects.filter(request__in=requests_for(user=user).values("pk"))


def round_with_count(round_pk: int) -> EvaluationRound:
    return (
        EvaluationRound.objects.select_related("request__workplace__region", "request__provider")
        .annotate(response_count=Count("responses"))
        .get(pk=round_pk)
    )
