"""The workplace's own summary of its rounds, for the request page (four queries, whatever
the number of responses or rounds).

Below ``settings.EVALUATION_MIN_RESPONSES`` responses a round shows only its count, so no
answer can be traced to the few who gave it. Free texts come in alphabetical order, not in
the order they arrived.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Avg, Count, Q

from evaluations.models import Answer, Question
from evaluations.selectors.rounds import questions_of


def min_responses() -> int:
    return settings.EVALUATION_MIN_RESPONSES


def summaries(rounds) -> dict[int, list[dict]]:
    """``{round.pk: [one line per question]}`` for the rounds that reach the threshold.

    Each round must carry ``response_count`` (``selectors.rounds.rounds_of_request``).
    """
    shown = [round for round in rounds if round.response_count >= min_responses()]
    if not shown:
        return {}
    pks = [round.pk for round in shown]
    answers = Answer.objects.filter(response__round__in=pks)
    scales = {
        (row["response__round_id"], row["question_id"]): row
        for row in answers.filter(question__kind=Question.Kind.SCALE)
        .values("response__round_id", "question_id")
        .annotate(
            average=Avg("value"),
            answered=Count("value"),
            dont_know=Count("pk", filter=Q(dont_know=True)),
        )
        .order_by()
    }
    choices = {
        (row["response__round_id"], row["choice_id"]): row["n"]
        for row in answers.filter(choice__isnull=False)
        .values("response__round_id", "choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    texts = defaultdict(list)
    for round_pk, question_pk, text in (
        answers.filter(question__kind=Question.Kind.TEXT)
        .exclude(text="")
        .order_by("text")
        .values_list("response__round_id", "question_id", "text")
    ):
        texts[(round_pk, question_pk)].append(text)
    questions = defaultdict(list)
    for version_id in {round.version_id for round in shown}:
        questions[version_id] = questions_of(version_id)
    result = {}
    for round in shown:
        lines = []
        for question in questions[round.version_id]:
            key = (round.pk, question.pk)
            line = {"question": question, "kind": question.kind}
            if question.kind == Question.Kind.SCALE:
                row = scales.get(key, {})
                line.update(
                    average=row.get("average"),
                    answered=row.get("answered", 0),
                    dont_know=row.get("dont_know", 0),
                )
            elif question.has_choices:
                line["choices"] = [
                    (choice, choices.get((round.pk, choice.pk), 0))
                    for choice in question.choices.all()
                ]
            else:
                line["texts"] = texts.get(key, [])
            lines.append(line)
        result[round.pk] = lines
    return result
