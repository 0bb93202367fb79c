"""Evaluation rounds and their anonymous responses.

A delivery opens two rounds (``services.rounds``): the immediate one at once, the follow-up
three months later until six months after delivery, each beside its deadline in
``requests_app``. Participants answer through an unguessable link (``evaluations.tokens``);
a response keeps no user, no IP address and no time of day — only the date.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations.models.questionnaires import Choice, Question, QuestionnaireVersion, RoundKind
from requests_app.models import Request


class EvaluationRound(models.Model):
    class State(models.TextChoices):
        """Derived, never stored: see ``EvaluationRound.state``."""

        SCHEDULED = "scheduled", _("Not open yet")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")
        CLOSED_EMPTY = "closed_empty", _("Closed without responses")

    request = models.ForeignKey(
        Request,
        on_delete=models.CASCADE,
        related_name="evaluation_rounds",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("questionnaire version"),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_without_responses = models.BooleanField(_("closed without responses"), default=False)
    # The participant link: a random salt from which the token is derived with the secret key,
    # and the token's SHA-256, by which a participant's link is found (evaluations.tokens).
    token_salt = models.CharField(_("link salt"), max_length=64)
    token_hash = models.CharField(_("link fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["request", "opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="one_round_per_kind"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            ),
        ]
        indexes = [
            # The closing task reads open rounds by their closing time.
            models.Index(
                fields=["closes_at"],
                name="round_due_idx",
                condition=Q(closed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.request}"

    @property
    def state(self) -> str:
        if self.closed_at is not None:
            return self.State.CLOSED_EMPTY if self.closed_without_responses else self.State.CLOSED
        if timezone.now() < self.opens_at:
            return self.State.SCHEDULED
        if timezone.now() >= self.closes_at:
            # Time is up; the periodic task closes it (services.rounds.rounds_close_due).
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class RoundEvent(models.Model):
    """What happened to a round and who did it (append-only, written by the services)."""

    class Action(models.TextChoices):
        OPENED = "round.opened", _("Round created at delivery")
        EXTENDED = "round.extended", _("Collection extended")
        CLOSED = "round.closed", _("Collection closed by the local parties")
        CLOSED_ON_TIME = "round.closed_on_time", _("Collection closed when its time was up")
        LINK_RENEWED = "round.link_renewed", _("New participant link")
        REOPENED = "round.reopened", _("Collection reopened after closing without responses")

    round = models.ForeignKey(
        EvaluationRound, on_delete=models.CASCADE, related_name="events", verbose_name=_("round")
    )
    action = models.CharField(_("what happened"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("round event")
        verbose_name_plural = _("round events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.round}"


class Response(models.Model):
    """One participant's answers: no user, no IP address, only the date it came in."""

    round = models.ForeignKey(
        EvaluationRound,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("round"),
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("questionnaire version"),
    )
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        # Not by time of arrival beyond the date: the order must not tell who answered.
        ordering = ["round", "submitted_on"]

    def __str__(self):
        return _("Response to %(round)s") % {"round": self.round}


class Answer(models.Model):
    """One answer to one question. A scale answer holds ``value`` 1–5 or ``dont_know``; a free
    text ``text``; a choice ``choice`` — one row per chosen option for several choices."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    dont_know = models.BooleanField(_("don't know"), default=False)
    choice = models.ForeignKey(
        Choice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("choice"),
    )
    text = models.TextField(_("text"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="answer_value_one_to_five",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(choice__isnull=True),
                name="one_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="one_answer_per_choice",
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.value or self.choice_id or self.text[:30]}"


class DeliveryReport(models.Model):
    """The provider's short account of what it delivered, shown beside the results."""

    request = models.OneToOneField(
        Request,
        on_delete=models.CASCADE,
        related_name="delivery_report",
        verbose_name=_("request"),
    )
    delivered = models.TextField(_("what was delivered"), max_length=4000)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    participants = models.PositiveIntegerField(_("participants"))
    materials = models.TextField(_("materials handed over"), blank=True, max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery report")
        verbose_name_plural = _("delivery reports")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="report_hours_not_negative")
        ]

    def __str__(self):
        return _("Delivery report – %(request)s") % {"request": self.request}
