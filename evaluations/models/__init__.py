"""The models of evaluations, one module per aggregate (``__init__`` re-exports)."""

from evaluations.models.experience import ProgrammeExperience
from evaluations.models.questionnaires import (
    Choice,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    RoundKind,
)
from evaluations.models.rounds import (
    Answer,
    DeliveryReport,
    EvaluationRound,
    Response,
    RoundEvent,
)

__all__ = [
    "Answer",
    "Choice",
    "DeliveryReport",
    "EvaluationRound",
    "ProgrammeExperience",
    "Question",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "RoundEvent",
    "RoundKind",
]
