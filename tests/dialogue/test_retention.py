"""The dialogue's free text expires with its request's (issue 16, Data; issue 18 audit, point
9): message bodies, a proposal's note and the answer to it, a recorded contact's participants
and note become the marker; who, when, the meeting's times and place stay."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from dialogue import services
from dialogue.models import MeetingProposal, Message, RecordedContact
from requests_app.services import intake
from requests_app.services.retention import ANONYMISED
from requests_app.tasks import anonymise_expired_free_text
from tests.dialogue.conftest import in_days

pytestmark = pytest.mark.django_db


def _conversation(people, request):
    services.contact_record(
        request_pk=request.pk,
        user=people["staff"],
        happened_on=timezone.localdate(),
        participants="Lene Leder, Arne AMR",
        note="Talte om konflikten",
    )
    services.message_post(request_pk=request.pk, user=people["leader"], body="Om konflikten")
    asked = services.proposal_create(
        request_pk=request.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.IN_PERSON,
        place="Sygehusvej 1",
        slots=[(in_days(3), 60)],
        note="Medbring jeres APV",
    )
    services.proposal_ask_other_times(proposal_pk=asked.pk, user=people["amr"], answer="Uge 3")
    cancelled = services.proposal_create(
        request_pk=request.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(4), 30)],
        note="Ring til lederen",
    )
    services.proposal_cancel(proposal_pk=cancelled.pk, user=people["leader"], reason="Syg")
    return asked, cancelled


def test_the_dialogues_free_text_expires_with_the_request(settings, people, at_provider):
    settings.FREE_TEXT_RETENTION_DAYS = 30
    asked, cancelled = _conversation(people, at_provider)
    # Another request, still open, keeps its dialogue's words.
    from tests import factories

    other = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
    intake.request_submit(request_pk=other.pk, user=people["leader"])
    intake.request_confirm(request_pk=other.pk, user=people["amr"])
    services.contact_record(
        request_pk=other.pk,
        user=people["staff"],
        happened_on=timezone.localdate(),
        participants="Kirsten",
        note="Stadig i gang",
    )
    intake.request_withdraw(request_pk=at_provider.pk, user=people["leader"])

    later = timezone.now() + datetime.timedelta(days=31)
    with time_machine.travel(later, tick=False):
        assert anonymise_expired_free_text() == 1

    assert set(Message.objects.filter(request=at_provider).values_list("body", flat=True)) == {
        ANONYMISED
    }
    for proposal in (asked, cancelled):
        proposal.refresh_from_db()
        assert (proposal.note, proposal.answer) == (ANONYMISED, ANONYMISED)
    asked.refresh_from_db()
    assert asked.place == "Sygehusvej 1" and asked.slots.count() == 1
    contact = RecordedContact.objects.get(request=at_provider)
    assert (contact.participants, contact.note) == (ANONYMISED, ANONYMISED)
    assert contact.happened_on == timezone.localdate()
    kept = RecordedContact.objects.get(request=other)
    assert (kept.participants, kept.note) == ("Kirsten", "Stadig i gang")


def test_empty_text_stays_empty(settings, people, at_provider):
    settings.FREE_TEXT_RETENTION_DAYS = 30
    proposal = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(3), 30)],
    )
    intake.request_withdraw(request_pk=at_provider.pk, user=people["leader"])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        assert anonymise_expired_free_text() == 1
    proposal.refresh_from_db()
    assert (proposal.note, proposal.answer) == ("", "")
