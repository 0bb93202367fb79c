"""New questionnaire versions: a copy to edit, then publish. A version with answers is never
edited (the admin refuses it); it is replaced by publishing its successor."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.models import Choice, Question, QuestionnaireVersion
from requests_app.services.base import RequestError


def version_copy(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """An unpublished copy of ``version`` with the next number, its questions and choices."""
    with transaction.atomic():
        number = (
            QuestionnaireVersion.objects.select_for_update()
            .filter(questionnaire_id=version.questionnaire_id)
            .aggregate(Max("number"))["number__max"]
        )
        copy = QuestionnaireVersion.objects.create(
            questionnaire_id=version.questionnaire_id,
            number=(number or 0) + 1,
            intro_da=version.intro_da,
            intro_en=version.intro_en,
        )
        for question in version.questions.prefetch_related("choices"):
            new = Question.objects.create(
                version=copy,
                order=question.order,
                code=question.code,
                kind=question.kind,
                text_da=question.text_da,
                text_en=question.text_en,
                required=question.required,
            )
            Choice.objects.bulk_create(
                Choice(question=new, order=c.order, text_da=c.text_da, text_en=c.text_en)
                for c in question.choices.all()
            )
    return copy


def version_publish(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """From now on new rounds use this version (the newest published one)."""
    if version.published_at is not None:
        return version
    questions = list(version.questions.prefetch_related("choices"))
    if not questions:
        raise RequestError(_("A version without questions cannot be published."))
    if any(question.has_choices and not question.choices.all() for question in questions):
        raise RequestError(_("Every choice question needs at least one choice."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version
