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
