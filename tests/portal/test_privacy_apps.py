"""The apps above accounts take part in personal data (issue 16, Data): the dialogue's messages
and the API's tokens are in the download, forgetting a user revokes their tokens, and a closed
request's dialogue and evaluation free text expire with it."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.privacy import personal_data, user_anonymise
from api.models import ApiToken
from api.tokens import token_create
from dialogue.models import Message
from dialogue.services import message_post
from requests_app.services import intake
from requests_app.services.retention import ANONYMISED
from requests_app.tasks import anonymise_expired_free_text
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_dialogue(db):
    _, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    message_post(request_pk=request.pk, user=leader, body="Vi har travlt i afsnittet.")
    return {"leader": leader, "amr": amr, "staff": staff, "request": request}


def test_the_download_holds_the_users_messages_and_tokens(in_dialogue):
    staff = in_dialogue["staff"]
    token_create(user=staff, name="Regneark")
    data = personal_data(in_dialogue["leader"])
    assert [m["text"] for m in data["dialogue"]["messages"]] == ["Vi har travlt i afsnittet."]
    tokens = personal_data(staff)["api_tokens"]
    assert [t["name"] for t in tokens] == ["Regneark"]
    assert "token_hash" not in tokens[0]


def test_forgetting_a_user_revokes_their_tokens(in_dialogue):
    staff = in_dialogue["staff"]
    token, _ = token_create(user=staff, name="Regneark")
    user_anonymise(user_pk=staff.pk, by=factories.CentralPartyFactory().user)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not ApiToken.objects.filter(user=staff, revoked_at__isnull=True).exists()


def test_a_closed_requests_dialogue_expires_with_its_free_text(in_dialogue, settings):
    settings.FREE_TEXT_RETENTION_DAYS = 10
    request = in_dialogue["request"]
    intake.request_withdraw(request_pk=request.pk, user=in_dialogue["leader"], reason="Ikke nu")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=11), tick=False):
        assert anonymise_expired_free_text() == 1
    assert list(Message.objects.filter(request=request).values_list("body", flat=True)) == [
        ANONYMISED
    ]
