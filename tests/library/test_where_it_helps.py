"""The library where it helps: the wizard, the request page, the provider pages, the start page."""

import pytest
from django.urls import reverse

from library import selectors as library
from library.models import Kind
from providers.models import Theme
from tests import factories

SUGGESTIONS = reverse("requests:theme_suggestions")
THEMES = ["organisational-change", "professional-change", "violence-threats"]


@pytest.fixture
def trio(db):
    workplace, leader, amr = factories.trio("sjaelland")
    return {"workplace": workplace, "leader": leader, "amr": amr}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", THEMES)
def test_the_wizard_suggests_tools_and_cases_or_recommendations_for_each_theme(client, trio, slug):
    client.force_login(trio["leader"])
    theme = Theme.objects.get(slug=slug)
    response = client.get(SUGGESTIONS, {"themes": [str(theme.pk)]})
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    assert suggestions[Kind.TOOL], slug
    assert suggestions[Kind.CASE] or suggestions[Kind.RECOMMENDATION], slug
    for items in suggestions.values():
        for item in items:
            assert slug in {t.slug for t in item.themes.all()}
    page = response.content.decode()
    assert "Inspiration fra vidensbiblioteket" in page
    assert 'target="_blank"' in page


@pytest.mark.django_db
def test_the_suggestions_without_a_theme_and_with_bad_ids(client, trio):
    client.force_login(trio["leader"])
    for params in ({}, {"themes": ["x", "-1", "99999"]}):
        response = client.get(SUGGESTIONS, params)
        assert response.status_code == 200
        assert "Vælg et tema" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["99999999999999999999", str(2**63), "²", "0"])
def test_the_suggestions_refuse_ids_no_column_can_hold(client, trio, bad):
    """A 20-digit id made SQLite raise OverflowError (a 500); it reads as no theme chosen."""
    client.force_login(trio["leader"])
    theme = Theme.objects.get(slug="violence-threats")
    response = client.get(SUGGESTIONS, {"themes": [bad]})
    assert response.status_code == 200
    assert "Vælg et tema" in response.content.decode()
    response = client.get(SUGGESTIONS, {"themes": [bad, str(theme.pk)]})
    assert response.status_code == 200
    assert response.context["suggestions"][Kind.TOOL]


@pytest.mark.django_db
def test_the_suggestions_need_a_login(client):
    response = client.get(SUGGESTIONS)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_the_suggestions_take_a_fixed_number_of_queries(
    client, trio, django_assert_max_num_queries
):
    client.force_login(trio["leader"])
    pks = [str(pk) for pk in Theme.objects.values_list("pk", flat=True)]
    client.get(SUGGESTIONS, {"themes": pks})
    with django_assert_max_num_queries(8):
        client.get(SUGGESTIONS, {"themes": pks})


@pytest.mark.django_db
def test_the_content_step_loads_the_suggestions_with_htmx(client, trio):
    request = factories.complete_request(leader=trio["leader"], counterpart=trio["amr"])
    client.force_login(trio["leader"])
    page = client.get(reverse("requests:step", args=[request.pk, "content"])).content.decode()
    assert f'hx-get="{SUGGESTIONS}"' in page
    assert 'hx-include="input[name=themes]"' in page
    other = client.get(reverse("requests:step", args=[request.pk, "provider"])).content.decode()
    assert SUGGESTIONS not in other


@pytest.mark.django_db
def test_the_request_page_links_the_tools_for_its_theme(client, trio):
    request = factories.complete_request(leader=trio["leader"], counterpart=trio["amr"])
    request.themes.set([Theme.objects.get(slug="violence-threats")])
    client.force_login(trio["leader"])
    page = client.get(request.get_absolute_url()).content.decode()
    assert 'id="library-panel"' in page
    assert reverse("library:item", args=["arbejdsmiljoe-check-in"]) in page
    assert reverse("library:item", args=["trioens-forandringsdialog"]) not in page


@pytest.mark.django_db
def test_a_providers_page_links_its_cases(client):
    page = client.get(reverse("providers:detail", args=["ruc"])).content.decode()
    assert "Cases fra vidensbiblioteket" in page
    assert reverse("library:item", args=["dialysen-fra-selvbeskyttelse-til-faelles-ansvar"]) in page
    nfa = client.get(reverse("providers:detail", args=["nfa"])).content.decode()
    assert "Cases fra vidensbiblioteket" in nfa
    assert reverse("library:item", args=["integreret-voldsforebyggelse-forskningsprojekt"]) in nfa
    assert (
        reverse("library:item", args=["dialysen-fra-selvbeskyttelse-til-faelles-ansvar"]) not in nfa
    )
    for slug in ["cbs", "alectia"]:  # named in no case of the seeds
        other = client.get(reverse("providers:detail", args=[slug])).content.decode()
        assert "Cases fra vidensbiblioteket" not in other


# The tool made for each request theme (its main theme); Perspective conversations, tagged with
# every theme, was once suggested for all three.
START_PAGE_TOOL = {
    "organisational-change": "trioens-forandringsdialog",
    "professional-change": "dilemmavaerksted",
    "violence-threats": "arbejdsmiljoe-check-in",
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", THEMES)
def test_a_trios_start_page_suggests_the_tool_made_for_its_latest_requests_theme(
    client, trio, slug
):
    client.force_login(trio["leader"])
    assert 'id="library-tool"' not in client.get(reverse("home")).content.decode()
    request = factories.complete_request(leader=trio["leader"], counterpart=trio["amr"])
    request.themes.set([Theme.objects.get(slug=slug)])
    page = client.get(reverse("home")).content.decode()
    assert 'id="library-tool"' in page
    assert reverse("library:item", args=[START_PAGE_TOOL[slug]]) in page
    for other in set(START_PAGE_TOOL.values()) - {START_PAGE_TOOL[slug]}:
        assert reverse("library:item", args=[other]) not in page


@pytest.mark.django_db
def test_the_three_themes_get_three_different_fitting_tools():
    tools = {slug: library.tool_for_themes([slug]) for slug in THEMES}
    assert {slug: tool.slug for slug, tool in tools.items()} == START_PAGE_TOOL
    for slug, tool in tools.items():
        assert slug in {theme.slug for theme in tool.themes.all()}


@pytest.mark.django_db
def test_without_a_main_theme_the_most_specific_tool_comes_first(item_factory):
    narrow = item_factory(themes=["violence-threats"], position=200)
    broad = library.tools_for_themes(["violence-threats"], limit=10)
    assert broad[0].slug == "arbejdsmiljoe-check-in"  # its main theme
    assert broad[1] == narrow  # one theme only, before the tools of three or four
    assert broad[-1].slug == "perspektivsamtaler"  # every theme: the least specific
    assert library.tools_for_themes(["violence-threats"], limit=1) == [broad[0]]
    assert library.tool_for_themes([]) is None


@pytest.mark.django_db
def test_provider_staff_get_no_tool_on_their_start_page(client, provider_staff):
    client.force_login(provider_staff)
    assert 'id="library-tool"' not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_navigation_links_the_library(client):
    assert (
        f'href="{reverse("library:list")}"'
        in client.get(reverse("providers:list")).content.decode()
    )
