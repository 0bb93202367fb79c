import datetime
import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from providers.models import BudgetFrame
from requests_app.models import Action, Contract, Request, Status
from requests_app.selectors.contracts import contract_initial
from requests_app.selectors.ledger import frame_used
from requests_app.services import contracts
from requests_app.services.base import RequestError
from requests_app.services.contracts import delivery_attested
from tests import factories


@pytest.fixture
def dialogue(model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    return {**model2, "request": request}


def draft(d, **overrides):
    return contracts.contract_draft(
        request_pk=d["request"].pk,
        user=d["staff"],
        data=factories.contract_data(**overrides),
        activities=factories.activities(),
    )


def accept_both(d):
    contract = d["request"].contract
    number = contract.current.number
    contracts.contract_accept(request_pk=d["request"].pk, user=d["staff"], version_number=number)
    return contracts.contract_accept(
        request_pk=d["request"].pk, user=d["leader"], version_number=number
    )


def pdf_text(version) -> str:
    with version.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
def test_first_draft_is_prefilled_from_request_and_offering(dialogue):
    request = dialogue["request"]
    request.offering = request.provider.offerings.first()
    request.wanted_to = datetime.date(2016, 12, 1)
    request.save()
    initial = contract_initial(request)
    assert request.offering.title in initial["task_scope"]
    assert initial["target_group"] == request.target_group
    assert initial["planned_delivery_on"] == datetime.date(2016, 12, 1)
    assert initial["provider_contact"] == request.provider.contact_person


@pytest.mark.django_db
def test_draft_renders_a_pdf_with_its_hash(dialogue):
    contract = draft(dialogue)
    version = contract.current
    with version.pdf.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == version.pdf_sha256
    text = pdf_text(version)
    assert "12.500,00 kr." in text
    assert dialogue["request"].workplace.name in text
    assert "Det Nationale Forskningscenter for Arbejdsmiljø" in text
    assert "Side 1 af" in text


@pytest.mark.django_db
def test_the_pdf_writes_dates_as_the_portal_does(dialogue):
    """Browser QA: the PDF wrote "7. december 2026 22:59"; the portal writes "7. dec. 2026"
    and "kl. 22.59"."""
    from requests_app.pdf import contract_html

    contract = draft(dialogue)
    contracts.contract_accept(
        request_pk=dialogue["request"].pk, user=dialogue["staff"], version_number=1
    )
    html = contract_html(contract.current)
    assert "30. nov. 2016" in html  # the planned delivery
    assert re.search(r"\d+\. \w+\. \d{4} kl\. \d\d\.\d\d", html)  # the acceptance
    assert "december" not in html


@pytest.mark.django_db
def test_edit_makes_a_new_version_and_clears_acceptances(dialogue):
    contract = draft(dialogue)
    contracts.contract_accept(
        request_pk=dialogue["request"].pk, user=dialogue["staff"], version_number=1
    )
    assert contract.current.provider_accepted_by == dialogue["staff"]
    contracts.contract_edit(
        request_pk=dialogue["request"].pk,
        user=dialogue["leader"],
        data=factories.contract_data(price=Decimal("15000")),
        activities=factories.activities(),
    )
    current = contract.current
    assert current.number == 2
    assert current.provider_accepted_by is None
    assert current.workplace_accepted_by is None
    with pytest.raises(RequestError, match="version 2"):
        contracts.contract_accept(
            request_pk=dialogue["request"].pk, user=dialogue["staff"], version_number=1
        )


@pytest.mark.django_db
def test_both_sides_accept_concludes_and_reserves(dialogue):
    draft(dialogue)
    contract = accept_both(dialogue)
    contract.refresh_from_db()
    assert contract.state == Contract.State.CONCLUDED
    assert contract.reserved_amount == Decimal("12500.00")
    assert contract.frame.period.name == "2016-17"
    assert frame_used(contract.frame) == Decimal("12500.00")
    dialogue["request"].refresh_from_db()
    assert dialogue["request"].status == Status.CONTRACTED
    assert contract.concluded_on_time() is True
    text = pdf_text(contract.current)
    assert text.count("Accepteret af") == 2
    assert "12.500,00 kr." in text
    event = dialogue["request"].events.get(action=Action.CONTRACT_CONCLUDED)
    assert event.data["on_time"] is True


@pytest.mark.django_db
def test_accepted_pdf_never_changes_even_when_amended(dialogue):
    draft(dialogue)
    contract = accept_both(dialogue)
    version = contract.current
    sha = version.pdf_sha256
    with version.pdf.open("rb") as handle:
        content = handle.read()
    with pytest.raises(RequestError):
        contracts.render_pdf(version)
    contracts.contract_edit(
        request_pk=dialogue["request"].pk,
        user=dialogue["staff"],
        data=factories.contract_data(price=Decimal("15000")),
        activities=[],
    )
    version.refresh_from_db()
    assert version.pdf_sha256 == sha
    with version.pdf.open("rb") as handle:
        assert handle.read() == content
    assert contract.accepted == version
    assert contract.current.number == 2


@pytest.mark.django_db
def test_amendment_reaccepted_moves_the_reservation(dialogue):
    draft(dialogue)
    contract = accept_both(dialogue)
    frame = contract.frame
    contracts.contract_edit(
        request_pk=dialogue["request"].pk,
        user=dialogue["leader"],
        data=factories.contract_data(price=Decimal("20000")),
        activities=[],
    )
    contract.refresh_from_db()
    assert contract.reserved_amount == Decimal("12500.00")  # not until both accept
    assert frame_used(frame) == Decimal("12500.00")
    contracts.contract_accept(
        request_pk=dialogue["request"].pk, user=dialogue["leader"], version_number=2
    )
    contracts.contract_accept(
        request_pk=dialogue["request"].pk, user=dialogue["staff"], version_number=2
    )
    contract.refresh_from_db()
    assert contract.reserved_amount == Decimal("20000.00")
    assert frame_used(frame) == Decimal("20000.00")
    assert contract.accepted.number == 2
    assert "Accepteret af" in pdf_text(contract.accepted)
    assert dialogue["request"].events.filter(action=Action.CONTRACT_AMENDED).count() == 1


@pytest.mark.django_db
def test_amendment_beyond_the_frame_is_refused(dialogue):
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    frame.amount = Decimal("20000")
    frame.save()
    draft(dialogue)
    accept_both(dialogue)
    with pytest.raises(RequestError, match="20.000,00 kr."):
        contracts.contract_edit(
            request_pk=dialogue["request"].pk,
            user=dialogue["staff"],
            data=factories.contract_data(price=Decimal("25000")),
            activities=[],
        )
    contracts.contract_edit(
        request_pk=dialogue["request"].pk,
        user=dialogue["staff"],
        data=factories.contract_data(price=Decimal("19000")),
        activities=[],
    )
    assert dialogue["request"].contract.current.number == 2


@pytest.mark.django_db
def test_one_side_cannot_accept_twice_or_for_the_other(dialogue):
    draft(dialogue)
    contracts.contract_accept(
        request_pk=dialogue["request"].pk, user=dialogue["leader"], version_number=1
    )
    with pytest.raises(RequestError):
        contracts.contract_accept(
            request_pk=dialogue["request"].pk, user=dialogue["amr"], version_number=1
        )
    with pytest.raises(RequestError):
        contracts.contract_accept(
            request_pk=dialogue["request"].pk, user=dialogue["other_staff"], version_number=1
        )
    assert not dialogue["request"].contract.is_concluded


@pytest.mark.django_db
def test_conclusion_is_refused_when_the_frame_cannot_hold_it(dialogue):
    frame = BudgetFrame.objects.get(provider__slug="nfa", period__name="2016-17")
    draft(dialogue, price=Decimal("100000"))
    frame.amount = Decimal("110000")
    frame.save()
    other = factories.request_in_dialogue(
        leader=dialogue["leader"], counterpart=dialogue["amr"], staff=dialogue["staff"]
    )
    contracts.contract_draft(
        request_pk=other.pk,
        user=dialogue["staff"],
        data=factories.contract_data(price=Decimal("50000")),
        activities=[],
    )
    accept_both({**dialogue, "request": other})
    with pytest.raises(RequestError, match="60.000,00 kr."):
        accept_both(dialogue)
    contract = Contract.objects.get(request=dialogue["request"])
    assert contract.state == Contract.State.DRAFT
    assert contract.current.workplace_accepted_by is None
    assert frame_used(frame) == Decimal("50000.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"price": Decimal("0")}, "mere end 0 kr."),
        ({"price": Decimal("-5")}, "mere end 0 kr."),
        ({"price": Decimal("900000.01")}, "900.000,00 kr."),
        ({"planned_delivery_on": datetime.date(2019, 1, 1)}, "uden for programmet"),
    ],
)
def test_bad_contract_input_saves_nothing(dialogue, overrides, message):
    with pytest.raises(RequestError, match=message):
        draft(dialogue, **overrides)
    assert not Contract.objects.exists()
    assert not dialogue["request"].events.filter(action=Action.CONTRACT_DRAFTED).exists()


