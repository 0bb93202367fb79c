"""Issue 16: the dialogue's forms under arbitrary input, through their pages: a message with
files of any name and content (plain and with htmx), a meeting proposal, an answer to one, its
acceptance, and a recorded contact. No 500, and a refusal stores nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from dialogue import services
from dialogue.models import MeetingProposal
from tests.dialogue.conftest import at_provider, in_days, people  # noqa: F401
from tests.fuzz.helpers import FUZZ, odd, post_checked

SOON = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
day = st.one_of(odd, st.just(SOON), st.dates().map(datetime.date.isoformat))
time = st.one_of(odd, st.just("10:00"), st.times().map(datetime.time.isoformat))
# Names without the characters a browser never sends in a file name (the test client would
# break the multipart body itself on them).
file_name = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters='"/\\'), max_size=80
)
upload = st.tuples(
    file_name,
    st.one_of(st.binary(max_size=400), st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04"])),
)


@pytest.fixture
def proposal(people, at_provider):  # noqa: F811
    """Two times proposed by the provider, still open."""
    return services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(3), 60), (in_days(4), 60)],
    )


@pytest.mark.django_db
@FUZZ
@example(body="Hej", files=[("notat.pdf", b"%PDF-1.4\n%%EOF")], role="staff", htmx=False)
@example(body="Hej", files=[], role="leader", htmx=True)
@given(
    body=odd,
    files=st.lists(upload, max_size=2),
    role=st.sampled_from(["leader", "staff"]),
    htmx=st.booleans(),
)
def test_message_form_with_files(client, people, at_provider, body, files, role, htmx):  # noqa: F811
    client.force_login(people[role])
    data = {
        "body": body,
        "files": [SimpleUploadedFile(name or "x", content) for name, content in files],
    }
    url = reverse("dialogue:post", args=[at_provider.pk])
    if not htmx:
        post_checked(client, url, data)
        return
    # With htmx both answers are a 200 fragment; a refusal is retargeted at the form's error.
    response = post_checked(
        client,
        url,
        data,
        headers={"HX-Request": "true"},
        was_refused=lambda response: response.has_header("HX-Retarget"),
    )
    assert response.status_code == 200


@pytest.mark.django_db
@FUZZ
@example(
    fields={"mode": "phone", "place": "", "minutes": "60", "note": ""},
    slots=[(SOON, "10:00")],
)
@given(
    fields=st.fixed_dictionaries(
        {
            "mode": st.one_of(odd, st.sampled_from(["in_person", "phone", "video"])),
            "place": odd,
            "minutes": st.one_of(odd, st.integers().map(str)),
            "note": odd,
        }
    ),
    slots=st.lists(st.tuples(day, time), max_size=3),
)
def test_proposal_form(client, people, at_provider, fields, slots):  # noqa: F811
    client.force_login(people["staff"])
    data = dict(fields)
    for number, (on, at) in enumerate(slots, start=1):
        data[f"day_{number}"], data[f"time_{number}"] = on, at
    post_checked(client, reverse("dialogue:propose", args=[at_provider.pk]), data)


@pytest.mark.django_db
@FUZZ
@example(happened_on=SOON, participants="Lene og Kurt", note="")
@given(happened_on=day, participants=odd, note=odd)
def test_contact_form(client, people, at_provider, happened_on, participants, note):  # noqa: F811
    client.force_login(people["staff"])
    data = {"happened_on": happened_on, "participants": participants, "note": note}
    post_checked(client, reverse("dialogue:contact", args=[at_provider.pk]), data)


@pytest.mark.django_db
@FUZZ
@given(
    answer=odd,
    action=st.sampled_from(["dialogue:other_times", "dialogue:cancel"]),
    role=st.sampled_from(["leader", "amr", "staff"]),
    seen_state=st.one_of(odd, st.sampled_from(MeetingProposal.State.values)),
)
def test_answer_form(client, people, proposal, answer, action, role, seen_state):  # noqa: F811
    client.force_login(people[role])
    data = {"answer": answer, "seen_state": seen_state}  # the state the cancelling page showed
    post_checked(client, reverse(action, args=[proposal.pk]), data)


@pytest.mark.django_db
@FUZZ
@given(slot=st.one_of(odd, st.integers(min_value=-(2**70), max_value=2**70).map(str)))
def test_accepting_a_proposal_with_any_slot(client, people, proposal, slot):  # noqa: F811
    client.force_login(people["amr"])
    post_checked(client, reverse("dialogue:accept", args=[proposal.pk]), {"slot": slot})


@pytest.mark.django_db
@FUZZ
@given(before=st.one_of(odd, st.integers(min_value=-(2**70), max_value=2**70).map(str)))
def test_older_messages_with_any_cursor(client, people, at_provider, before):  # noqa: F811
    client.force_login(people["leader"])
    url = reverse("dialogue:older", args=[at_provider.pk])
    assert client.get(url, {"before": before}).status_code < 500
