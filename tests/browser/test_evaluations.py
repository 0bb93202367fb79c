"""Evaluation in a real browser: the workplace attests delivery, prints the participant link
and QR code, three people answer in fresh browsers without logging in, and the workplace sees
its results — with two answers, only the count."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Membership
from evaluations.demo import ensure_questionnaires
from providers.models import ProviderStaff
from requests_app.services import contracts
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def concluded_request():
    leader = Membership.objects.get(user__email="leder@demo.dk").user
    amr = Membership.objects.get(user__email="amr@demo.dk").user
    staff = ProviderStaff.objects.get(user__email="nfa@demo.dk").user
    request = factories.request_in_dialogue(
        leader=leader, counterpart=amr, staff=staff, title="Evaluering i browseren"
    )
    planned = timezone.localdate() + datetime.timedelta(days=21)
    contracts.contract_draft(
        request_pk=request.pk,
        user=staff,
        data=factories.contract_data(planned_delivery_on=planned),
        activities=[],
    )
    for user in (staff, leader):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    return request


def answer_as_participant(new_page, link, *, comment, phone=False):
    page = new_page()
    if phone:
        page.set_viewport_size({"width": 360, "height": 740})
    page.goto(link)
    if phone:
        # Fits a phone: nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("heading", level=1)).to_have_text("Umiddelbar evaluering")
    scales = page.locator("fieldset")
    for index in range(scales.count()):
        scales.nth(index).get_by_label("I høj grad", exact=True).check()
    page.get_by_label(re.compile("Hvad fungerede godt")).fill(comment)
    page.get_by_role("button", name="Send mine svar").click()
    expect(page.locator("#answer-state")).to_contain_text("dine svar er modtaget")
    # The same browser cannot answer again.
    page.goto(link)
    expect(page.locator("#answer-state")).to_contain_text("allerede svaret")
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    others = {name for name in cookies if not name.startswith("evaluering_besvaret_")}
    assert others <= {"csrftoken"}, cookies


def test_workplace_hands_out_the_link_and_sees_results_from_three(demo, new_page):
    ensure_questionnaires()
    request = concluded_request()
    url = request.get_absolute_url()

    workplace = new_page()
    login(workplace, "leder@demo.dk")
    workplace.goto(url)
    workplace.locator("#delivered-on").fill(timezone.localdate().isoformat())
    workplace.get_by_role("button", name=re.compile("ydelsen er leveret")).click()
    # Three weeks before the planned delivery: attested only when the user says it took place.
    expect(workplace.locator("#refused-form-error")).to_contain_text(
        "Kontrakten planlægger leverancen til"
    )
    expect(workplace.locator("#round-immediate-state")).to_have_count(0)
    workplace.get_by_label("Leverancen fandt sted før den planlagte leveringsdato").check()
    workplace.get_by_role("button", name=re.compile("ydelsen er leveret")).click()
    expect(workplace.locator("#round-immediate-state")).to_have_text("Åben for svar")
    expect(workplace.locator("#round-follow_up-state")).to_have_text("Ikke åben endnu")
    expect(workplace.locator("#round-immediate-count")).to_have_text("0 besvarelser")

    workplace.locator("#round-immediate-handout").click()
    expect(workplace.locator("#qr svg")).to_be_visible()
    link = workplace.locator("#participant-link").inner_text()
    assert "/evaluering/s/" in link

    answer_as_participant(new_page, link, comment="Godt forløb <b>fed</b>", phone=True)
    answer_as_participant(new_page, link, comment="Konkrete værktøjer")

    workplace.goto(url)
    expect(workplace.locator("#round-immediate-count")).to_have_text("2 besvarelser")
    expect(workplace.locator("#round-immediate-threshold")).to_contain_text("mindst 3")
    expect(workplace.locator("#round-immediate-results")).to_have_count(0)

    answer_as_participant(new_page, link, comment="Mere tid til grupperne")

    workplace.goto(url)
    expect(workplace.locator("#round-immediate-count")).to_have_text("3 besvarelser")
    results = workplace.locator("#round-immediate-results")
    expect(results).to_contain_text("4,0")
    expect(results).to_contain_text("Godt forløb <b>fed</b>")
    expect(results).to_contain_text("Mere tid til grupperne")

    # The provider sees the count, not the workplace's link or results.
    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto(url)
    expect(nfa.locator("#round-immediate-count")).to_have_text("3 besvarelser")
    expect(nfa.locator("#round-immediate-handout")).to_have_count(0)
    expect(nfa.locator("#round-immediate-results")).to_have_count(0)
