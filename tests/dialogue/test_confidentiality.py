"""What the people on a thread write is for them only (issue 18, point 1): the region's
coordinator and the central parties see on the request page that a dialogue exists (how many
messages, the first and the last date) and what happened on the timeline, never the words —
not of a message, a meeting proposal's note, the answer asking for other times, the reason a
meeting was cancelled, nor who took part in a recorded contact and its note. The words are
kept off the event log and the request's "dialogue started" note, which everything that shows
or exports the request reads."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from dialogue import services
from dialogue.models import MeetingProposal, Message
from requests_app.models import Action, Request, RequestEvent, Status
from tests.dialogue.conftest import in_days

pytestmark = pytest.mark.django_db

SECRETS = {
    "message": "Hemmeligt om konflikten i afsnittet",
    "reply": "Hemmeligt svar fra udbyderen",
    "proposal_note": "Hemmelig note til mødet",
    "other_times": "Hemmeligt ønske om andre tider",
    "cancel_reason": "Hemmelig grund til aflysningen",
    "participants": "Hemmelig Deltagersen",
    "contact_note": "Hemmelig kontaktnote",
}


@pytest.fixture
def conversation(people, at_provider):
    pk = at_provider.pk
    Request.objects.filter(pk=pk).update(
        reached_provider_at=timezone.now() - datetime.timedelta(days=4)
    )
    services.contact_record(
        request_pk=pk,
        user=people["staff"],
        happened_on=timezone.localdate() - datetime.timedelta(days=3),
        participants=SECRETS["participants"],
        note=SECRETS["contact_note"],
    )
    first = services.message_post(request_pk=pk, user=people["leader"], body=SECRETS["message"])
    last = services.message_post(request_pk=pk, user=people["staff"], body=SECRETS["reply"])
    # The first message two days earlier: the summary names both dates.
    Message.objects.filter(pk=first.pk).update(
        created_at=first.created_at - datetime.timedelta(days=2)
    )
    asked = services.proposal_create(
        request_pk=pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(3), 30)],
        note=SECRETS["proposal_note"],
    )
    services.proposal_ask_other_times(
        proposal_pk=asked.pk, user=people["amr"], answer=SECRETS["other_times"]
    )
    cancelled = services.proposal_create(
        request_pk=pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(5), 30)],
    )
    services.proposal_cancel(
        proposal_pk=cancelled.pk, user=people["leader"], reason=SECRETS["cancel_reason"]
    )
    at_provider.refresh_from_db()
    assert at_provider.status == Status.DIALOGUE
    first.refresh_from_db()
    return {"request": at_provider, "first": first.created_at, "last": last.created_at}


def _da(value):
    with translation.override("da"):
        return date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


@pytest.mark.parametrize("role", ["coordinator", "central"])
def test_the_region_and_the_central_parties_see_counts_and_dates_never_the_text(
    client, people, conversation, role
):
    client.force_login(people[role])
    response = client.get(conversation["request"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for what, text in SECRETS.items():
        assert text not in html, what
    summary = html.split('id="dialogue-summary"')[1].split("</p>")[0]
    first, last = _da(conversation["first"]), _da(conversation["last"])
    assert first != last
    assert "2 beskeder" in summary and first in summary and last in summary
    # The timeline still says what happened, and when.
    with translation.override("da"):
        for action in (
            Action.CONTACT_RECORDED,
            Action.MEETING_OTHER_TIMES,
            Action.MEETING_CANCELLED,
            Action.REQUEST_DIALOGUE_STARTED,
        ):
            assert str(action.label) in html
        assert "Udbyderen registrerede et opkald eller møde" in html


def test_the_people_on_the_thread_still_read_every_word(client, people, conversation):
    client.force_login(people["leader"])
    html = client.get(conversation["request"].get_absolute_url()).content.decode()
    for what, text in SECRETS.items():
        assert text in html, what


def test_no_word_of_the_dialogue_is_in_the_event_log_or_on_the_request(conversation):
    """The event log and the request's own fields are what the timeline, its e-mail, the
    dashboards' lists and the API read: none of them holds the dialogue's words."""
    request = conversation["request"]
    events = json.dumps(
        list(RequestEvent.objects.filter(request=request).values_list("action", "data")),
        ensure_ascii=False,
    )
    fields = json.dumps(list(Request.objects.filter(pk=request.pk).values()), default=str)
    for what, text in SECRETS.items():
        assert text not in events, what
        assert text not in fields, what
    actions = set(RequestEvent.objects.filter(request=request).values_list("action", flat=True))
    assert {Action.CONTACT_RECORDED, Action.MEETING_OTHER_TIMES, Action.MEETING_CANCELLED} <= (
        actions
    )


def test_the_api_and_the_dashboard_export_hold_no_word_of_it(client, people, conversation):
    client.force_login(people["central"])
    for url in ("/api/v1/requests", "/dashboard/requests/?export=csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode()
        assert conversation["request"].title in body, url  # the request is in it
        for what, text in SECRETS.items():
            assert text not in body, (url, what)


def test_the_data_migration_takes_the_words_off_rows_written_before(people, at_provider):
    import importlib

    from django.apps import apps

    words = "Lene Leder: Hemmelig kontaktnote"
    RequestEvent.objects.create(
        request=at_provider,
        action=Action.CONTACT_RECORDED,
        data={"note": words, "happened_on": "x"},
    )
    RequestEvent.objects.create(
        request=at_provider, action=Action.MEETING_CANCELLED, data={"reason": "Hemmelig grund"}
    )
    RequestEvent.objects.create(
        request=at_provider,
        action=Action.REQUEST_DIALOGUE_STARTED,
        data={"note": f"Kontakt registreret: {words}"},
    )
    first = RequestEvent.objects.create(
        request=at_provider,
        action=Action.REQUEST_DIALOGUE_STARTED,
        data={"note": "Udbyderens første besked"},
    )
    Request.objects.filter(pk=at_provider.pk).update(dialogue_note=f"Kontakt registreret: {words}")
    migration = importlib.import_module("dialogue.migrations.0002_words_off_the_timeline")
    migration.forwards(apps, None)
    data = json.dumps(
        list(RequestEvent.objects.filter(request=at_provider).values_list("data", flat=True)),
        ensure_ascii=False,
    )
    assert "Hemmelig" not in data
    assert '"happened_on": "x"' in data
    at_provider.refresh_from_db()
    first.refresh_from_db()
    assert at_provider.dialogue_note == "Udbyderen registrerede et opkald eller møde"
    assert first.data == {"note": "Udbyderens første besked"}
