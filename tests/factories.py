"""Factories for every test, in one place."""

import factory
from django.contrib.auth import get_user_model

from accounts.models import CentralPartyMember, Membership, Region, RegionalCoordinator, Workplace
from providers.models import Provider, ProviderStaff

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.dk")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def region(slug="sjaelland"):
    return Region.objects.get(slug=slug)


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    name = factory.Sequence(lambda n: f"Arbejdsplads {n}")
    region = factory.LazyFunction(region)
    kind = Workplace.Kind.DEPARTMENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workplace = factory.SubFactory(WorkplaceFactory)
    role = Membership.Role.LEADER


def provider(slug="nfa"):
    return Provider.objects.get(slug=slug)


class ProviderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderStaff

    user = factory.SubFactory(UserFactory)
    provider = factory.LazyFunction(provider)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalCoordinator

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(region)


class CentralPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentralPartyMember

    user = factory.SubFactory(UserFactory)
    party = CentralPartyMember.Party.DANSKE_REGIONER


def complete_request(*, leader, counterpart, provider_slug="nfa", **overrides):
    """A draft with every field a request needs, filed by ``leader`` naming ``counterpart``."""
    import datetime

    from providers.models import Theme
    from requests_app.models import Request

    workplace = leader.memberships.first().workplace
    fields = {
        "title": "Forandringer i akutmodtagelsen",
        "workplace": workplace,
        "initiator": leader,
        "last_editor": leader,
        "level": Request.Level.SINGLE,
        "scope": Request.Scope.OPERATIONAL,
        "wishes": "Vi ønsker hjælp til at håndtere en stor omlægning.",
        "target_group": "Ledere og medarbejdere i afsnittet",
        "expected_outcome": "En plan for forandringen med fokus på arbejdsmiljøet.",
        "provider": provider(provider_slug),
        "informed_who": "Lokal-MED",
        "informed_on": datetime.date(2016, 5, 1),
        "attest_not_improvement_notice": True,
        "attest_not_crisis_help": True,
        "attest_not_personal_support": True,
        "attest_beyond_current_effort": True,
        "counterpart_kind": Request.CounterpartKind.PERSON,
        "counterpart": counterpart,
    }
    fields.update(overrides)
    request = Request.objects.create(**fields)
    request.themes.set([Theme.objects.get(slug="organisational-change")])
    return request


def trio(region_slug="sjaelland"):
    """A leader and an AMR at one workplace in the region."""
    workplace = WorkplaceFactory(region=region(region_slug))
    leader = MembershipFactory(workplace=workplace, role="leader").user
    amr = MembershipFactory(workplace=workplace, role="amr").user
    return workplace, leader, amr


def request_in_dialogue(*, leader, counterpart, staff, provider_slug="nfa", **overrides):
    """A complete request, agreed, at the provider and in dialogue (model-2 region)."""
    from django.utils import timezone

    from requests_app.services import intake as services

    request = complete_request(
        leader=leader, counterpart=counterpart, provider_slug=provider_slug, **overrides
    )
    services.request_submit(request_pk=request.pk, user=leader)
    services.request_confirm(request_pk=request.pk, user=counterpart)
    services.request_start_dialogue(
        request_pk=request.pk, user=staff, started_on=timezone.localdate()
    )
    request.refresh_from_db()
    assert request.status == "dialogue", request.status
    return request


def contract_data(**overrides):
    import datetime
    from decimal import Decimal

    data = {
        "workplace_contact": "Lene Leder",
        "provider_contact": "Konsulent NFA",
        "wishes_expectations": "En plan for forandringen.",
        "task_scope": "To workshops og et opfølgningsmøde.",
        "target_group": "Afsnittets ansatte",
        "planned_delivery_on": datetime.date(2016, 11, 30),
        "price": Decimal("12500.00"),
    }
    data.update(overrides)
    return data


def activities():
    import datetime

    return [
        {
            "description": "Workshop 1",
            "starts_on": datetime.date(2016, 10, 3),
            "ends_on": None,
            "place": "Mødelokale 2",
            "hours": 3,
        },
        {
            "description": "Opfølgningsmøde",
            "starts_on": datetime.date(2016, 11, 28),
            "ends_on": datetime.date(2016, 11, 28),
            "place": "",
            "hours": 2,
        },
    ]


def clear_bell():
    """Forget the bell notifications the set-up's own events made (issue 11, point 8), for
    tests that count what one later step adds."""
    from accounts.models import Notification

    Notification.objects.filter(key__startswith="event:").delete()


def invoiced(request, *, number, state, submitted_by, amount="1000.00"):
    """A concluded contract on the (delivered) ``request`` in its provider's latest frame, and
    one invoice of ``amount`` on it in ``state``: a row for the invoice lists and queues."""
    from decimal import Decimal

    from django.utils import timezone

    from providers.models import BudgetFrame
    from requests_app.models import Contract, Invoice

    frame = BudgetFrame.objects.filter(provider_id=request.provider_id).order_by(
        "-period__starts_on"
    )[0]
    contract = Contract.objects.create(
        request=request,
        state=Contract.State.CONCLUDED,
        frame=frame,
        reserved_amount=Decimal(amount),
        delivered_on=timezone.localdate(),
    )
    return Invoice.objects.create(
        contract=contract,
        provider_id=request.provider_id,
        frame=frame,
        number=number,
        invoice_date=timezone.localdate(),
        amount=Decimal(amount),
        state=state,
        pdf="invoices/x.pdf",
        submitted_by=submitted_by,
        submitted_at=timezone.now(),
    )