@pytest.mark.django_db
def test_activity_outside_the_programme_is_refused(dialogue):
    outside = [
        {
            "description": "For sent",
            "starts_on": datetime.date(2018, 4, 2),
            "ends_on": None,
            "place": "",
            "hours": None,
        }
    ]
    with pytest.raises(RequestError, match="For sent"):
        contracts.contract_draft(
            request_pk=dialogue["request"].pk,
            user=dialogue["staff"],
            data=factories.contract_data(),
            activities=outside,
        )
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_script_tags_are_escaped_on_the_page_and_in_the_pdf(client, dialogue):
    contract = draft(dialogue, task_scope="<script>alert('x')</script> workshop")
    client.force_login(dialogue["leader"])
    version = contract.current
    version.activities.create(description="<b>fed</b>", starts_on=datetime.date(2016, 10, 1))
    content = client.get(dialogue["request"].get_absolute_url()).content.decode()
    assert "<b>fed</b>" not in content
    assert "&lt;b&gt;fed&lt;/b&gt;" in content
    assert "<script>alert" in pdf_text(version)


@pytest.mark.django_db
def test_comment_goes_to_the_timeline(dialogue):
    draft(dialogue)
    contracts.contract_comment(
        request_pk=dialogue["request"].pk,
        user=dialogue["leader"],
        comment="Kan workshoppen flyttes?",
    )
    event = dialogue["request"].events.get(action=Action.CONTRACT_COMMENTED)
    assert event.data == {"comment": "Kan workshoppen flyttes?", "side": "workplace"}
    with pytest.raises(RequestError):
        contracts.contract_comment(
            request_pk=dialogue["request"].pk, user=dialogue["leader"], comment=" "
        )


