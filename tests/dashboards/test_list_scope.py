"""The lists' region and provider filters offer what the user may follow, as the dashboards'
own filter form does (``Scope.offered_regions``): a coordinator their region, provider staff
their provider, the central parties everything. One outside the scope, typed into the URL,
is named in Danish and left out, not a silently empty list (QA, Dec 2026)."""

import pytest
from django.urls import reverse

from accounts.models import Region
from providers.models import Provider
from tests import factories
from tests.dashboards import builders as b

LISTS = ["dashboards:requests", "dashboards:contracts", "dashboards:invoices"]
NOT_A_CHOICE = "Marker en gyldig valgmulighed"


@pytest.fixture
def rows(db):
    """A contract and an invoice in Sjælland and in Hovedstaden, to NFA and to CBS."""
    for region, provider in (("sjaelland", "nfa"), ("hovedstaden", "cbs")):
        workplace = factories.WorkplaceFactory(region=factories.region(region))
        made = b.request(workplace, provider_slug=provider, reached=b.at(2016, 6, 1))
        contract = b.contract(
            made, frame=b.frame(provider), reserved="10000", concluded=b.at(2016, 6, 20)
        )
        b.invoice(contract, amount="1000", submitted=b.at(2016, 7, 1))


def _user(role):
    return {
        "central": lambda: factories.CentralPartyFactory().user,
        "coordinator": lambda: (
            factories.CoordinatorFactory(region=factories.region("sjaelland")).user
        ),
        "staff": lambda: factories.ProviderStaffFactory(provider=factories.provider("nfa")).user,
    }[role]()


def _offered(response, name) -> set[str]:
    field = response.context["form"].fields[name]
    return {str(value) for value, _label in field.choices if value}


EXPECTED = {
    # role: (regions offered, providers offered); None for all of them
    "central": (None, None),
    "coordinator": ({"sjaelland"}, None),
    "staff": (None, {"nfa"}),
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("role", ["central", "coordinator", "staff"])
def test_the_filters_offer_the_users_own_regions_and_providers(client, rows, name, role):
    client.force_login(_user(role))
    response = client.get(reverse(name))
    assert response.status_code == 200
    regions, providers = EXPECTED[role]
    all_regions = set(Region.objects.values_list("slug", flat=True))
    all_providers = set(Provider.objects.values_list("slug", flat=True))
    assert len(all_regions) == 5
    assert _offered(response, "region") == (regions or all_regions)
    assert _offered(response, "provider") == (providers or all_providers)
    html = response.content.decode()
    region_select = html.split('name="region"')[1].split("</select>")[0]
    assert ("Region Hovedstaden" in region_select) is (role != "coordinator")


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("role", "param", "outside", "inside"),
    [
        ("coordinator", "region", "hovedstaden", "sjaelland"),
        ("staff", "provider", "cbs", "nfa"),
    ],
)
def test_one_outside_the_scope_is_named_and_left_out(
    client, rows, name, role, param, outside, inside
):
    client.force_login(_user(role))
    everything = client.get(reverse(name)).context["count"]
    assert everything > 0
    response = client.get(reverse(name), {param: outside})
    assert response.status_code == 200
    problems = " ".join(response.context["problems"])
    label = {"region": "Region", "provider": "Udbyder"}[param]
    assert "Nogle filtre kunne ikke bruges og er udeladt" in problems
    assert f"{label} ({param}): {NOT_A_CHOICE}" in problems
    assert response.context["count"] == everything  # left out: nothing changes
    assert 'id="filter-problems"' in response.content.decode()
    export = client.get(reverse(name), {param: outside, "export": "csv"})
    assert "Ret filtrene, før du eksporterer" in export.content.decode()
    # Their own is a choice, and filters without a word.
    own = client.get(reverse(name), {param: inside})
    assert not own.context["problems"] and own.context["count"] == everything


@pytest.mark.parametrize("name", LISTS)
def test_the_central_parties_may_choose_any_region(client, rows, name):
    client.force_login(_user("central"))
    for slug in ("sjaelland", "hovedstaden", "nordjylland"):
        response = client.get(reverse(name), {"region": slug, "provider": "cbs"})
        assert not response.context["problems"], slug
    assert client.get(reverse(name), {"region": "hovedstaden"}).context["count"] > 0
    assert client.get(reverse(name), {"region": "nordjylland"}).context["count"] == 0


def test_the_api_keeps_every_region_for_its_own_check(client, rows):
    """The API builds the request filter without a web request: every region is a choice
    there, and its rows are the user's scope as before."""
    from dashboards.filters import RequestFilter, requests_rows

    coordinator = _user("coordinator")
    filterset = RequestFilter({"region": "hovedstaden"}, queryset=requests_rows(coordinator))
    assert filterset.is_valid()
    assert not filterset.qs.exists()
