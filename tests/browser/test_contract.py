"""The standard contract in a real browser: draft, comment, edit, accept twice, download."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import Membership
from providers.models import ProviderStaff
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label) + r"\s*\*?\s*$"))


def test_contract_drafted_commented_edited_accepted_and_downloaded(demo, new_page):
    leader = Membership.objects.get(user__email="leder@demo.dk").user
    amr = Membership.objects.get(user__email="amr@demo.dk").user
    staff = ProviderStaff.objects.get(user__email="nfa@demo.dk").user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    url = request.get_absolute_url()

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto(url)
    nfa.get_by_role("link", name="Udarbejd kontrakten").click()
    expect(field(nfa, "Målgruppe")).to_have_value(request.target_group)
    field(nfa, "Planlagt leveringsdato").fill("2016-11-30")
    field(nfa, "Pris i kr. inkl. moms").fill("12500")
    nfa.locator("#id_activities-0-description").fill("Workshop for hele afsnittet")
    nfa.locator("#id_activities-0-starts_on").fill("2016-10-03")
    nfa.locator("#id_activities-0-place").fill("Mødelokale 2")
    nfa.get_by_role("button", name="Gem kontrakten").click()
    expect(nfa.locator("#contract-price")).to_have_text("12.500,00 kr.")
    nfa.get_by_role("button", name="Acceptér version 1").click()
    expect(nfa.locator("#acceptances")).to_contain_text("accepteret af")

    workplace = new_page()
    login(workplace, "leder@demo.dk")
    workplace.goto(url)
    workplace.get_by_label("Kommentar til kontrakten").fill("Kan workshoppen rykkes en uge?")
    workplace.get_by_role("button", name="Tilføj kommentar").click()
    expect(workplace.locator("#timeline")).to_contain_text("Kan workshoppen rykkes en uge?")

    nfa.goto(url)
    nfa.get_by_role("link", name="Redigér kontrakten").click()
    nfa.locator("#id_activities-0-starts_on").fill("2016-10-10")
    nfa.get_by_role("button", name="Gem kontrakten").click()
    expect(nfa.locator("#acceptances")).not_to_contain_text("accepteret af")
    nfa.get_by_role("button", name="Acceptér version 2").click()

    workplace.goto(url)
    workplace.get_by_role("button", name="Acceptér version 2").click()
    expect(workplace.locator("#contract-state")).to_contain_text("Indgået")
    expect(workplace.locator("#request-status")).to_have_text("Kontrakt indgået")

    with workplace.expect_download() as download_info:
        workplace.locator("#contract-pdf").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "12.500,00 kr." in text
    assert request.workplace.name in text
    assert "Det Nationale Forskningscenter for Arbejdsmiljø" in text
    assert text.count("Accepteret af") == 2
    assert "Lene Leder" in text and "Konsulent NFA" in text
