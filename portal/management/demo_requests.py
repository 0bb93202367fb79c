"""Sample requests for ``seed_demo``, one at every step of the flow, made through the services
as real ones are: drafts, requests awaiting the other party or the region, at the provider,
in dialogue, declined, overdue, contracted, delivered, invoiced, attested and paid.

Each sample is made once (found again by its title), so ``seed_demo`` may run any number
of times. The deadline scan runs at the end, so the bells have their reminders.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from accounts.models import CentralPartyMember
from providers.models import Provider, Theme
from requests_app.models import Deadline, Request
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, deadline_scan, intake, invoices

# The step each sample is taken to, in the order the flow passes them.
STEPS = [
    "draft",
    "awaiting_counterpart",
    "awaiting_region",
    "at_provider",
    "overdue",
    "declined",
    "dialogue",
    "contracted",
    "delivered",
    "invoiced",
    "attested",
    "paid",
]

# (title, initiator, counterpart, provider, theme, step, price)
SAMPLES = [
    (
        "Sammenlægning af to sengeafsnit",
        "leder@demo.dk",
        "amr@demo.dk",
        "nfa",
        "organisational-change",
        "at_provider",
        None,
    ),
    (
        "Nye arbejdsgange i ambulatoriet",
        "leder@demo.dk",
        "amr@demo.dk",
        "cbs",
        "organisational-change",
        "awaiting_counterpart",
        None,
    ),
    (
        "Forebyggelse af vold i modtagelsen",
        "leder@demo.dk",
        "amr@demo.dk",
        "ruc",
        "violence-threats",
        "draft",
        None,
    ),
    (
        "Arbejdsmængde og tidspres i akutmodtagelsen",
        "leder.h@demo.dk",
        "tr@demo.dk",
        "alectia",
        "organisational-change",
        "awaiting_region",
        None,
    ),
    (
        "Trivsel efter omstruktureringen",
        "leder@demo.dk",
        "amr@demo.dk",
        "cbs",
        "organisational-change",
        "dialogue",
        None,
    ),
    (
        "Tryghed på aftenvagten",
        "amr@demo.dk",
        "leder@demo.dk",
        "alectia",
        "violence-threats",
        "declined",
        None,
    ),
    (
        "Omgangstone og samarbejde i akutteamet",
        "tr@demo.dk",
        "leder.h@demo.dk",
        "ruc",
        "organisational-change",
        "overdue",
        None,
    ),
    (
        "Kommunikation ved vagtskifte",
        "leder@demo.dk",
        "amr@demo.dk",
        "nfa",
        "organisational-change",
        "contracted",
        "45000.00",
    ),
    (
        "Samarbejde mellem faggrupper i sengeafsnittet",
        "leder@demo.dk",
        "amr@demo.dk",
        "alectia",
        "organisational-change",
        "delivered",
        "38000.00",
    ),
    (
        "Håndtering af trusler i psykiatrien",
        "leder@demo.dk",
        "amr@demo.dk",
        "ruc",
        "violence-threats",
        "invoiced",
        "62500.00",
    ),
    (
        "Arbejdsmiljøet under flytningen til nyt sygehus",
        "leder@demo.dk",
        "amr@demo.dk",
        "nfa",
        "organisational-change",
        "attested",
        "85000.00",
    ),
    (
        "Ny ledelsesstruktur i medicinsk afdeling",
        "amr@demo.dk",
        "leder@demo.dk",
        "cbs",
        "organisational-change",
        "paid",
        "120000.00",
    ),
]

# How far back the overdue sample's clock is set: past the 7 days for the dialogue.
OVERDUE_BY = datetime.timedelta(days=10)


def seed_sample_requests() -> None:
    users = {
        user.email: user for user in get_user_model().objects.filter(email__endswith="@demo.dk")
    }
    central = (
        (CentralPartyMember.objects.select_related("user").filter(user__email="central@demo.dk"))
        .get()
        .user
    )
    for title, initiator, counterpart, provider_slug, theme, step, price in SAMPLES:
        if Request.objects.filter(title=title).exists():
            continue
        provider = Provider.objects.get(slug=provider_slug)
        request = _draft(title, users[initiator], users[counterpart], provider, theme)
        _take_to(
            request,
            step,
            initiator=users[initiator],
            counterpart=users[counterpart],
            staff=users[f"{provider_slug}@demo.dk"],
            coordinator=users[f"region.{request.workplace.region.slug}@demo.dk"],
            central=central,
            price=Decimal(price) if price else None,
        )
    # Reminders and escalations for what is due (the overdue sample's above all), as the
    # periodic scan would make them within minutes of the first start.
    deadline_scan.scan()


def _draft(title, initiator, counterpart, provider, theme) -> Request:
    workplace = initiator.memberships.filter(confirmed_at__isnull=False).first().workplace
    request = intake.request_create(
        user=initiator,
        workplace=workplace,
        title=title,
        level=Request.Level.SINGLE,
        scope=Request.Scope.OPERATIONAL,
    )
    return intake.request_update(
        request=request,
        user=initiator,
        data={
            "themes": [Theme.objects.get(slug=theme)],
            "wishes": "Vi ønsker sparring på, hvordan vi passer på det psykiske arbejdsmiljø "
            "undervejs i forandringen.",
            "target_group": "Ledere og medarbejdere i afsnittet",
            "expected_outcome": "En fælles plan for forløbet, som MED-udvalget følger op på.",
            "provider": provider,
            "informed_who": "Lokal-MED, arbejdsmiljøgruppen og HR",
            "informed_on": timezone.localdate(),
            "attest_not_improvement_notice": True,
            "attest_not_crisis_help": True,
            "attest_not_personal_support": True,
            "attest_beyond_current_effort": True,
            "counterpart_kind": Request.CounterpartKind.PERSON,
            "counterpart": counterpart,
        },
    )


def _take_to(request, target, *, initiator, counterpart, staff, coordinator, central, price):
    """Walk one sample through the services up to ``target`` (one of ``STEPS``)."""
    today = timezone.localdate()
    pk = request.pk
    if target == "draft":
        return
    intake.request_submit(request_pk=pk, user=initiator)
    if target == "awaiting_counterpart":
        return
    intake.request_confirm(request_pk=pk, user=counterpart)
    if request.workplace.region.needs_central_approval:
        if target == "awaiting_region":
            return
        intake.request_region_approve(request_pk=pk, user=coordinator)
    if target == "at_provider":
        return
    if target == "overdue":
        _turn_back_the_clock(request)
        return
    if target == "declined":
        intake.request_decline(
            request_pk=pk,
            user=staff,
            reason=Request.DeclineReason.NO_CAPACITY,
            text="Vi har ikke konsulenter ledige i den ønskede periode.",
        )
        return
    intake.request_start_dialogue(
        request_pk=pk, user=staff, started_on=today, note="Første møde aftalt med lederen."
    )
    if target == "dialogue":
        return
    contracts.contract_draft(
        request_pk=pk,
        user=staff,
        data=_contract_data(request, initiator, staff, price, today),
        activities=[
            {
                "description": "Workshop for ledere og medarbejdere",
                "starts_on": today + datetime.timedelta(days=7),
                "ends_on": None,
                "place": "Mødelokale 1",
                "hours": Decimal("3"),
            }
        ],
    )
    contracts.contract_accept(request_pk=pk, user=staff, version_number=1)
    contracts.contract_accept(request_pk=pk, user=initiator, version_number=1)
    if target == "contracted":
        return
    contracts.delivery_attest(
        request_pk=pk, user=initiator, delivered_on=today, comment="Leveret som aftalt."
    )
    if target == "delivered":
        return
    invoice = invoices.invoice_submit(
        request_pk=pk,
        user=staff,
        number=f"DEMO-{pk}",
        invoice_date=today,
        amount=price,
        pdf=SimpleUploadedFile(
            f"faktura-{pk}.pdf", minimal_pdf_bytes(), content_type="application/pdf"
        ),
    )
    if target == "invoiced":
        return
    # Four eyes: the region's coordinator attests, a central party (another person) pays.
    invoices.invoice_attest(invoice_pk=invoice.pk, user=coordinator)
    if target == "attested":
        return
    invoices.invoice_pay(
        invoice_pk=invoice.pk, user=central, paid_on=today, reference=f"BET-{invoice.pk}"
    )


def _contract_data(request, initiator, staff, price, today) -> dict:
    return {
        "workplace_contact": initiator.get_full_name(),
        "provider_contact": staff.get_full_name(),
        "wishes_expectations": f"{request.wishes}\n\n{request.expected_outcome}",
        "task_scope": "En workshop og et opfølgningsmøde med lokal-MED.",
        "target_group": request.target_group,
        "planned_delivery_on": today + datetime.timedelta(days=21),
        "price": price,
    }


def _turn_back_the_clock(request) -> None:
    """Demo data only: the request reached the provider ``OVERDUE_BY`` ago, so its dialogue
    deadline has passed and the scan escalates it. Nothing in the portal moves a clock back;
    here the request's due times and its deadline rows are shifted with plain updates (its
    timeline keeps the true time of each event: the log is append-only)."""
    Request.objects.filter(pk=request.pk).update(
        reached_provider_at=F("reached_provider_at") - OVERDUE_BY,
        dialogue_due=F("dialogue_due") - OVERDUE_BY,
        contract_due=F("contract_due") - OVERDUE_BY,
    )
    Deadline.objects.filter(request=request).update(
        opens_at=F("opens_at") - OVERDUE_BY,
        remind_at=F("remind_at") - OVERDUE_BY,
        due_at=F("due_at") - OVERDUE_BY,
    )
