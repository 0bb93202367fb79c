"""seed_demo's dialogue (issue 18, point 8): threads with messages and an attachment, a
proposed and an accepted meeting, and frames used to different degrees — once, however often
it runs."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from dialogue.capacity import CACHE_KEY, compute
from dialogue.models import Attachment, MeetingProposal, Message
from providers.models import Provider
from requests_app.models import Status


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_seed_demo_shows_every_state_of_the_dialogue(settings):
    settings.DEBUG = True
    cache.delete(CACHE_KEY)
    _seed()

    # At the provider: the leader's message with a PDF, not answered yet.
    waiting = Message.objects.filter(request__title="Sammenlægning af to sengeafsnit")
    assert waiting.count() == 1 and not waiting.get().from_provider
    attachment = Attachment.objects.get(message=waiting.get())
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "baggrundsnotat.pdf"
    assert attachment.file.storage.exists(attachment.file.name)
    assert waiting.get().request.status == Status.AT_PROVIDER

    # In dialogue: both sides wrote, two times proposed and waiting for an answer.
    talking = Message.objects.filter(request__title="Trivsel efter omstruktureringen")
    assert talking.count() == 2 and talking.filter(from_provider=True).count() == 1
    proposed = MeetingProposal.objects.get(request__title="Trivsel efter omstruktureringen")
    assert proposed.is_open and proposed.slots.count() == 2
    assert proposed.request.status == Status.DIALOGUE

    # Contracted: the first meeting accepted.
    accepted = MeetingProposal.objects.get(request__title="Kommunikation ved vagtskifte")
    assert accepted.is_accepted and accepted.accepted_slot is not None
    assert accepted.decided_by.email == "amr@demo.dk"

    # Frames used to different degrees: plenty, limited, full with a later period, full.
    figures = compute()
    levels = {
        slug: figures[pk]
        for pk, slug in Provider.objects.filter(pk__in=figures).values_list("pk", "slug")
    }
    assert levels["nfa"].level == "good"
    assert levels["cbs"].level == "limited" and levels["cbs"].below_threshold
    assert levels["alectia"].nothing_left and not levels["alectia"].refused
    assert levels["ruc"].refused

    counts = (Message.objects.count(), Attachment.objects.count(), MeetingProposal.objects.count())
    _seed()
    assert (
        Message.objects.count(),
        Attachment.objects.count(),
        MeetingProposal.objects.count(),
    ) == counts
