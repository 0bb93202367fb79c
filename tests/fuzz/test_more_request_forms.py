"""Issue 16: the request's remaining action forms and the invoice forms under arbitrary input,
through their pages: sending back, the region's return and approval, confirming, accepting a
version, the delivery, closing the contract, correcting, returning, attesting and paying an
invoice, and the invoice list's and ledger's filters. No 500, and a refusal stores nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from requests_app.models import Invoice
from requests_app.services import intake, invoices
from tests import factories
from tests.fuzz.helpers import FUZZ, odd, post_checked, refused, rolled_back
from tests.requests_app.conftest import model1  # noqa: F401
from tests.requests_app.test_invoices import (  # noqa: F401
    attest_delivery,
    concluded,
    pdf_file,
    submit,
)

# Whatever else a browser (or an attacker) might send along with an action button.
extra = st.dictionaries(
    st.sampled_from(
        ["version", "reason", "comment", "status", "pk", "user", "csrfmiddlewaretoken"]
    ),
    odd,
    max_size=3,
)

# An invoice is dated on or after its contract was concluded, which the fixtures do today.
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def submitted(model2):
    """A request the leader has sent to the AMR for confirmation."""
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    intake.request_submit(request_pk=request.pk, user=model2["leader"])
    return {**model2, "request": request}


@pytest.fixture
def at_region(model1):  # noqa: F811
    """A confirmed request in Region Hovedstaden (model 1), waiting for the region."""
    request = factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    intake.request_submit(request_pk=request.pk, user=model1["leader"])
    intake.request_confirm(request_pk=request.pk, user=model1["amr"])
    return {**model1, "request": request}


def url(name, pk):
    return reverse(name, kwargs={"pk": pk})


@pytest.mark.django_db
def test_the_check_tells_a_refused_action_from_a_done_one(client, submitted):
    """The fuzzing below relies on it: a redirect with an error message is a refusal."""
    client.force_login(submitted["amr"])
    with rolled_back():
        response = client.post(url("requests:send_back", submitted["request"].pk), {})
        assert response.status_code == 302 and refused(response)
    with rolled_back():
        response = client.post(
            url("requests:send_back", submitted["request"].pk), {"comment": "Ret titlen"}
        )
        assert response.status_code == 302 and not refused(response)


@pytest.mark.django_db
@FUZZ
@given(comment=odd)
def test_send_back_form(client, submitted, comment):
    client.force_login(submitted["amr"])
    post_checked(client, url("requests:send_back", submitted["request"].pk), {"comment": comment})


@pytest.mark.django_db
@FUZZ
@given(data=extra)
def test_confirm_with_any_payload(client, submitted, data):
    client.force_login(submitted["amr"])
    post_checked(client, url("requests:confirm", submitted["request"].pk), data)


@pytest.mark.django_db
@FUZZ
@given(reason=odd)
def test_region_return_form(client, at_region, reason):
    client.force_login(at_region["coordinator"])
    post_checked(client, url("requests:region_return", at_region["request"].pk), {"reason": reason})


@pytest.mark.django_db
@FUZZ
@given(data=extra)
def test_region_approve_with_any_payload(client, at_region, data):
    client.force_login(at_region["coordinator"])
    post_checked(client, url("requests:region_approve", at_region["request"].pk), data)


@pytest.mark.django_db
@FUZZ
@example(version="1")
@given(version=st.one_of(odd, st.integers().map(str)))
def test_contract_accept_version(client, concluded, version):  # noqa: F811
    # Concluded already: every version number is refused, none may store anything.
    client.force_login(concluded["leader"])
    post_checked(
        client, url("requests:contract_accept", concluded["request"].pk), {"version": version}
    )


@pytest.mark.django_db
@FUZZ
@example(delivered_on="2016-12-01", comment="")
@given(delivered_on=odd, comment=odd)
def test_delivery_form(client, concluded, delivered_on, comment):  # noqa: F811
    client.force_login(concluded["amr"])
    data = {"delivered_on": delivered_on, "comment": comment}
    post_checked(client, url("requests:delivery_attest", concluded["request"].pk), data)


@pytest.fixture
def delivered(concluded):  # noqa: F811
    attest_delivery(concluded)
    return concluded


@pytest.mark.django_db
@FUZZ
@given(data=extra)
def test_contract_close_with_any_payload(client, delivered, data):
    client.force_login(delivered["staff"])
    post_checked(client, url("requests:contract_close", delivered["request"].pk), data)


@pytest.fixture
def returned(concluded):  # noqa: F811
    """A 12.000 kr. invoice the workplace has returned to the provider."""
    invoice = submit(concluded, amount="12000")
    invoices.invoice_return(invoice_pk=invoice.pk, user=concluded["leader"], reason="Forkert")
    return {**concluded, "invoice": invoice}


@pytest.mark.django_db
@FUZZ
@example(invoice_date=TODAY, amount="12.500,00", note="", name="")
@given(invoice_date=odd, amount=odd, note=odd, name=st.one_of(st.just(""), odd))
def test_invoice_correction_form(client, returned, invoice_date, amount, note, name):
    client.force_login(returned["staff"])
    data = {"invoice_date": invoice_date, "amount": amount, "note": note}
    if name:  # the corrected PDF is optional
        data["pdf"] = pdf_file(name[:100] + ".pdf", content=name.encode()[:2000])
    post_checked(client, url("invoices:resubmit", returned["invoice"].pk), data)


@pytest.fixture
def awaiting_region(concluded):  # noqa: F811
    attest_delivery(concluded)
    invoice = submit(concluded)
    assert invoice.state == Invoice.State.AWAITING_REGION
    return {**concluded, "invoice": invoice}


@pytest.mark.django_db
@FUZZ
@given(reason=odd)
def test_invoice_return_form(client, awaiting_region, reason):
    client.force_login(awaiting_region["coordinator"])
    post_checked(client, url("invoices:return", awaiting_region["invoice"].pk), {"reason": reason})


@pytest.mark.django_db
@FUZZ
@given(data=extra)
def test_invoice_attest_with_any_payload(client, awaiting_region, data):
    client.force_login(awaiting_region["coordinator"])
    post_checked(client, url("invoices:attest", awaiting_region["invoice"].pk), data)


@pytest.fixture
def attested(awaiting_region):
    invoice = awaiting_region["invoice"]
    invoices.invoice_attest(invoice_pk=invoice.pk, user=awaiting_region["coordinator"])
    return awaiting_region


@pytest.mark.django_db
@FUZZ
@example(paid_on="2016-12-05", reference="B-1")
@given(paid_on=odd, reference=odd)
def test_payment_form(client, attested, paid_on, reference):
    client.force_login(attested["central"])
    data = {"paid_on": paid_on, "reference": reference}
    post_checked(client, url("invoices:pay", attested["invoice"].pk), data)


@pytest.mark.django_db
@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["state", "provider", "period", "programme", "page", "export", "sort"]),
        st.one_of(odd, st.integers().map(str)),
        max_size=4,
    ),
    page=st.sampled_from(["invoices:list", "invoices:ledger"]),
)
def test_invoice_list_and_ledger_filters(client, awaiting_region, query, page):
    client.force_login(awaiting_region["central"])
    assert client.get(reverse(page), query).status_code < 500
