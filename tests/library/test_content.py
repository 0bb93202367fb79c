"""The seeded library: every item traces to its seed document and to a section in it."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from library.models import Item, Kind, SourceDocument, Theme, validate_guide_notes
from library.seed import THEMES, content_items
from providers.seed_data.common import ALL_THEMES

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TOOLS = {
    "perspektivsamtaler",
    "dilemmavaerksted",
    "historievaerksted",
    "arbejdsmiljoe-check-in",
    "trioens-forandringsdialog",
}
GUIDE_FIELDS = [
    "purpose",
    "preparation",
    "materials",
    "duration",
    "facilitator_role",
    "steps",
    "variations",
    "next_steps",
]


def normalised(text: str) -> str:
    """Seed text as one line: words hyphenated over a line break joined, spaces collapsed."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.split()).lower()


def section_parts(section: str) -> list[str]:
    """A section names one or more headings ("; "), each perhaps "Del N: " and "(a note)"."""
    parts = []
    for part in section.split("; "):
        part = re.sub(r"^Del \d: ", "", part.strip())
        part = re.sub(r"\s*\([^()]*\)$", "", part)
        parts.append(part)
    return parts


@pytest.mark.parametrize("item", content_items(), ids=lambda item: item["slug"])
def test_every_item_names_a_seed_document_and_a_section_found_in_it(item):
    assert item["source_document"] in SourceDocument.values
    seed = normalised((SEEDS / item["source_document"]).read_text(encoding="utf-8"))
    for heading in section_parts(item["source_section"]):
        assert normalised(heading) in seed, (item["slug"], heading)


@pytest.mark.django_db
def test_the_migration_seeded_every_kind_from_its_document():
    items = Item.objects.all()
    recommendations = items.filter(kind=Kind.RECOMMENDATION)
    assert recommendations.count() == 11
    assert set(recommendations.values_list("source_document", flat=True)) == {
        SourceDocument.RECOMMENDATIONS
    }
    assert set(items.filter(kind=Kind.TOOL).values_list("slug", flat=True)) == TOOLS
    assert items.filter(kind=Kind.CASE, source_document=SourceDocument.CATALOGUE).count() >= 4
    assert items.filter(kind=Kind.MODEL, source_document=SourceDocument.COURSE).count() >= 6
    assert items.count() == len(content_items())


@pytest.mark.django_db
def test_every_recommendation_has_regional_examples_and_a_summary():
    for item in Item.objects.filter(kind=Kind.RECOMMENDATION).prefetch_related("examples"):
        assert item.summary and item.title_en and item.summary_en, item.slug
        examples = list(item.examples.all())
        assert len(examples) >= 3, item.slug
        assert any(example.region.startswith("Region") for example in examples), item.slug


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(TOOLS))
def test_every_tool_has_the_whole_guide(slug):
    tool = Item.objects.get(slug=slug)
    for field in GUIDE_FIELDS:
        assert getattr(tool, field).strip(), (slug, field)
    assert len(tool.step_list) >= 3


@pytest.mark.django_db
def test_every_item_has_a_theme_and_the_themes_are_the_request_themes_and_general():
    assert set(Theme.objects.values_list("slug", flat=True)) == {*ALL_THEMES, Theme.GENERAL}
    assert [slug for slug, _da, _en in THEMES][:3] == ALL_THEMES
    assert not Item.objects.filter(themes=None).exists()
    for slug in ALL_THEMES:
        theme_items = Item.objects.filter(themes__slug=slug)
        assert theme_items.filter(kind=Kind.TOOL).exists(), slug
        assert theme_items.filter(kind__in=[Kind.CASE, Kind.RECOMMENDATION]).exists(), slug


