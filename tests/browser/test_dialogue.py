"""The dialogue in a real browser (issue 18, acceptance): the leader writes with a PDF
attached; the provider sees it unread on its start page and under the bell, replies and
proposes two times; the safety representative accepts one; both sides see the meeting and
download its .ics; the request shows the dialogue deadline met at the moment of the
provider's first reply.
axe-core checks every page on the way."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from accounts.models import Membership
from dialogue.models import Message
from requests_app.models import Deadline, Status
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import intake
from tests import factories
from tests.browser.conftest import login, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_message_reply_proposal_acceptance_and_calendar(demo, new_page, tmp_path):
    leader = Membership.objects.get(user__email="leder@demo.dk").user
    amr = Membership.objects.get(user__email="amr@demo.dk").user
    request = factories.complete_request(leader=leader, counterpart=amr, title="Dialog i browseren")
    intake.request_submit(request_pk=request.pk, user=leader)
    intake.request_confirm(request_pk=request.pk, user=amr)
    pdf = tmp_path / "baggrund.pdf"
    pdf.write_bytes(minimal_pdf_bytes())

    # The leader writes, with a PDF: the message is appended without a reload.
    page = new_page()
    login(page, "leder@demo.dk")
    page.goto(request.get_absolute_url())
    page.get_by_label("Ny besked").fill("Vi vil gerne tale om <b>forandringen</b>.")
    page.locator("#dialogue-files").set_input_files(str(pdf))
    page.get_by_role("button", name="Send beskeden").click()
    messages = page.locator("#dialogue-messages")
    expect(messages).to_contain_text("Vi vil gerne tale om <b>forandringen</b>.")
    expect(messages.get_by_role("link", name="baggrund.pdf")).to_be_visible()
    expect(page.get_by_label("Ny besked")).to_have_value("")

    # The provider sees it unread on its start page and under the bell.
    provider = new_page()
    login(provider, "nfa@demo.dk")
    provider.goto("/")
    expect(provider.locator("#start-unread")).to_contain_text("Dialog i browseren")
    expect(provider.locator("#unread-count")).to_be_visible()
    provider.goto(request.get_absolute_url())
    expect(provider.locator("#dialogue-unread")).to_be_visible()
    with provider.expect_download() as download:
        provider.locator("#dialogue-messages").get_by_role("link", name="baggrund.pdf").click()
    assert download.value.suggested_filename == "baggrund.pdf"

    # It replies, and proposes two times.
    provider.get_by_label("Ny besked").fill("Tak, vi foreslår et møde.")
    provider.get_by_role("button", name="Send beskeden").click()
    expect(provider.locator("#dialogue-messages")).to_contain_text("Tak, vi foreslår et møde.")
    request.refresh_from_db()
    assert request.status == Status.DIALOGUE
    provider.get_by_text("Foreslå tider til det første møde").click()
    provider.get_by_label("Mødeform").select_option("video")
    provider.get_by_label("Adresse, telefonnummer eller link").fill("https://video.example/nfa")
    # A time in the past is refused: back on the page, the form is open again with what was
    # typed and the reason beside it, where the focus is (not only at the top of the page).
    past = timezone.localdate() - datetime.timedelta(days=3)
    provider.get_by_label("Dato 1").fill(past.isoformat())
    provider.get_by_label("Klokkeslæt 1").fill("10:00")
    provider.get_by_role("button", name="Foreslå tiderne").click()
    refusal = provider.locator("#propose-form #refused-form-error")
    expect(refusal).to_have_text("Et foreslået tidspunkt skal ligge i fremtiden.")
    # (Another page of the test has the window's focus, so the element's is read directly.)
    provider.wait_for_load_state("load")
    wait_until(provider, "document.activeElement.id === 'refused-form-error'")
    expect(provider.locator("main > [aria-live] .alert-danger")).to_have_count(0)
    expect(provider.get_by_label("Mødeform")).to_have_value("video")
    expect(provider.get_by_label("Adresse, telefonnummer eller link")).to_have_value(
        "https://video.example/nfa"
    )
    expect(provider.get_by_label("Dato 1")).to_have_value(past.isoformat())
    provider.reload()  # shown once: the form is closed and empty again
    expect(provider.locator("#refused-form-error")).to_have_count(0)
    provider.get_by_text("Foreslå tider til det første møde").click()
    provider.get_by_label("Mødeform").select_option("video")
    provider.get_by_label("Adresse, telefonnummer eller link").fill("https://video.example/nfa")
    first = timezone.localdate() + datetime.timedelta(days=5)
    second = first + datetime.timedelta(days=2)
    provider.get_by_label("Dato 1").fill(first.isoformat())
    provider.get_by_label("Klokkeslæt 1").fill("10:00")
    provider.get_by_label("Dato 2").fill(second.isoformat())
    provider.get_by_label("Klokkeslæt 2").fill("13:30")
    provider.get_by_role("button", name="Foreslå tiderne").click()
    expect(provider.locator(".meeting")).to_contain_text("Foreslået")

    # The safety representative accepts the second time.
    rep = new_page()
    login(rep, "amr@demo.dk")
    rep.goto(request.get_absolute_url())
    rep.locator(".meeting .form-check-input").nth(1).check()
    rep.get_by_role("button", name="Acceptér tidspunktet").click()
    expect(rep.locator("#accepted-meeting")).to_contain_text("13.30")

    # Both sides see the meeting on their start pages and download its .ics.
    for person in (rep, provider):
        person.goto("/")
        meetings = person.locator("#start-meetings")
        expect(meetings).to_contain_text("Dialog i browseren")
        with person.expect_download() as download:
            meetings.locator("li", has_text="Dialog i browseren").get_by_role(
                "link", name="Tilføj til kalender (.ics)"
            ).click()
        body = Path(download.value.path()).read_text(encoding="utf-8")
        assert "BEGIN:VEVENT" in body and "video.example/nfa" in body

    # The deadline reads met at the moment of the provider's first reply: its day on the
    # deadline, its date and time where the dialogue says when it was taken up.
    reply = Message.objects.get(request=request, from_provider=True)
    assert reply.body == "Tak, vi foreslår et møde."
    deadline = Deadline.objects.get(request=request, kind=Deadline.Kind.DIALOGUE)
    assert deadline.met_at == reply.created_at
    with translation.override("da"):
        day = date_format(timezone.localdate(reply.created_at), "SHORT_DATE_FORMAT")
        moment = date_format(timezone.localtime(reply.created_at), "DATETIME_FORMAT")
    for person in (provider, page):
        person.goto(request.get_absolute_url())
        due = person.locator("#dialogue-due")
        expect(due).to_have_attribute("data-state", "met")
        expect(due).to_contain_text(f"overholdt {day}")
        expect(person.locator("#dialogue-taken-up")).to_have_text(
            f"Dialogen blev taget op {moment}."
        )
