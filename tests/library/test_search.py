"""Full-text search: Danish stemming and compounds on PostgreSQL, the same answers on SQLite."""

import pytest
from django.db import connection
from django.db.models import Q

from library import selectors
from library.models import Item, Kind
from library.search import compound_parts, crude_stem, highlight


def slugs(queryset) -> list[str]:
    return [item.slug for item in queryset]


def check_stemming_and_compounds():
    # An inflected form finds the base form: "dilemmaværkstedet" -> "dilemmaværksted".
    found = slugs(selectors.search("dilemmaværkstedet"))
    assert found[0] == "dilemmavaerksted"
    assert "dialysen-fra-selvbeskyttelse-til-faelles-ansvar" in found  # "dilemmaværksteder"

    # The compound finds items about "vold" that never say "voldsforebyggelse".
    found = slugs(selectors.search("voldsforebyggelse"))
    # The items that have the whole word rank first, before those that only say "vold".
    whole = set(
        Item.objects.filter(
            Q(title__icontains="voldsforebyggelse")
            | Q(keywords__icontains="voldsforebyggelse")
            | Q(summary__icontains="voldsforebyggelse")
            | Q(body__icontains="voldsforebyggelse")
        ).values_list("slug", flat=True)
    )
    assert "forebyg-vold-og-trusler" in whole
    assert set(found[: len(whole)]) == whole
    assert "perspektivsamtaler" in found  # "arbejdsrelateret vold"
    assert "belastninger-og-ressourcer" in found  # "mobning, vold, overfusning"
    without_the_word = Item.objects.filter(slug__in=found).exclude(body__icontains="voldsfor")
    assert without_the_word.exclude(keywords__icontains="voldsfor").exists()

    # Filters narrow the search; nonsense finds nothing.
    assert slugs(selectors.search("voldsforebyggelse", kind=Kind.TOOL))[0] == "perspektivsamtaler"
    assert set(
        Item.objects.filter(slug__in=slugs(selectors.search("vold", kind=Kind.CASE))).values_list(
            "kind", flat=True
        )
    ) <= {Kind.CASE}
    assert not selectors.search("xyzzyqwerty").exists()
    assert not selectors.search("   ").exists()


@pytest.mark.django_db
def test_search_stems_and_splits_compounds_on_this_database():
    """Runs on SQLite in the default suite (the icontains fallback)."""
    check_stemming_and_compounds()


@pytest.mark.postgres
@pytest.mark.django_db
def test_search_stems_and_splits_compounds_on_postgresql():
    assert connection.vendor == "postgresql"
    check_stemming_and_compounds()
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('danish', 'voldsforebyggelse')::text")
        # Why compounds are split on purpose: the stemmer leaves no "vold" in the compound.
        assert cursor.fetchone()[0] == "'voldsforebyg':1"
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'library_item_search_gin'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]
    item = selectors.search("dilemmaværkstedet")[0]
    assert item.rank > 0
    assert "<mark>" in highlight(item, "dilemmaværkstedet")


@pytest.mark.postgres
@pytest.mark.django_db
def test_whole_word_matches_rank_above_part_matches_on_postgresql(item_factory):
    part = item_factory(title="Om vold", summary="Vold på arbejdspladsen.")
    whole = item_factory(title="Om voldsforebyggelse", summary="Voldsforebyggelse virker.")
    found = slugs(selectors.search("voldsforebyggelse"))
    assert found.index(whole.slug) < found.index(part.slug)


@pytest.mark.django_db
def test_an_items_html_is_escaped_in_the_snippet(item_factory):
    item_factory(
        title="Farlig tekst",
        summary='Om dilemmaer <script>alert("x")</script> <b>fed</b> i arbejdet.',
    )
    results = list(selectors.search("dilemmaer"))
    snippets = [str(highlight(item, "dilemmaer")) for item in results]
    dangerous = next(s for s in snippets if "alert" in s)
    assert "<script>" not in dangerous and "<b>" not in dangerous
    if connection.vendor != "postgresql":  # ts_headline drops tags; the fallback escapes them
        assert "&lt;script&gt;" in dangerous
    assert "<mark>" in dangerous


def test_compound_parts_cut_at_a_linking_s():
    assert compound_parts("voldsforebyggelse") == ["vold"]
    assert "arbejd" in compound_parts("arbejdsmiljøkonference")
    assert compound_parts("vold") == []
    assert compound_parts("dilemmaværksted") == []  # "s|ted": too short a rest


def test_crude_stem_strips_one_danish_ending():
    assert crude_stem("dilemmaværkstedet") == "dilemmaværksted"
    assert crude_stem("perspektivsamtaler") == "perspektivsamtal"
    assert crude_stem("vold") == "vold"