@pytest.mark.django_db
def test_cases_name_the_provider_whose_researchers_helped():
    cases = Item.objects.filter(kind=Kind.CASE).exclude(provider_slug="")
    assert cases.count() >= 4
    # RUC's researchers helped in the catalogue's cases (004); NFA is a partner of the research
    # project on integrated violence prevention (002). CBS and Alectia are named in no case.
    assert set(cases.values_list("provider_slug", flat=True)) == {"ruc", "nfa"}
    assert list(cases.filter(provider_slug="nfa").values_list("slug", flat=True)) == [
        "integreret-voldsforebyggelse-forskningsprojekt"
    ]


@pytest.mark.django_db
def test_violence_and_threats_has_cases_from_the_regional_examples():
    cases = Item.objects.filter(kind=Kind.CASE, themes__slug="violence-threats")
    assert cases.count() >= 2
    for case in cases:
        assert case.source_document == SourceDocument.RECOMMENDATIONS, case.slug
        assert case.source_section.startswith(
            ("Arbejd systematisk med forebyggelse af vold og trusler;", "Kollegial og")
        ), case.slug


@pytest.mark.django_db
def test_guide_fields_not_taken_from_a_section_of_the_source_carry_a_note():
    notes = dict(Item.objects.filter(kind=Kind.TOOL).values_list("slug", "guide_notes"))
    # The check-in's source has no list of materials, no facilitator section, no variations
    # and no next steps; the change dialogue none of the first three.
    assert set(notes["arbejdsmiljoe-check-in"]) == {
        "materials",
        "facilitator_role",
        "variations",
        "next_steps",
    }
    assert set(notes["trioens-forandringsdialog"]) == {
        "materials",
        "facilitator_role",
        "variations",
    }
    assert "analogi" in notes["arbejdsmiljoe-check-in"]["next_steps"]
    assert notes["historievaerksted"] == {}  # every field has its section in the source
    for slug, tool_notes in notes.items():
        assert set(tool_notes) <= set(GUIDE_FIELDS), slug


def test_guide_notes_name_guide_fields_only():
    validate_guide_notes({"variations": "Skrevet i analogi."})
    for bad in [{"titel": "x"}, {"variations": 3}, ["variations"]]:
        with pytest.raises(ValidationError):
            validate_guide_notes(bad)


@pytest.mark.django_db
def test_every_tool_has_a_main_theme_among_its_themes():
    for tool in Item.objects.filter(kind=Kind.TOOL).select_related("main_theme"):
        assert tool.main_theme, tool.slug
        assert tool.main_theme in tool.themes.all(), tool.slug


@pytest.mark.django_db
def test_the_later_seed_adds_what_is_missing_and_keeps_admin_edits():
    from django.apps import apps

    from library.seed import seed_additions

    Item.objects.filter(slug="tillid-naar-alarmen-lyder").delete()
    Item.objects.filter(slug="arbejdsmiljoe-check-in").update(
        title="Check-in (redigeret)", guide_notes={}, main_theme=None
    )
    Item.objects.filter(slug="dilemmavaerksted").update(guide_notes={"steps": "Egen note."})
    seed_additions(apps)
    again = Item.objects.get(slug="tillid-naar-alarmen-lyder")
    assert [theme.slug for theme in again.themes.all()] == ["violence-threats"]
    check_in = Item.objects.get(slug="arbejdsmiljoe-check-in")
    assert check_in.title == "Check-in (redigeret)"
    assert "next_steps" in check_in.guide_notes and check_in.main_theme.slug == "violence-threats"
    assert Item.objects.get(slug="dilemmavaerksted").guide_notes == {"steps": "Egen note."}
    assert Item.objects.count() == len(content_items())


@pytest.mark.django_db
def test_seeding_again_changes_nothing():
    from django.apps import apps

    from library.seed import seed_library

    before = sorted(Item.objects.values_list("slug", "title", "source_section"))
    examples = Item.objects.values_list("examples__title", flat=True).count()
    seed_library(apps)
    assert sorted(Item.objects.values_list("slug", "title", "source_section")) == before
    assert Item.objects.values_list("examples__title", flat=True).count() == examples