@pytest.mark.django_db
def test_delivery_attest_opens_evaluations(dialogue, django_capture_on_commit_callbacks):
    draft(dialogue)
    accept_both(dialogue)
    received = []

    def listener(sender, request_pk, delivered_on, **kwargs):
        # Sent inside the delivery's transaction: the request is already delivered there.
        status = Request.objects.get(pk=request_pk).status
        received.append((request_pk, delivered_on, status, transaction.get_autocommit()))

    delivery_attested.connect(listener)
    try:
        today = timezone.localdate()
        with pytest.raises(RequestError, match="fremtiden"):
            contracts.delivery_attest(
                request_pk=dialogue["request"].pk,
                user=dialogue["leader"],
                delivered_on=today + datetime.timedelta(days=1),
            )
        with pytest.raises(RequestError):
            contracts.delivery_attest(
                request_pk=dialogue["request"].pk, user=dialogue["staff"], delivered_on=today
            )
        with django_capture_on_commit_callbacks(execute=False):
            contracts.delivery_attest(
                request_pk=dialogue["request"].pk,
                user=dialogue["amr"],
                delivered_on=today,
                comment="Godt",
            )
    finally:
        delivery_attested.disconnect(listener)
    dialogue["request"].refresh_from_db()
    assert dialogue["request"].status == Status.DELIVERED
    # Received before any after-commit callback ran, inside the atomic block.
    assert received == [(dialogue["request"].pk, today, Status.DELIVERED, False)]


@pytest.mark.django_db
def test_a_failing_delivery_listener_undoes_the_delivery(dialogue):
    draft(dialogue)
    accept_both(dialogue)

    def listener(sender, **kwargs):
        raise RuntimeError("the evaluation could not open")

    delivery_attested.connect(listener)
    try:
        with pytest.raises(RuntimeError):
            contracts.delivery_attest(
                request_pk=dialogue["request"].pk,
                user=dialogue["amr"],
                delivered_on=timezone.localdate(),
            )
    finally:
        delivery_attested.disconnect(listener)
    dialogue["request"].refresh_from_db()
    assert dialogue["request"].status != Status.DELIVERED


@pytest.mark.django_db
def test_ics_lists_the_activities(client, dialogue):
    draft(dialogue)
    accept_both(dialogue)
    client.force_login(dialogue["amr"])
    response = client.get(reverse("requests:contract_ics", kwargs={"pk": dialogue["request"].pk}))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20161003" in body
    assert "SUMMARY:Workshop 1 (NFA)" in body


