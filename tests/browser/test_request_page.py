"""The request page in a real browser (issue 11, points 4, 5 and 11): after conclusion the
contract deadline reads met, the contract's SHA-256 is on the page, provider staff are not
offered "Ny anmodning", and a leader waiting for the AMR is told so."""

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from providers.models import ProviderStaff
from requests_app.services import contracts, intake
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_people():
    return {
        "leader": Membership.objects.get(user__email="leder@demo.dk").user,
        "amr": Membership.objects.get(user__email="amr@demo.dk").user,
        "staff": ProviderStaff.objects.get(user__email="nfa@demo.dk").user,
    }


def test_a_leader_waiting_for_the_amr_sees_who_acts_next(demo, new_page):
    people = demo_people()
    request = factories.complete_request(
        leader=people["leader"], counterpart=people["amr"], title="Venter på AMR"
    )
    intake.request_submit(request_pk=request.pk, user=people["leader"])

    leader = new_page()
    login(leader, "leder@demo.dk")
    leader.goto(request.get_absolute_url())
    waiting = leader.locator("#waiting-for")
    expect(waiting).to_be_visible()
    expect(waiting).to_contain_text("Venter på: Anders Arbejdsmiljø (AMR), siden")
    expect(waiting).to_contain_text("bekræfte anmodningen")
    leader.goto("/requests/")
    expect(leader.get_by_role("link", name="Ny anmodning")).to_be_visible()

    amr = new_page()
    login(amr, "amr@demo.dk")
    amr.goto(request.get_absolute_url())
    expect(amr.locator("#waiting-for")).to_have_count(0)
    expect(amr.get_by_role("button", name="Bekræft anmodningen")).to_be_visible()


def test_after_conclusion_the_provider_sees_met_deadlines_and_the_hash(demo, new_page):
    people = demo_people()
    request = factories.request_in_dialogue(
        leader=people["leader"], counterpart=people["amr"], staff=people["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=people["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    for user in [people["staff"], people["leader"]]:
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    request.refresh_from_db()
    version = request.contract.current

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    nfa.goto(request.get_absolute_url())
    expect(nfa.locator("#contract-state")).to_contain_text("Indgået")
    expect(nfa.locator("#contract-due")).to_contain_text("overholdt")
    expect(nfa.locator("#contract-due")).not_to_contain_text("tilbage")
    expect(nfa.locator("#dialogue-due")).to_contain_text("overholdt")
    sha = nfa.locator("#contract-sha256")
    expect(sha).to_be_visible()
    expect(sha).to_have_text(version.pdf_sha256)
    expect(nfa.locator("#sha256-help")).to_contain_text(f"sha256sum kontrakt-{request.pk}-v1.pdf")
    # Nothing for the provider to do on the request itself: no empty "Det kan du gøre".
    expect(nfa.get_by_role("heading", name="Det kan du gøre")).to_have_count(0)
    expect(nfa.locator("#waiting-for")).to_contain_text("attestere leveringen")

    for path in ["/", "/requests/"]:
        nfa.goto(path)
        expect(nfa.get_by_role("link", name="Ny anmodning")).to_have_count(0)


def test_long_unbroken_text_wraps_instead_of_widening_the_page(demo, new_page):
    """QA: 4,000 "y"s in a request's expected outcome and a 5,000-character word in a message
    made the request page 38,000 px wide."""
    from dialogue import services as dialogue

    people = demo_people()
    request = factories.request_in_dialogue(
        leader=people["leader"],
        counterpart=people["amr"],
        staff=people["staff"],
        expected_outcome="y" * 4000,
    )
    dialogue.message_post(request_pk=request.pk, user=people["leader"], body="z" * 5000)
    page = new_page()
    login(page, "leder@demo.dk")
    page.goto(request.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
