"""The workplace's own summary of its rounds, for the request page (three queries for one
questionnaire version, whatever the number of responses or rounds).

Below ``settings.EVALUATION_MIN_RESPONSES`` responses a round shows only its count, so no
answer can be traced to the few who gave it. Free texts come in alphabetical order, not in
the order they arrived.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q, Sum

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
    scales, choices, texts = _answers(pks)
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
                total, answered, dont_know = scales.get(key, (0, 0, 0))
                line.update(
                    average=total / answered if answered else None,
                    answered=answered,
                    dont_know=dont_know,
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


def _answers(round_pks) -> tuple[dict, dict, dict]:
    """The rounds' answers in one grouped read: per (round, scale question) the sum of the
    values, how many gave one and how many did not know; per (round, choice) how many chose
    it; per (round, text question) the free texts in alphabetical order."""
    kind = Question.Kind
    rows = (
        Answer.objects.filter(response__round__in=round_pks)
        .filter(
            Q(question__kind=kind.SCALE)
            | Q(choice__isnull=False)
            | (Q(question__kind=kind.TEXT) & ~Q(text=""))
        )
        .values("response__round_id", "question_id", "question__kind", "choice_id", "text")
        .annotate(
            total=Sum("value"),
            answered=Count("value"),
            dont_know=Count("pk", filter=Q(dont_know=True)),
            n=Count("pk"),
        )
        .order_by("text")
    )
    scales, choices, texts = {}, defaultdict(int), defaultdict(list)
    for row in rows:
        round_pk, question_pk = row["response__round_id"], row["question_id"]
        if row["question__kind"] == kind.SCALE:
            total, answered, dont_know = scales.get((round_pk, question_pk), (0, 0, 0))
            scales[(round_pk, question_pk)] = (
                total + (row["total"] or 0),
                answered + row["answered"],
                dont_know + row["dont_know"],
            )
        if row["choice_id"] is not None:
            choices[(round_pk, row["choice_id"])] += row["n"]
        if row["question__kind"] == kind.TEXT and row["text"]:
            texts[(round_pk, question_pk)] += [row["text"]] * row["n"]
    return scales, choices, texts