@pytest.mark.django_db
def test_contract_form_refuses_bad_input_with_danish_messages(client, dialogue):
    client.force_login(dialogue["staff"])
    url = reverse("requests:contract_edit", kwargs={"pk": dialogue["request"].pk})
    base = {
        "workplace_contact": "Lene",
        "provider_contact": "NFA",
        "wishes_expectations": "x",
        "task_scope": "y",
        "target_group": "z",
        "planned_delivery_on": "2016-11-30",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-0-description": "Workshop",
        "activities-0-starts_on": "2016-10-03",
    }
    for price, message in [
        ("0", "mere end 0 kr."),
        ("-100", "mere end 0 kr."),
        ("abc", "Skriv beløbet som 250.000,00"),
        ("950000", "900.000,00 kr."),
    ]:
        response = client.post(url, {**base, "price": price})
        assert response.status_code == 200
        assert message in response.content.decode(), price
    response = client.post(
        url, {**base, "price": "12500,00", "activities-0-starts_on": "2030-01-01"}
    )
    assert "uden for programmet" in response.content.decode()
    assert not Contract.objects.exists()
    response = client.post(url, {**base, "price": "12500,00"})
    assert response.status_code == 302
    assert Contract.objects.get().current.price == Decimal("12500.00")


@pytest.mark.django_db
def test_pdf_download_permissions(client, dialogue):
    draft(dialogue)
    url = reverse("requests:contract_pdf", kwargs={"pk": dialogue["request"].pk, "number": 1})
    central = factories.CentralPartyFactory().user
    expected = {"leader": 200, "amr": 200, "staff": 200, "other_staff": 404, "coordinator": 403}
    for role, status in expected.items():
        client.force_login(dialogue[role])
        assert client.get(url).status_code == status, role
    client.force_login(central)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == dialogue["request"].contract.current.pdf_sha256
    missing = reverse("requests:contract_pdf", kwargs={"pk": dialogue["request"].pk, "number": 9})
    assert client.get(missing).status_code == 404


def test_every_contract_transition_has_a_service():
    from requests_app.transitions import CONTRACT_TRANSITIONS

    for action in CONTRACT_TRANSITIONS:
        # Conclusion is the second acceptance: contract_accept concludes.
        # Conclusion and amendment are the second acceptance: contract_accept does both.
        name = "contract_accept" if action in {"contract_conclude", "contract_amend"} else action
        assert callable(getattr(contracts, name)), action


@pytest.mark.parametrize(("hours", "valid"), [("1000", True), ("1000,5", False), ("99999", False)])
def test_an_activity_takes_at_most_a_thousand_hours(hours, valid):
    """Browser QA: 99,999 hours were saved and shown."""
    from django.utils.translation import override

    from requests_app.forms.contracts import ActivityForm

    with override("da"):
        form = ActivityForm({"description": "Workshop", "starts_on": "2016-10-03", "hours": hours})
        assert form.is_valid() is valid, form.errors
        if not valid:
            assert form.errors["hours"] == ["En aktivitet kan højst vare 1.000 timer."]


@pytest.mark.parametrize(
    ("delivered", "early", "valid"),
    [("2016-11-01", "", False), ("2016-11-01", "on", True), ("2016-12-01", "", True)],
)
def test_a_delivery_before_the_planned_date_must_be_said_to_have_taken_place(
    delivered, early, valid
):
    """Browser QA: the day the contract was concluded was attested as its delivery, months
    before the planned one, and the whole amount could be invoiced at once."""
    from django.utils.translation import override

    from requests_app.forms.contracts import DeliveryForm

    with override("da"):
        form = DeliveryForm(
            {"delivered_on": delivered, "early": early},
            planned_on=datetime.date(2016, 11, 30),
        )
        assert form.is_valid() is valid, form.errors
        if not valid:
            assert form.errors["early"] == [
                "Kontrakten planlægger leverancen til 30. nov. 2016. Har den allerede fundet "
                "sted, så sæt kryds ved det for at attestere den."
            ]
        else:
            assert "early" not in form.cleaned_data  # the service takes the date and comment


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        *[("1.000", "1000"), ("12,5", "12.5"), ("12.5", "12.5")],
        *[("2.500", None), ("1.00", None), ("0.500", None)],
    ],
)
def test_hours_read_a_full_stop_before_three_digits_as_thousands(typed, hours):
    """Browser QA: "1.000" was refused with "at most 1 decimal", as if it were 1,000 hours
    written the English way; a Danish "1.000" is a thousand."""
    from django.utils.translation import override

    from requests_app.forms.contracts import ActivityForm

    with override("da"):
        form = ActivityForm({"description": "Workshop", "starts_on": "2016-10-03", "hours": typed})
        assert form.is_valid() is (hours is not None), form.errors
        if hours is not None:
            assert form.cleaned_data["hours"] == Decimal(hours)
        elif typed == "2.500":
            assert form.errors["hours"] == ["En aktivitet kan højst vare 1.000 timer."]


def test_an_english_page_reads_no_thousands_point_in_hours():
    from django.utils.translation import override

    from requests_app.forms.contracts import ActivityForm

    with override("en"):
        form = ActivityForm(
            {"description": "Workshop", "starts_on": "2016-10-03", "hours": "1.000"}
        )
        assert not form.is_valid()
