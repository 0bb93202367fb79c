"""The seeded questionnaires and the participant token."""

import pytest
from django.test import override_settings

from evaluations import tokens
from evaluations.models import Question, Questionnaire, RoundKind


@pytest.mark.django_db
def test_both_questionnaires_are_seeded_in_danish_and_english():
    immediate = Questionnaire.objects.get(kind=RoundKind.IMMEDIATE)
    follow_up = Questionnaire.objects.get(kind=RoundKind.FOLLOW_UP)
    for questionnaire in (immediate, follow_up):
        version = questionnaire.versions.get(number=1)
        assert version.published_at is not None
        for question in version.questions.all():
            assert question.text_da and question.text_en
    codes = set(immediate.versions.get().questions.values_list("code", flat=True))
    assert {"relevance", "usefulness", "quality", "solution_oriented", "recommend"} <= codes
    assert Question.objects.filter(version__questionnaire=immediate, kind="text").exists()
    actions = follow_up.versions.get().questions.get(code="actions")
    assert actions.kind == Question.Kind.MULTI_CHOICE
    assert actions.choices.count() >= 4
    assert {"effect", "continue_with", "use_again"} <= set(
        follow_up.versions.get().questions.values_list("code", flat=True)
    )


class _Round:
    def __init__(self, salt, hash_):
        self.token_salt, self.token_hash = salt, hash_


def test_token_has_at_least_128_bits_and_is_stored_only_hashed():
    salt, hash_ = tokens.new_link()
    round = _Round(salt, hash_)
    token = tokens.token_for(round)
    assert len(token) >= 43  # 256 bits in URL-safe base64
    assert token not in (salt, hash_)
    assert tokens.token_hash(token) == hash_
    assert tokens.new_link()[0] != salt


def test_token_survives_a_rotated_secret_key():
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        salt, hash_ = tokens.new_link()
        token = tokens.token_for(_Round(salt, hash_))
    with override_settings(SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[]):
        assert tokens.token_for(_Round(salt, hash_)) is None
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert tokens.token_for(_Round(salt, hash_)) == token
