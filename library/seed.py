"""Seeds the library from the TOML files in ``library/content/`` (called by migration 0003).

Each file names its seed document (``source_document``, per file or per item) and every item
its section; ``tests/library/test_content.py`` checks both against the seed texts. Rerunning
updates items by slug and replaces their examples and themes, so it is idempotent.
"""

import tomllib
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content"
FILES = ["recommendations.toml", "tools.toml", "models.toml", "cases.toml"]
# The request themes (same slugs as providers.Theme) and the library's own "general".
THEMES = [
    ("organisational-change", "Organisatoriske forandringer", "Organisational change"),
    ("professional-change", "Faglige forandringer", "Professional change"),
    ("violence-threats", "Vold og trusler", "Violence and threats"),
    ("general", "Generelt", "General"),
]
ITEM_FIELDS = [
    "title",
    "title_en",
    "summary",
    "summary_en",
    "body",
    "keywords",
    "source_section",
    "provider_slug",
    "purpose",
    "preparation",
    "materials",
    "duration",
    "facilitator_role",
    "steps",
    "variations",
    "next_steps",
]


def content_items() -> list[dict]:
    """Every item of the content files, with its kind and source document filled in."""
    items = []
    for name in FILES:
        data = tomllib.loads((CONTENT / name).read_text(encoding="utf-8"))
        for position, item in enumerate(data["item"], start=1):
            items.append(
                {
                    "kind": data["kind"],
                    "source_document": item.get("source_document", data.get("source_document")),
                    "position": position,
                    **item,
                }
            )
    return items


def seed_library(apps, schema_editor=None):
    from library.services import reindex_items

    Theme = apps.get_model("library", "Theme")
    Item = apps.get_model("library", "Item")
    Example = apps.get_model("library", "Example")
    themes = {}
    for position, (slug, name, name_en) in enumerate(THEMES, start=1):
        themes[slug], _created = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
    for data in content_items():
        defaults = {field: data.get(field, "") for field in ITEM_FIELDS}
        defaults.update(
            kind=data["kind"], source_document=data["source_document"], position=data["position"]
        )
        item, _created = Item.objects.update_or_create(slug=data["slug"], defaults=defaults)
        item.themes.set([themes[slug] for slug in data["themes"]])
        Example.objects.filter(item=item).delete()
        Example.objects.bulk_create(
            Example(item=item, position=number, **example)
            for number, example in enumerate(data.get("example", []), start=1)
        )
    reindex_items(Item)
