"""Questionnaires as data: a questionnaire per kind of round, in numbered versions.

A version that has answers is never changed, only replaced by a new version (the admin
refuses the change, ``evaluations.admin``); every response keeps the version it answered.
New rounds take the newest published version of their questionnaire.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate evaluation")
    FOLLOW_UP = "follow_up", _("Follow-up evaluation")


def _in_language(danish: str, english: str) -> str:
    """The English text on English pages when there is one; Danish otherwise."""
    if english and (get_language() or "da").startswith("en"):
        return english
    return danish


class Questionnaire(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices, unique=True)
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["kind"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self.title_da, self.title_en)


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveIntegerField(_("version number"))
    intro_da = models.TextField(_("introduction (Danish)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="one_number_per_questionnaire"
            )
        ]

    def __str__(self):
        return _("%(questionnaire)s, version %(number)s") % {
            "questionnaire": self.questionnaire,
            "number": self.number,
        }

    @property
    def intro(self) -> str:
        return _in_language(self.intro_da, self.intro_en)


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale5", _("Five-point scale with 'don't know'")
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("One choice")
        MULTI_CHOICE = "multi_choice", _("Several choices")

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("version"),
    )
    order = models.PositiveIntegerField(_("order"))
    # A stable name across versions ("relevance", "effect" …): results compare like with like.
    code = models.SlugField(_("code"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_da = models.CharField(_("question (Danish)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="one_question_per_place"),
            models.UniqueConstraint(fields=["version", "code"], name="one_code_per_version"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self.text_da, self.text_en)

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.CHOICE, self.Kind.MULTI_CHOICE)

    @property
    def is_scale(self) -> bool:
        return self.kind == self.Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.kind == self.Kind.TEXT

    @property
    def is_multi_choice(self) -> bool:
        return self.kind == self.Kind.MULTI_CHOICE


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    order = models.PositiveIntegerField(_("order"))
    text_da = models.CharField(_("choice (Danish)"), max_length=300)
    text_en = models.CharField(_("choice (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order"]
        constraints = [
            models.UniqueConstraint(fields=["question", "order"], name="one_choice_per_place")
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self.text_da, self.text_en)
