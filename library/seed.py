"""Seeds the library from the TOML files in ``library/content/`` (called by migration 0003).

Each file names its seed document (``source_document``, per file or per item) and every item
its section; ``tests/library/test_content.py`` checks both against the seed texts. Rerunning
updates items by slug and replaces their examples and themes, so it is idempotent.

Migration 0003 calls ``seed_library`` and 0005 ``seed_additions`` with their historical models;
fields a historical model does not have yet (``main_theme`` and ``guide_notes`` came with 0004)
are left out, so 0003 still runs on a new database. ``seed_additions`` adds what the files
gained after 0003 without overwriting what central users have edited in the admin since.
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


def _themes(apps) -> dict:
    Theme = apps.get_model("library", "Theme")
    themes = {}
    for position, (slug, name, name_en) in enumerate(THEMES, start=1):
        themes[slug], _created = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
    return themes


def _later_fields(Item, data, themes) -> dict:
    """``main_theme`` and ``guide_notes``, if the (historical) model has them yet."""
    known = {field.name for field in Item._meta.get_fields()}
    fields = {}
    if "main_theme" in known:
        fields["main_theme"] = themes.get(data.get("main_theme", ""))
    if "guide_notes" in known:
        fields["guide_notes"] = data.get("guide_notes", {})
    return fields


def _write(apps, data, themes):
    Item = apps.get_model("library", "Item")
    Example = apps.get_model("library", "Example")
    defaults = {field: data.get(field, "") for field in ITEM_FIELDS}
    defaults.update(
        kind=data["kind"], source_document=data["source_document"], position=data["position"]
    )
    defaults.update(_later_fields(Item, data, themes))
    item, _created = Item.objects.update_or_create(slug=data["slug"], defaults=defaults)
    item.themes.set([themes[slug] for slug in data["themes"]])
    Example.objects.filter(item=item).delete()
    Example.objects.bulk_create(
        Example(item=item, position=number, **example)
        for number, example in enumerate(data.get("example", []), start=1)
    )
    return item


def seed_library(apps, schema_editor=None):
    """Every item of the content files, written over what is there (migration 0003, tests)."""
    from library.services import reindex_items

    themes = _themes(apps)
    for data in content_items():
        _write(apps, data, themes)
    reindex_items(apps.get_model("library", "Item"))


def seed_additions(apps, schema_editor=None):
    """What the content files gained after 0003, without overwriting edits made in the admin
    since (migration 0005): new items are created, and an item's ``main_theme`` and
    ``guide_notes`` are filled in only where they are still empty."""
    from library.services import reindex_items

    Item = apps.get_model("library", "Item")
    themes = _themes(apps)
    existing = {item.slug: item for item in Item.objects.all()}
    created = []
    for data in content_items():
        item = existing.get(data["slug"])
        if item is None:
            created.append(_write(apps, data, themes).pk)
            continue
        later = _later_fields(Item, data, themes)
        empty = {
            field: value for field, value in later.items() if not getattr(item, field) and value
        }
        if empty:
            Item.objects.filter(pk=item.pk).update(**empty)
    reindex_items(Item, pks=created)
