"""Every dialogue page and action for every role (issue 18, acceptance: permissions), and the
page itself: text as text, htmx and plain posting, downloads, unread marks."""

import pytest
from django.urls import reverse

from dialogue import services
from dialogue.models import MeetingProposal, Message
from requests_app.models import Status
from tests.dialogue.conftest import ON_THREAD, ROLES, SUMMARY_ONLY, in_days, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(people, at_provider):
    message = services.message_post(
        request_pk=at_provider.pk,
        user=people["leader"],
        body="Hemmeligt om arbejdsmiljøet <script>alert(1)</script> se https://x.dk/a?b=1&c=2.",
        files=[pdf("referat.pdf")],
    )
    proposal = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.IN_PERSON,
        place="Sygehusvej 1",
        slots=[(in_days(3), 60), (in_days(4), 60)],
    )
    services.proposal_accept(
        proposal_pk=proposal.pk, user=people["amr"], slot_pk=proposal.slots.first().pk
    )
    at_provider.refresh_from_db()
    return {
        "request": at_provider,
        "message": message,
        "attachment": message.attachments.get(),
        "proposal": proposal,
    }


def _client(client, people, role):
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_request_page_shows_the_thread_only_to_the_people_on_it(client, people, thread, role):
    response = _client(client, people, role).get(thread["request"].get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        return
    if role not in ON_THREAD | SUMMARY_ONLY:
        assert response.status_code == 404
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert ("Hemmeligt om arbejdsmiljøet" in html) == (role in ON_THREAD)
    assert ("referat.pdf" in html) == (role in ON_THREAD)
    if role in SUMMARY_ONLY:
        assert 'id="dialogue-summary"' in html and "1 besked" in html


@pytest.mark.parametrize("role", ROLES)
def test_thread_pages_and_files_answer_404_off_the_thread(client, people, thread, role):
    client = _client(client, people, role)
    pk = thread["request"].pk
    urls = [
        reverse("dialogue:older", args=[pk]) + f"?before={thread['message'].pk}",
        reverse("dialogue:attachment", args=[thread["attachment"].pk]),
        reverse("dialogue:calendar", args=[thread["proposal"].pk]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url
        elif role in ON_THREAD:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_posting_only_for_the_people_on_the_thread(client, people, thread, role):
    client = _client(client, people, role)
    response = client.post(reverse("dialogue:post", args=[thread["request"].pk]), {"body": "Ny"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role in ON_THREAD:
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    assert Message.objects.filter(body="Ny").exists() == (role in ON_THREAD)


@pytest.mark.parametrize("role", ROLES)
def test_meeting_actions_by_role(client, people, thread, role):
    request = thread["request"]
    proposal = services.proposal_create(
        request_pk=request.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(6), 30)],
    )
    client = _client(client, people, role)
    day = in_days(7)
    client.post(
        reverse("dialogue:propose", args=[request.pk]),
        {"mode": "phone", "day_1": day.date().isoformat(), "time_1": "10:00", "minutes": 30},
    )
    client.post(reverse("dialogue:accept", args=[proposal.pk]), {"slot": proposal.slots.get().pk})
    proposal.refresh_from_db()
    assert MeetingProposal.objects.count() == (3 if role == "staff" else 2)
    assert proposal.is_accepted == (role in {"leader", "amr"})
    response = client.post(
        reverse("dialogue:cancel", args=[thread["proposal"].pk]), {"seen_state": "accepted"}
    )
    thread["proposal"].refresh_from_db()
    cancelled = thread["proposal"].state == MeetingProposal.State.CANCELLED
    assert cancelled == (role in ON_THREAD)
    if role not in ON_THREAD and role != "anonymous":
        assert response.status_code == 404


def test_html_in_a_message_is_shown_as_text_and_links_are_safe(client, people, thread):
    client.force_login(people["staff"])
    html = client.get(thread["request"].get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<a href="https://x.dk/a?b=1&amp;c=2" rel="noopener nofollow" target="_blank">'
        "https://x.dk/a?b=1&amp;c=2</a>." in html
    )


def test_an_attachment_downloads_as_an_attachment(client, people, thread):
    client.force_login(people["staff"])
    response = client.get(reverse("dialogue:attachment", args=[thread["attachment"].pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="referat.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_meeting_downloads_as_ics(client, people, thread):
    client.force_login(people["leader"])
    response = client.get(reverse("dialogue:calendar", args=[thread["proposal"].pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "Sygehusvej 1" in body
    assert "Møde: Forandringer i akutmodtagelsen (NFA)" in body


def test_posting_with_htmx_returns_the_message_and_a_fresh_form(client, people, thread):
    client.force_login(people["amr"])
    response = client.post(
        reverse("dialogue:post", args=[thread["request"].pk]),
        {"body": "Via htmx"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Via htmx" in html and 'hx-swap-oob="true"' in html


def test_a_refusal_with_htmx_is_shown_in_the_form(client, people, thread):
    client.force_login(people["amr"])
    response = client.post(
        reverse("dialogue:post", args=[thread["request"].pk]),
        {"body": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#dialogue-compose-error"
    assert "Skriv en besked" in response.content.decode()


def test_a_refusal_without_javascript_comes_back_as_a_message(client, people, thread):
    client.force_login(people["amr"])
    response = client.post(
        reverse("dialogue:post", args=[thread["request"].pk]), {"body": "x" * 5001}, follow=True
    )
    assert response.status_code == 200
    assert "5.000" in response.content.decode()
    assert not Message.objects.filter(author=people["amr"]).exists()


def test_older_messages_load_on_demand(client, people, at_provider):
    for number in range(25):
        services.message_post(
            request_pk=at_provider.pk, user=people["leader"], body=f"Nr. {number}"
        )
    client.force_login(people["amr"])
    html = client.get(at_provider.get_absolute_url()).content.decode()
    assert "Nr. 24" in html and "Nr. 4<" not in html and "Vis ældre beskeder" in html
    oldest_shown = Message.objects.get(body="Nr. 5")
    url = reverse("dialogue:older", args=[at_provider.pk]) + f"?before={oldest_shown.pk}"
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Nr. 0" in fragment and "Nr. 4" in fragment and "Nr. 5" not in fragment
    assert "<html" not in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and "Nr. 0" in page


def test_unread_marks_on_the_page_inbox_and_start_page(client, people, at_provider):
    services.message_post(request_pk=at_provider.pk, user=people["leader"], body="Læs mig")
    client.force_login(people["staff"])
    assert 'id="start-unread"' in client.get("/").content.decode()
    inbox = client.get(reverse("requests:inbox")).content.decode()
    assert "1 ulæst" in inbox
    page = client.get(at_provider.get_absolute_url()).content.decode()
    assert 'id="dialogue-unread"' in page and ">Ny<" in page
    # Opening the page read it: the marks are gone, for this person only.
    assert 'id="dialogue-unread"' not in client.get(at_provider.get_absolute_url()).content.decode()
    assert 'id="start-unread"' not in client.get("/").content.decode()
    client.force_login(people["amr"])
    assert 'id="start-unread"' in client.get("/").content.decode()


def test_the_accepted_meeting_is_on_both_start_pages(client, people, thread):
    for role in ["leader", "staff"]:
        client.force_login(people[role])
        html = client.get("/").content.decode()
        assert 'id="start-meetings"' in html and "Sygehusvej 1" in html


def test_the_contract_form_shows_the_thread_and_its_attachments(client, people, thread):
    assert thread["request"].status == Status.DIALOGUE
    client.force_login(people["staff"])
    html = client.get(reverse("requests:contract_edit", args=[thread["request"].pk])).content
    html = html.decode()
    assert 'id="contract-dialogue"' in html and "referat.pdf" in html
    assert "Hemmeligt om arbejdsmiljøet" in html


def test_the_dialogue_started_at_the_providers_first_reply(client, people, at_provider):
    services.message_post(request_pk=at_provider.pk, user=people["leader"], body="Hej")
    at_provider.refresh_from_db()
    assert at_provider.status == Status.AT_PROVIDER
    client.force_login(people["staff"])
    client.post(reverse("dialogue:post", args=[at_provider.pk]), {"body": "Svar"})
    at_provider.refresh_from_db()
    assert at_provider.status == Status.DIALOGUE
    html = client.get(at_provider.get_absolute_url()).content.decode()
    assert 'id="dialogue-due" data-state="met"' in html


@pytest.mark.parametrize("answer", ["", "   \n  "])
def test_asking_for_other_times_without_saying_which_changes_nothing(
    client, people, at_provider, answer
):
    proposal = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(6), 30)],
    )
    client.force_login(people["amr"])
    response = client.post(
        reverse("dialogue:other_times", args=[proposal.pk]), {"answer": answer}, follow=True
    )
    assert response.status_code == 200
    assert "Skriv hvilke tidspunkter der passer jer" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.PROPOSED and proposal.answer == ""
    assert not at_provider.events.filter(action="meeting.other_times").exists()
