import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.models import Membership, Workplace

DEMO_EMAILS = [
    "leder@demo.dk",
    "amr@demo.dk",
    "tr@demo.dk",
    "leder.h@demo.dk",
    "nfa@demo.dk",
    "cbs@demo.dk",
    "alectia@demo.dk",
    "ruc@demo.dk",
    "region.sjaelland@demo.dk",
    "region.hovedstaden@demo.dk",
    "central@demo.dk",
    "admin@demo.dk",
]


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_complete(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    User = get_user_model()
    for email in DEMO_EMAILS:
        assert User.objects.get(email=email).check_password("arbejdsmiljo-demo")
    assert Workplace.objects.count() == 5
    assert {w.region.slug for w in Workplace.objects.all()} == {
        "hovedstaden",
        "sjaelland",
        "syddanmark",
        "midtjylland",
        "nordjylland",
    }
    leader = Membership.objects.get(user__email="leder@demo.dk")
    amr = Membership.objects.get(user__email="amr@demo.dk")
    assert leader.workplace == amr.workplace
    assert leader.workplace.region.slug == "sjaelland"
    tr = Membership.objects.get(user__email="tr@demo.dk")
    assert tr.workplace == Membership.objects.get(user__email="leder.h@demo.dk").workplace
    assert tr.workplace.region.slug == "hovedstaden"
    assert User.objects.get(email="admin@demo.dk").is_superuser
    central = User.objects.get(email="central@demo.dk")
    assert central.has_perm("providers.change_budgetframe")
    # A current programme, so the whole flow can be tried today.
    from django.utils import timezone

    from providers.models import BudgetFrame

    today = timezone.localdate()
    current = BudgetFrame.objects.filter(period__starts_on__lte=today, period__ends_on__gte=today)
    assert current.count() == 4
    assert BudgetFrame.objects.count() == 8 + 8


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(email="admin@demo.dk").exists()


ROLE_USERS = [email for email in DEMO_EMAILS if email != "admin@demo.dk"]


@pytest.mark.django_db
def test_seed_demo_holds_every_step_with_notifications(settings):
    """A living portal at first start (issue 11, point 17): requests at every step, made
    through the services, and something under every role's bell; twice is once."""
    from django.utils import timezone

    from accounts.models import Notification
    from portal.management.demo_requests import SAMPLES
    from requests_app.models import Contract, Deadline, Invoice, Request, RequestEvent

    settings.DEBUG = True
    # How long it takes is a benchmark's business, not a test's (a loaded machine is slow).
    call_command("seed_demo")
    counts = [
        model.objects.count()
        for model in (Request, Contract, Invoice, RequestEvent, Notification, Deadline)
    ]
    call_command("seed_demo")
    assert [
        model.objects.count()
        for model in (Request, Contract, Invoice, RequestEvent, Notification, Deadline)
    ] == counts
    assert Request.objects.count() == len(SAMPLES)

    statuses = set(Request.objects.values_list("status", flat=True))
    assert statuses >= {
        "draft",
        "awaiting_counterpart",
        "awaiting_region",
        "at_provider",
        "dialogue",
        "declined",
        "contracted",
        "delivered",
    }
    delivered = Request.objects.filter(status="delivered", contract__invoices__isnull=True)
    assert delivered.exists(), "a delivery not yet invoiced"
    assert set(Invoice.objects.values_list("state", flat=True)) == {
        Invoice.State.AWAITING_REGION,
        Invoice.State.AWAITING_PAYMENT,
        Invoice.State.PAID,
    }
    paid = Invoice.objects.get(state=Invoice.State.PAID)
    assert paid.attested_by != paid.paid_by  # four eyes
    # Overdue: at the provider, the dialogue deadline passed and escalated by the scan.
    overdue = Deadline.objects.get(
        kind=Deadline.Kind.DIALOGUE, request__status="at_provider", due_at__lt=timezone.now()
    )
    assert overdue.met_at is None and overdue.escalated_at is not None
    assert overdue.request.days_left(overdue.request.dialogue_due) < 0
    # Every event came from a service: each sample starts with its "draft created".
    assert RequestEvent.objects.filter(action="request.created").count() == len(SAMPLES)

    User = get_user_model()
    for email in ROLE_USERS:
        user = User.objects.get(email=email)
        assert Notification.objects.filter(user=user).exists(), f"{email} has an empty bell"
