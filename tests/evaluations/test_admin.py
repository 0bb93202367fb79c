"""Central parties edit questionnaires in the admin; a version with answers is locked and
replaced by a copy that is then published."""

import pytest
from django.urls import reverse

from evaluations.models import Question, QuestionnaireVersion, RoundKind
from evaluations.services import rounds as round_services
from tests.accounts.admin_helpers import central_admin, post_data
from tests.evaluations.conftest import answer


@pytest.fixture
def central_client(client, db):
    client.force_login(central_admin())
    return client


def immediate_v1():
    return QuestionnaireVersion.objects.get(questionnaire__kind=RoundKind.IMMEDIATE, number=1)


@pytest.mark.django_db
def test_central_party_edits_an_unanswered_version(central_client):
    version = immediate_v1()
    url = reverse("admin:evaluations_questionnaireversion_change", args=[version.pk])
    page = central_client.get(url)
    assert page.status_code == 200
    data = post_data(page)
    data["intro_da"] = "Ny indledning"
    assert central_client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.intro_da == "Ny indledning"


@pytest.mark.django_db
def test_a_version_with_answers_is_locked_and_replaced(delivered, central_client):
    answer(delivered["immediate"])
    version = immediate_v1()
    url = reverse("admin:evaluations_questionnaireversion_change", args=[version.pk])
    page = central_client.get(url)
    assert page.status_code == 200
    assert 'name="intro_da"' not in page.text  # shown read-only
    central_client.post(url, {"intro_da": "Ændret"})
    version.refresh_from_db()
    assert version.intro_da != "Ændret"
    question = version.questions.first()
    question_url = reverse("admin:evaluations_question_change", args=[question.pk])
    central_client.post(question_url, {"text_da": "Ændret spørgsmål"})
    assert Question.objects.get(pk=question.pk).text_da == question.text_da
    delete = reverse("admin:evaluations_questionnaireversion_delete", args=[version.pk])
    assert central_client.get(delete).status_code == 403

    changelist = reverse("admin:evaluations_questionnaireversion_changelist")
    central_client.post(changelist, {"action": "copy_version", "_selected_action": [version.pk]})
    copy = QuestionnaireVersion.objects.get(questionnaire=version.questionnaire, number=2)
    assert copy.published_at is None
    assert copy.questions.count() == version.questions.count()
    # A draft copy is not used by new rounds until it is published.
    assert round_services.current_version(RoundKind.IMMEDIATE) == version
    central_client.post(changelist, {"action": "publish_version", "_selected_action": [copy.pk]})
    assert round_services.current_version(RoundKind.IMMEDIATE) == copy
    # The old answers keep the version they answered.
    assert delivered["immediate"].responses.get().version == version
