"""The participant's questionnaire, built from the round's version of the questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.models import Question
from evaluations.services.responses import DONT_KNOW, TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin

SCALE = [
    ("1", _("To a very small extent")),
    ("2", _("To a small extent")),
    ("3", _("To some extent")),
    ("4", _("To a large extent")),
    ("5", _("To a very large extent")),
    (DONT_KNOW, _("Don't know")),
]


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class ResponseForm(CleanTextMixin, forms.Form):
    """One field per question; ``answers()`` maps each question to its cleaned value."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = self._field(question)

    @staticmethod
    def _field(question: Question):
        common = {"label": question.text, "required": question.required}
        if question.kind == Question.Kind.SCALE:
            return forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.TEXT:
            return forms.CharField(
                max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        # The choices were prefetched with the question (selectors.rounds.questions_of).
        choices = [(str(choice.pk), choice.text) for choice in question.choices.all()]
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )

    def answers(self) -> dict:
        """Question → "1"–"5" or DONT_KNOW, text, or a list of the chosen ``Choice`` rows."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if question.has_choices:
                chosen = set(value if isinstance(value, list) else [value] if value else [])
                value = [choice for choice in question.choices.all() if str(choice.pk) in chosen]
            answers[question] = value
        return answers

    def rows(self):
        """(question, bound field) pairs for the template."""
        return [(question, self[field_name(question)]) for question in self.questions]
