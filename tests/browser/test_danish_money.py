"""Issue 11, point 1, in a real browser: a contract price typed the Danish way is saved."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from providers.models import ProviderStaff
from requests_app.models import Contract
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label) + r"\s*\*?\s*$"))


def test_a_price_typed_the_danish_way_is_saved(demo, new_page):
    leader = Membership.objects.get(user__email="leder@demo.dk").user
    amr = Membership.objects.get(user__email="amr@demo.dk").user
    staff = ProviderStaff.objects.get(user__email="nfa@demo.dk").user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto(request.get_absolute_url())
    nfa.get_by_role("link", name="Udarbejd kontrakten").click()
    price = field(nfa, "Pris i kr. inkl. moms")
    expect(price).to_have_attribute("inputmode", "decimal")
    field(nfa, "Planlagt leveringsdato").fill("2016-11-30")
    nfa.locator("#id_activities-0-description").fill("Workshop for hele afsnittet")
    nfa.locator("#id_activities-0-starts_on").fill("2016-10-03")

    price.fill("1.5")  # ambiguous: refused with the expected form, nothing saved
    nfa.get_by_role("button", name="Gem kontrakten").click()
    expect(nfa.get_by_text("Skriv beløbet som 250.000,00").first).to_be_visible()
    assert not Contract.objects.filter(request=request).exists()

    field(nfa, "Pris i kr. inkl. moms").fill("250.000,00")
    nfa.get_by_role("button", name="Gem kontrakten").click()
    expect(nfa.locator("#contract-price")).to_have_text("250.000,00 kr.")
    assert nfa.url.endswith(request.get_absolute_url())

    nfa.get_by_role("link", name="Redigér kontrakten").click()  # shown as it is typed
    expect(field(nfa, "Pris i kr. inkl. moms")).to_have_value("250.000,00")
