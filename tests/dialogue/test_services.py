"""The dialogue's services: what they store, what they refuse (in Danish, storing nothing),
and how the provider's first contact takes up the dialogue (issue 18, points 1-4)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dialogue import services
from dialogue.models import Attachment, MeetingProposal, Message, RecordedContact
from requests_app.models import Action, Deadline, Status
from requests_app.services.base import RequestError
from tests.dialogue.conftest import docx, in_days, pdf, png

pytestmark = pytest.mark.django_db


def test_a_message_with_attachments_is_stored_with_role_and_detected_types(people, at_provider):
    message = services.message_post(
        request_pk=at_provider.pk,
        user=people["leader"],
        body="  Hej NFA\nVi har et notat.  ",
        files=[pdf(), docx(), png()],
    )
    assert message.body == "Hej NFA\nVi har et notat."
    assert message.author_role == "Leder"
    assert not message.from_provider
    types = sorted(a.content_type for a in message.attachments.all())
    assert types == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/png",
    ]
    stored = message.attachments.get(original_name="notat.pdf")
    assert "notat" not in stored.file.name and not stored.file.name.endswith(".pdf")
    assert len(stored.file.name.rsplit("/", 1)[1]) >= 40
    # A local party's message is no contact from the provider: the clock still runs.
    at_provider.refresh_from_db()
    assert at_provider.status == Status.AT_PROVIDER


def test_the_providers_first_message_takes_up_the_dialogue_at_that_moment(people, at_provider):
    message = services.message_post(request_pk=at_provider.pk, user=people["staff"], body="Hej")
    at_provider.refresh_from_db()
    assert at_provider.status == Status.DIALOGUE
    assert at_provider.dialogue_started_on == timezone.localdate(message.created_at)
    deadline = Deadline.objects.get(request=at_provider, kind=Deadline.Kind.DIALOGUE)
    assert deadline.met_at == message.created_at
    assert message.author_role == "NFA" and message.from_provider
    started = at_provider.events.filter(action=Action.REQUEST_DIALOGUE_STARTED)
    assert started.count() == 1
    assert started.get().data["on_time"] is True
    # The second message changes nothing more.
    services.message_post(request_pk=at_provider.pk, user=people["staff"], body="Igen")
    assert at_provider.events.filter(action=Action.REQUEST_DIALOGUE_STARTED).count() == 1


def test_a_proposal_takes_up_the_dialogue_and_is_on_the_timeline(people, at_provider):
    proposal = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.VIDEO,
        place="https://video.example/abc",
        slots=[(in_days(3), 60), (in_days(4), 90)],
    )
    at_provider.refresh_from_db()
    assert at_provider.status == Status.DIALOGUE
    assert proposal.slots.count() == 2
    actions = list(at_provider.events.values_list("action", flat=True))
    assert Action.MEETING_PROPOSED in actions and Action.REQUEST_DIALOGUE_STARTED in actions


def test_a_recorded_contact_takes_up_the_dialogue_on_its_date(people, at_provider):
    from requests_app.models import Request

    Request.objects.filter(pk=at_provider.pk).update(
        reached_provider_at=timezone.now() - datetime.timedelta(days=3)
    )
    day = timezone.localdate() - datetime.timedelta(days=1)
    services.contact_record(
        request_pk=at_provider.pk,
        user=people["staff"],
        happened_on=day,
        participants="Lene Leder, Konsulent",
        note="Telefonmøde",
    )
    at_provider.refresh_from_db()
    assert at_provider.status == Status.DIALOGUE
    assert at_provider.dialogue_started_on == day
    met = Deadline.objects.get(request=at_provider, kind=Deadline.Kind.DIALOGUE).met_at
    assert timezone.localdate(met) == day
    assert at_provider.events.filter(action=Action.CONTACT_RECORDED).exists()


def test_a_contact_in_the_future_is_refused(people, at_provider):
    with pytest.raises(RequestError, match="mellem"):
        services.contact_record(
            request_pk=at_provider.pk,
            user=people["staff"],
            happened_on=timezone.localdate() + datetime.timedelta(days=1),
            participants="X",
        )
    assert not RecordedContact.objects.exists()


def _refused(people, at_provider, match, **kwargs):
    kwargs.setdefault("body", "Hej")
    with pytest.raises(RequestError, match=match):
        services.message_post(request_pk=at_provider.pk, user=people["leader"], **kwargs)
    assert not Message.objects.exists()
    assert not Attachment.objects.exists()


def test_an_empty_message_is_refused(people, at_provider):
    _refused(people, at_provider, "Skriv en besked", body=" \n\x00 ")


def test_a_message_over_the_limit_is_refused(people, at_provider):
    _refused(people, at_provider, "for lang.*5.000", body="x" * 5001)


def test_an_11_mb_file_is_refused(people, at_provider):
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    _refused(people, at_provider, "højst fylde 10 MB", files=[big])


def test_an_exe_renamed_pdf_is_refused(people, at_provider):
    exe = SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    _refused(people, at_provider, "ikke en filtype", files=[exe])


def test_a_sixth_attachment_is_refused(people, at_provider):
    _refused(
        people, at_provider, "højst vedhæftes 5 filer", files=[pdf(f"{n}.pdf") for n in range(6)]
    )


def test_people_off_the_thread_cannot_post(people, at_provider):
    for role in ["colleague", "outsider", "other_staff", "coordinator", "central"]:
        with pytest.raises(RequestError):
            services.message_post(request_pk=at_provider.pk, user=people[role], body="Hej")
    assert not Message.objects.exists()


def test_accept_ask_and_cancel(people, at_provider):
    proposal = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.IN_PERSON,
        place="Afsnit 3, Sygehusvej 1",
        slots=[(in_days(3), 60), (in_days(5), 60)],
    )
    with pytest.raises(RequestError):  # the provider does not accept its own proposal
        services.proposal_accept(
            proposal_pk=proposal.pk, user=people["staff"], slot_pk=proposal.slots.first().pk
        )
    services.proposal_ask_other_times(proposal_pk=proposal.pk, user=people["amr"], answer="Uge 3")
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.OTHER_TIMES
    second = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(8), 30)],
    )
    slot = second.slots.get()
    services.proposal_accept(proposal_pk=second.pk, user=people["amr"], slot_pk=slot.pk)
    second.refresh_from_db()
    assert second.is_accepted and second.accepted_slot == slot
    services.proposal_cancel(proposal_pk=second.pk, user=people["leader"], reason="Syg")
    second.refresh_from_db()
    assert second.state == MeetingProposal.State.CANCELLED
    actions = list(at_provider.events.values_list("action", flat=True))
    for action in [
        Action.MEETING_PROPOSED,
        Action.MEETING_OTHER_TIMES,
        Action.MEETING_ACCEPTED,
        Action.MEETING_CANCELLED,
    ]:
        assert action in actions


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"mode": "in_person", "place": "", "slots": [(1, 60)]}, "adresse"),
        ({"mode": "video", "place": "javascript:alert(1)", "slots": [(1, 60)]}, "https://"),
        ({"mode": "phone", "slots": []}, "mindst ét"),
        ({"mode": "phone", "slots": [(1, 60), (2, 60), (3, 60), (4, 60)]}, "højst tre"),
        ({"mode": "phone", "slots": [(-1, 60)]}, "fremtiden"),
    ],
)
def test_bad_proposals_are_refused(people, at_provider, kwargs, match):
    kwargs = {**kwargs, "slots": [(in_days(days), m) for days, m in kwargs["slots"]]}
    with pytest.raises(RequestError, match=match):
        services.proposal_create(request_pk=at_provider.pk, user=people["staff"], **kwargs)
    assert not MeetingProposal.objects.exists()
    at_provider.refresh_from_db()
    assert at_provider.status == Status.AT_PROVIDER


def test_messages_are_append_only(people, at_provider):
    from django.core.exceptions import ValidationError

    message = services.message_post(request_pk=at_provider.pk, user=people["leader"], body="A")
    message.body = "B"
    with pytest.raises(ValidationError):
        message.save()
    with pytest.raises(ValidationError):
        message.delete()
