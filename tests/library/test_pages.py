"""The library's pages: public, Danish, paginated in a fixed number of queries, bad input kind."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from library.models import Item, Kind
from tests.library.conftest import make_item

LIST = reverse("library:list")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        LIST,
        LIST + "?tema=violence-threats",
        LIST + "?type=tool",
        LIST + "?q=dilemmaværkstedet",
        reverse("library:item", args=["perspektivsamtaler"]),
        reverse("library:item", args=["forebyg-vold-og-trusler"]),
    ],
)
def test_pages_need_no_login(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "da"


@pytest.mark.django_db
def test_browse_by_theme_and_kind(client):
    response = client.get(LIST, {"tema": "violence-threats", "type": "recommendation"})
    items = [item for item, _snippet in response.context["results"]]
    assert items
    assert all(item.kind == Kind.RECOMMENDATION for item in items)
    assert all("violence-threats" in [t.slug for t in item.themes.all()] for item in items)
    assert "forebyg-vold-og-trusler" in {item.slug for item in items}


@pytest.mark.django_db
def test_search_page_ranks_and_highlights(client):
    response = client.get(LIST, {"q": "dilemmaværkstedet"})
    item, snippet = response.context["results"][0]
    assert item.slug == "dilemmavaerksted"
    assert "<mark>" in str(snippet)
    assert "<mark>" in response.content.decode()


@pytest.mark.django_db
def test_bad_filters_are_explained_and_ignored(client):
    response = client.get(LIST, {"tema": "ingen-tema", "type": "bog", "q": "x" * 201})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vælg et af temaerne på listen." in page
    assert "Vælg en af typerne på listen." in page
    assert "Søg efter højst 200 tegn." in page
    assert response.context["page_obj"].paginator.count == Item.objects.count()


@pytest.mark.django_db
def test_unknown_item_and_pdf_of_a_non_tool_are_404(client):
    assert client.get(reverse("library:item", args=["findes-ikke"])).status_code == 404
    assert client.get(reverse("library:pdf", args=["findes-ikke"])).status_code == 404
    assert client.get(reverse("library:pdf", args=["forebyg-vold-og-trusler"])).status_code == 404
    assert client.post(LIST).status_code == 405


@pytest.mark.django_db
def test_a_tool_page_shows_the_whole_guide_and_its_source(client):
    page = client.get(reverse("library:item", args=["historievaerksted"])).content.decode()
    for heading in [
        "Formål",
        "Forberedelse",
        "Det skal I bruge",
        "Tid",
        "Facilitatorens rolle",
        "Fremgangsmåde",
        "Variationer",
        "Næste skridt",
    ]:
        assert f">{heading}</h2>" in page, heading
    assert "004_cef543feac1acd66.txt" in page
    assert "Vejledning: Historieværksted" in page
    assert 'media="print"' in page
    assert reverse("library:pdf", args=["historievaerksted"]) in page


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


@pytest.mark.django_db
def test_a_guide_field_written_by_analogy_says_so_under_it(client):
    page = client.get(reverse("library:item", args=["arbejdsmiljoe-check-in"])).content.decode()
    for heading_id in ["next-heading", "variations-heading", "materials-heading"]:
        section = _section(page, heading_id)
        assert 'class="small text-body-secondary fst-italic library-guide-note"' in section
        assert "Om kilden:" in section
    assert "skrevet af os i analogi med de andre vejledninger" in _section(page, "next-heading")
    assert "Om kilden:" not in _section(page, "purpose-heading")  # from the source itself
    assert "Om kilden:" not in _section(page, "steps-heading")
    other = client.get(reverse("library:item", args=["historievaerksted"])).content.decode()
    assert "library-guide-note" not in other


@pytest.mark.django_db
def test_the_tool_pdf_carries_the_notes_too():
    item = Item.objects.get(slug="trioens-forandringsdialog")
    with translation.override("da"):
        html = render_to_string("library/tool_pdf.html", {"item": item})
    assert "Om kilden:" in html
    assert "Eksempler på temaer, der kan behandles i TRIO" in html


@pytest.mark.django_db
def test_a_recommendation_shows_its_regional_examples(client):
    page = client.get(reverse("library:item", args=["forebyg-vold-og-trusler"])).content.decode()
    assert "Eksempler fra regionerne" in page
    assert "Mestringsskemaet" in page and "Region Nordjylland" in page


@pytest.mark.django_db
def test_the_tool_pdf(client):
    response = client.get(reverse("library:pdf", args=["dilemmavaerksted"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_pages_paginate(client, settings):
    settings.PAGE_SIZE = 5
    response = client.get(LIST, {"page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["results"]) == 5
    assert client.get(LIST, {"page": "999"}).status_code == 200


def _grow(count):
    for number in range(count):
        make_item(
            kind=Kind.CASE,
            themes=("violence-threats", "general"),
            summary=f"Et eksempel om vold og trusler nummer {number}.",
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{}, {"tema": "violence-threats", "type": "case"}, {"q": "vold"}, {"q": "voldsforebyggelse"}],
    ids=["list", "filtered", "search", "compound"],
)
def test_list_and_search_query_counts_do_not_grow(
    client, settings, params, django_assert_num_queries, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 10
    _grow(2)  # at least one match for every filter
    client.get(LIST, params)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(8) as small:
        client.get(LIST, params)
    _grow(30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(LIST, params)
    assert response.context["page_obj"].paginator.count > 10
