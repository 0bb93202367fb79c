"""A participant's answers: anonymous, once, and only while collection is open.

The response keeps the questionnaire version it answered and the date — no user, no IP
address, no time of day. The round is locked while its state is checked, so an answer and the
closing of collection never cross.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.models import Answer, EvaluationRound, Question, Response
from requests_app.services.base import RequestError
from requests_app.text import clean_text

TEXT_MAX_LENGTH = 4000
DONT_KNOW = "dont_know"


class RoundNotOpen(RequestError):
    """The round does not take answers (not open yet, or closed): a friendly page says so."""


def _answers(response: Response, question: Question, value) -> list[Answer]:
    if question.kind == Question.Kind.SCALE:
        if value in (None, ""):
            return []
        if value == DONT_KNOW:
            return [Answer(response=response, question=question, dont_know=True)]
        number = int(value)
        if not 1 <= number <= 5:
            raise RequestError(_("An answer on the scale must be between 1 and 5."))
        return [Answer(response=response, question=question, value=number)]
    if question.kind == Question.Kind.TEXT:
        text = clean_text(value, max_length=TEXT_MAX_LENGTH, field_label=_("Your answer"))
        return [Answer(response=response, question=question, text=text)] if text else []
    choices = value if isinstance(value, list | tuple | set) else [value] if value else []
    if question.kind == Question.Kind.CHOICE and len(choices) > 1:
        raise RequestError(_("Choose one answer only."))
    return [Answer(response=response, question=question, choice=choice) for choice in choices]


def response_submit(*, round_pk: int, answers: dict) -> Response:
    """Store one participant's answers.

    ``answers`` maps each ``Question`` of the round's version to its cleaned value: "1"–"5"
    or ``DONT_KNOW`` on a scale, a string for free text, a list of ``Choice`` for choices.
    """
    with transaction.atomic():
        round = EvaluationRound.objects.select_for_update().get(pk=round_pk)
        if not round.is_open:
            raise RoundNotOpen(_("This evaluation does not take answers right now."))
        if any(question.version_id != round.version_id for question in answers):
            raise RequestError(_("The questionnaire has changed; please load the page again."))
        response = Response.objects.create(
            round=round, version_id=round.version_id, submitted_on=timezone.localdate()
        )
        rows = []
        for question, value in answers.items():
            rows += _answers(response, question, value)
        Answer.objects.bulk_create(rows)
    return response
