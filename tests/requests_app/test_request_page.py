"""The request page (issue 11): one Danish date style (point 2), every deadline met, open,
missed or lapsed (4), the contract's SHA-256 beside its PDF (5), what can be done when the
frame cannot hold a version (6), only the user's own actions or else who acts next (11), and
the statements and contacts the provider needs (12)."""

import datetime
import hashlib
import re
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from providers.models import BudgetFrame
from requests_app.models import Request, Status
from requests_app.selectors.request_page import LAPSED, MET, MISSED, OPEN, deadline_line
from requests_app.services import contracts
from requests_app.services import intake as services
from requests_app.services.base import RequestError
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")
OLD_DATETIME = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4} \d{2}:\d{2}")


def at(year, month, day, hour=10, minute=0):
    return time_machine.travel(
        datetime.datetime(year, month, day, hour, minute, tzinfo=CPH), tick=False
    )


def page(client, user, request, url=None):
    client.force_login(user)
    response = client.get(url or request.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


class _Element(HTMLParser):
    """Collects the text inside the element with one id, nested elements included."""

    VOID = {"br", "input", "img", "hr", "meta", "link"}

    def __init__(self, html_id):
        super().__init__()
        self.html_id, self.depth, self.found, self.text = html_id, 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.html_id:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def element(content, html_id) -> str:
    """The text of the element with ``html_id``, whitespace collapsed."""
    parser = _Element(html_id)
    parser.feed(content)
    assert parser.found, f"no #{html_id}"
    return " ".join("".join(parser.text).split())


def reached(parties, *, when=(2016, 6, 1), **overrides):
    """A complete request that reached the provider at ``when`` (10:00)."""
    request = factories.complete_request(
        leader=parties["leader"], counterpart=parties["amr"], **overrides
    )
    with at(*when):
        services.request_submit(request_pk=request.pk, user=parties["leader"])
        services.request_confirm(request_pk=request.pk, user=parties["amr"])
    request.refresh_from_db()
    return request


def in_dialogue(parties, *, started=(2016, 6, 3), **overrides):
    request = reached(parties, **overrides)
    with at(*started):
        services.request_start_dialogue(
            request_pk=request.pk, user=parties["staff"], started_on=datetime.date(*started)
        )
    request.refresh_from_db()
    return request


def draft(parties, request, **overrides):
    return contracts.contract_draft(
        request_pk=request.pk,
        user=parties["staff"],
        data=factories.contract_data(**overrides),
        activities=factories.activities(),
    )


def accept(user, request):
    request.refresh_from_db()
    number = request.contract.current.number
    contracts.contract_accept(request_pk=request.pk, user=user, version_number=number)


def concluded(parties, *, on=(2016, 6, 10), **overrides):
    request = in_dialogue(parties)
    with at(*on):
        draft(parties, request, **overrides)
        accept(parties["staff"], request)
        accept(parties["leader"], request)
    request.refresh_from_db()
    assert request.status == Status.CONTRACTED
    return request


# --- Point 2: one Danish date style ---


@pytest.mark.django_db
def test_request_page_shows_danish_dates_only(client, model2):
    request = factories.complete_request(
        leader=model2["leader"],
        counterpart=model2["amr"],
        wanted_from=datetime.date(2016, 11, 23),
        wanted_to=datetime.date(2016, 12, 20),
        informed_on=datetime.date(2016, 10, 5),
    )
    with at(2016, 11, 23, 0, 17):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
        services.request_confirm(request_pk=request.pk, user=model2["amr"])
    with at(2016, 11, 24):
        content = page(client, model2["staff"], request)
    assert "23. nov. 2016 – 20. dec. 2016" in content  # short dates
    assert "30. nov. 2016" in content  # the date: the dialogue is due a week later
    assert "kl. 00.17" in content  # with the time: the timeline
    assert "23. nov. 2016 kl. 00.17" in content  # reached the provider
    assert not ENGLISH_MONTHS.search(content), ENGLISH_MONTHS.search(content)
    assert not OLD_DATETIME.search(content), OLD_DATETIME.search(content)


@pytest.mark.django_db
def test_refused_dialogue_date_names_the_day_the_danish_way(model2):
    request = reached(model2, when=(2016, 11, 23))
    with at(2016, 11, 25), pytest.raises(RequestError, match=r"23\. nov\. 2016 og i dag"):
        services.request_start_dialogue(
            request_pk=request.pk, user=model2["staff"], started_on=datetime.date(2016, 11, 1)
        )


@pytest.mark.django_db
def test_deadline_mail_names_the_due_time_the_danish_way(model2):
    from requests_app.services.deadline_scan import _message

    request = reached(model2, when=(2016, 11, 23, 0, 17))
    deadline = request.deadlines.get(kind="dialogue")
    _subject, body = _message(deadline, "reminded")
    assert "30. nov. 2016 kl. 00.17" in body


# --- Point 4: every deadline met, open, missed or lapsed ---


def test_deadline_states():
    due = datetime.date(2016, 6, 8)
    today = datetime.date(2016, 6, 10)

    def state(met_on=None, *, lapsed=False, on=today):
        line = deadline_line("dialogue", "", due, met_on, lapsed=lapsed, today=on)
        return line.state, line.days

    assert state(datetime.date(2016, 6, 5)) == (MET, 0)
    assert state(datetime.date(2016, 6, 11)) == (MET, 3)
    assert state(on=datetime.date(2016, 6, 3)) == (OPEN, 5)
    assert state(on=due) == (OPEN, 0)
    assert state() == (MISSED, 2)
    assert state(lapsed=True) == (LAPSED, 0)
    assert state(datetime.date(2016, 6, 5), lapsed=True) == (MET, 0)


@pytest.mark.django_db
def test_after_conclusion_the_contract_deadline_shows_met_with_its_date(client, model2):
    request = concluded(model2, on=(2016, 6, 10))
    with at(2016, 6, 20):
        content = page(client, model2["leader"], request)
    contract_due = element(content, "contract-due")
    assert "overholdt 10. juni 2016" in contract_due
    assert "tilbage" not in contract_due
    assert "overholdt 3. juni 2016" in element(content, "dialogue-due")
    # The delivery deadline joins the card: 14 days after the planned delivery (30 Nov).
    assert "14. dec. 2016" in element(content, "delivery-due")
    assert "dage tilbage" in element(content, "delivery-due")


@pytest.mark.django_db
def test_a_late_dialogue_shows_met_late_on_the_page_and_in_the_inbox(client, model2):
    request = in_dialogue(model2, started=(2016, 6, 10))  # due 8 June
    with at(2016, 6, 12):
        content = page(client, model2["leader"], request)
        inbox = page(client, model2["staff"], request, reverse("requests:inbox"))
    assert "overholdt 10. juni 2016, 2 dage for sent" in element(content, "dialogue-due")
    assert "overholdt 10. juni 2016, 2 dage for sent" in inbox


@pytest.mark.django_db
def test_an_overdue_open_deadline_shows_missed_and_a_declined_one_lapsed(client, model2):
    request = reached(model2)  # dialogue due 8 June
    with at(2016, 6, 11):
        content = page(client, model2["leader"], request)
    assert 'id="dialogue-due" data-state="missed"' in content
    assert "3 dage overskredet" in element(content, "dialogue-due")
    assert 'id="contract-due" data-state="open"' in content

    with at(2016, 6, 12):
        services.request_decline(request_pk=request.pk, user=model2["staff"], reason="no_capacity")
        content = page(client, model2["leader"], request)
        inbox = page(client, model2["staff"], request, reverse("requests:inbox"))
    assert "bortfaldet" in element(content, "dialogue-due")
    assert "bortfaldet" in element(content, "contract-due")
    assert "bortfaldet" in inbox


# --- Point 5: the SHA-256 beside the PDF ---


@pytest.mark.django_db
def test_the_sha256_of_every_version_is_shown_beside_its_pdf(client, model2):
    request = concluded(model2)
    version = request.contract.current
    content = page(client, model2["leader"], request)
    assert element(content, "contract-sha256") == version.pdf_sha256
    assert f"sha256sum kontrakt-{request.pk}-v1.pdf" in content
    assert "Get-FileHash" in content
    # Accepted by both, the number no longer changes, and the page does not say it might.
    assert "ændres, når en side accepterer" not in element(content, "sha256-help")
    client.force_login(model2["leader"])
    pdf = client.get(reverse("requests:contract_pdf", args=[request.pk, 1]))
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == version.pdf_sha256

    # An amendment: the accepted version's hash stays beside its PDF, and every version's is
    # listed.
    contracts.contract_edit(
        request_pk=request.pk,
        user=model2["staff"],
        data=factories.contract_data(price=Decimal("15000.00")),
        activities=[],
    )
    request.refresh_from_db()
    amendment = request.contract.current
    content = page(client, model2["staff"], request)
    assert element(content, "accepted-sha256") == version.pdf_sha256
    assert element(content, "contract-sha256") == amendment.pdf_sha256
    # QA: the hash of a version awaiting acceptance changed with each acceptance, unexplained.
    assert "ændres, når en side accepterer" in element(content, "sha256-help")
    assert version.pdf_sha256 in element(content, "contract-versions")
    assert amendment.pdf_sha256 in element(content, "contract-versions")


# --- Point 6: the frame cannot hold the version ---


@pytest.mark.django_db
def test_a_version_the_frame_cannot_hold_says_what_can_be_done(client, model2):
    request = in_dialogue(model2)
    with at(2016, 6, 10):
        draft(model2, request, price=Decimal("100000"))
        content = page(client, model2["staff"], request)
        assert 'id="frame-shortfall"' not in content  # it fits
        accept(model2["staff"], request)
        frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
        frame.amount = Decimal("60000")
        frame.save()
        with pytest.raises(RequestError):
            accept(model2["leader"], request)  # the refused conclusion

        staff_page = page(client, model2["staff"], request)
        leader_page = page(client, model2["leader"], request)
    warning = element(staff_page, "frame-shortfall")
    assert "100.000,00 kr." in warning and "60.000,00 kr." in warning and "2016-17" in warning
    assert "anden periode" in warning
    assert "Budgetrammen er opbrugt" in warning
    # The provider may decline: the warning links to the form.
    assert 'href="#decline-form"' in staff_page and 'id="decline-form"' in staff_page
    assert 'id="shortfall-edit"' in staff_page
    # The workplace sees the warning too, but cannot decline.
    assert 'id="frame-shortfall"' in leader_page
    assert 'href="#decline-form"' not in leader_page


# --- Point 11: only what the user may do, else who acts next ---


@pytest.mark.django_db
def test_a_leader_waiting_for_the_amr_sees_who_acts_next(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with at(2016, 11, 23):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    content = page(client, model2["leader"], request)
    waiting = element(content, "waiting-for")
    assert f"Venter på: {model2['amr']} (AMR), siden 23. nov. 2016" in waiting
    assert "bekræfte anmodningen" in waiting
    # The AMR is the one waited for: no "waiting" line, the button instead.
    content = page(client, model2["amr"], request)
    assert 'id="waiting-for"' not in content
    assert "Bekræft anmodningen" in content


@pytest.mark.django_db
def test_no_empty_actions_heading_after_conclusion_and_delivery(client, model2):
    request = concluded(model2)
    for user in [model2["leader"], model2["staff"], model2["coordinator"]]:
        content = page(client, user, request)
        assert 'id="actions-heading"' not in content, user
    staff_page = page(client, model2["staff"], request)
    assert "Næste skridt: attestere leveringen" in element(staff_page, "waiting-for")
    assert 'id="waiting-for"' not in page(client, model2["leader"], request)

    with at(2016, 12, 1):
        contracts.delivery_attest(
            request_pk=request.pk, user=model2["leader"], delivered_on=datetime.date(2016, 11, 30)
        )
    request.refresh_from_db()
    assert request.status == Status.DELIVERED
    content = page(client, model2["leader"], request)
    assert 'id="actions-heading"' not in content
    assert "Venter på: NFA" in element(content, "waiting-for")
    assert "fakturere" in element(content, "waiting-for")


@pytest.mark.django_db
def test_no_edit_while_the_region_approves(client, model1):
    request = reached(model1)
    assert request.status == Status.AWAITING_REGION
    content = page(client, model1["leader"], request)
    step = reverse("requests:step", args=[request.pk, "content"])
    assert step not in content
    assert "Redigér anmodningen" not in content
    waiting = element(content, "waiting-for")
    assert f"{model1['coordinator']} (Region Hovedstaden)" in waiting
    # The wizard refuses too, and a direct POST changes nothing.
    response = client.post(step, {"wishes": "Ændret", "target_group": "x"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.wishes != "Ændret"
    # The coordinator approves: their own buttons, no "waiting" line.
    content = page(client, model1["coordinator"], request)
    assert "Godkend for regionen" in content
    assert 'id="waiting-for"' not in content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "central", "superuser", "leader"])
def test_new_request_is_offered_only_to_those_who_may_file_one(client, model2, role):
    users = {
        **model2,
        "central": factories.CentralPartyFactory().user,
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    client.force_login(users[role])
    new = f'href="{reverse("requests:new")}"'
    for url in [reverse("requests:list"), reverse("home")]:
        content = client.get(url).content.decode()
        assert (new in content) == (role == "leader"), (role, url)
    expected = 200 if role == "leader" else 403
    assert client.get(reverse("requests:new")).status_code == expected


# --- Point 12: the statements and the local parties' contacts ---


@pytest.mark.django_db
def test_provider_sees_the_statements_and_the_local_parties_contacts(client, model2):
    request = reached(model2, attest_not_crisis_help=True)
    Request.objects.filter(pk=request.pk).update(attest_beyond_current_effort=False)
    content = page(client, model2["staff"], request)
    statements = element(content, "attestations")
    assert "Der er ikke tale om krisehjælp." in statements
    assert "Det rækker ud over den arbejdsmiljøindsats, der allerede er i gang." in statements
    assert statements.count("Ikke bekræftet:") == 1
    assert statements.count("Bekræftet:") == 3
    contacts = element(content, "contacts")
    for person in [model2["leader"], model2["amr"]]:
        assert str(person) in contacts
        assert f'href="mailto:{person.email}"' in content
    assert "Leder" in contacts and "(AMR)" in contacts


@pytest.mark.django_db
def test_med_committee_members_are_the_contacts_for_the_committee(client, model2):
    med = factories.MembershipFactory(workplace=model2["workplace"], role="med").user
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind="med"
    )
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    contacts = element(page(client, model2["leader"], request), "contacts")
    assert "Det lokale MED-udvalg" in contacts and med.email in contacts


@pytest.mark.django_db
def test_who_may_not_see_the_request_still_gets_404(client, model2):
    request = reached(model2)
    for user in [model2["other_staff"], factories.MembershipFactory().user]:
        client.force_login(user)
        response = client.get(request.get_absolute_url())
        assert response.status_code == 404
        assert model2["amr"].email not in response.content.decode()
