"""Invoicing in a real browser: invoice, delivery, return and correction, attest, pay."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Membership
from providers.models import BudgetFrame, ProviderStaff
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ledger_cell(page, frame, column):
    page.goto(f"/invoices/ledger/?period={frame.period_id}")  # as the frame notices link
    return page.locator(f'tr[data-frame="{frame.pk}"] .{column}')


def test_invoice_attest_return_correct_and_pay(demo, new_page):
    leader = Membership.objects.get(user__email="leder@demo.dk").user
    amr = Membership.objects.get(user__email="amr@demo.dk").user
    staff = ProviderStaff.objects.get(user__email="nfa@demo.dk").user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    contracts.contract_draft(
        request_pk=request.pk, user=staff, data=factories.contract_data(), activities=[]
    )
    for user in (staff, leader):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")

    nfa = new_page()
    login(nfa, "nfa@demo.dk")
    expect(ledger_cell(nfa, frame, "committed")).to_have_text("12.500,00 kr.")
    nfa.goto(request.get_absolute_url())
    nfa.get_by_role("link", name="Ny faktura").click()
    nfa.get_by_label("Fakturanummer").fill("NFA-2016-001")
    nfa.get_by_label("Fakturadato").fill(timezone.localdate().isoformat())
    nfa.get_by_label("Beløb i kr. inkl. moms").fill("12500")
    nfa.get_by_label("Fakturaen som PDF").set_input_files(
        {"name": "faktura.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf_bytes()}
    )
    nfa.get_by_role("button", name="Indsend fakturaen").click()
    expect(nfa.locator("#invoice-state")).to_have_text("Afventer arbejdspladsens attestation")
    expect(ledger_cell(nfa, frame, "invoiced")).to_have_text("12.500,00 kr.")
    expect(ledger_cell(nfa, frame, "committed")).to_have_text("0,00 kr.")

    workplace = new_page()
    login(workplace, "leder@demo.dk")
    workplace.goto(request.get_absolute_url())
    workplace.get_by_label("Leveret den").fill(timezone.localdate().isoformat())
    workplace.get_by_role("button", name="Attestér at ydelsen er leveret").click()
    expect(workplace.locator("#delivered")).to_be_visible()

    region = new_page()
    login(region, "region.sjaelland@demo.dk")
    region.goto("/invoices/")
    # The demo data has invoices of its own in the queue: open this test's one.
    region.locator("#attest-queue").get_by_role("link", name="NFA NFA-2016-001").click()
    region.get_by_label("Send fakturaen retur med en begrundelse").fill("Beløbet skal være 12.000")
    region.get_by_role("button", name="Returnér").click()
    expect(region.locator("#invoice-state")).to_have_text("Sendt retur til udbyderen")
    expect(ledger_cell(nfa, frame, "invoiced")).to_have_text("0,00 kr.")

    nfa.goto(region.url)
    amount = nfa.get_by_label("Beløb i kr. inkl. moms")
    amount.fill("12000")
    nfa.get_by_role("button", name="Indsend igen").click()
    expect(nfa.locator("#invoice-state")).to_have_text("Afventer regionens attestation")
    expect(nfa.locator("#invoice-amount")).to_have_text("12.000,00 kr.")

    region.reload()
    region.get_by_role("button", name="Attestér fakturaen").click()
    expect(region.locator("#invoice-state")).to_have_text("Attesteret, afventer betaling")
    expect(ledger_cell(nfa, frame, "attested")).to_have_text("12.000,00 kr.")

    central = new_page()
    login(central, "central@demo.dk")
    central.goto("/invoices/")
    central.locator("#pay-queue").get_by_role("link", name="NFA NFA-2016-001").click()
    central.get_by_label("Betalingsreference").fill("DR-2016-4711")
    central.get_by_role("button", name="Registrér betaling").click()
    expect(central.locator("#invoice-state")).to_have_text("Betalt")
    expect(ledger_cell(central, frame, "paid")).to_have_text("12.000,00 kr.")
    expect(ledger_cell(central, frame, "remaining")).to_have_text("887.500,00 kr.")
