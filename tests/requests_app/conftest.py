import pytest

from tests import factories


@pytest.fixture
def model2(db):
    """A TRIO in Region Sjælland (model 2), with NFA staff and the region's coordinator."""
    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    other_staff = factories.ProviderStaffFactory(provider=factories.provider("cbs")).user
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    return {
        "workplace": workplace,
        "leader": leader,
        "amr": amr,
        "staff": staff,
        "other_staff": other_staff,
        "coordinator": coordinator,
    }


@pytest.fixture
def model1(db):
    """A TRIO in Region Hovedstaden (model 1), with its coordinator and NFA staff."""
    workplace, leader, amr = factories.trio("hovedstaden")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    coordinator = factories.CoordinatorFactory(region=factories.region("hovedstaden")).user
    return {
        "workplace": workplace,
        "leader": leader,
        "amr": amr,
        "staff": staff,
        "coordinator": coordinator,
    }


# The roles every permission test walks, relative to one request of the model2 TRIO.
ROLES = [
    "anonymous",
    "leader",
    "amr",
    "colleague",
    "outsider",
    "staff",
    "other_staff",
    "coordinator",
    "other_coordinator",
    "central",
]


@pytest.fixture
def people(model2):
    """One user per role in ROLES (``None`` for anonymous)."""
    colleague = factories.MembershipFactory(workplace=model2["workplace"], role="tr").user
    return {
        "anonymous": None,
        "leader": model2["leader"],
        "amr": model2["amr"],
        "colleague": colleague,
        "outsider": factories.MembershipFactory().user,
        "staff": model2["staff"],
        "other_staff": model2["other_staff"],
        "coordinator": model2["coordinator"],
        "other_coordinator": factories.CoordinatorFactory(
            region=factories.region("hovedstaden")
        ).user,
        "central": factories.CentralPartyFactory().user,
    }
