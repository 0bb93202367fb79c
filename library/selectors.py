"""Reads of the library, public (the library needs no login), each in a fixed number of queries.

Other apps call these directly: the request wizard and the request page (``suggestions``,
``tools_for_themes``), the provider pages (``cases_for_provider``) and the start page
(``tool_for_themes``). They pass theme slugs (the slugs of ``providers.Theme``), so the library
never imports the apps that use it.
"""

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When

from library import search as full_text
from library.models import Example, Item, Kind, Theme

KIND_ORDER = [Kind.TOOL, Kind.CASE, Kind.RECOMMENDATION, Kind.MODEL]


def themes() -> list[Theme]:
    return list(Theme.objects.all())


def browse(*, theme: str | None = None, kind: str | None = None) -> QuerySet:
    """Items to list, filtered by theme slug and kind; themes prefetched (two queries a page)."""
    items = Item.objects.prefetch_related("themes")
    if theme:
        items = items.filter(themes__slug=theme)
    if kind:
        items = items.filter(kind=kind)
    return items.order_by("kind", "position", "pk")


def search(query: str, *, theme: str | None = None, kind: str | None = None) -> QuerySet:
    """Items matching ``query``, best first, with ``rank``/``headline`` on PostgreSQL."""
    return full_text.search(browse(theme=theme, kind=kind), query)


def item_page(slug: str) -> Item:
    """One item with its themes and examples (three queries); ``Item.DoesNotExist`` if none."""
    return Item.objects.prefetch_related(
        "themes", Prefetch("examples", queryset=Example.objects.order_by("position", "pk"))
    ).get(slug=slug)


def related(item: Item, *, limit: int = 4) -> list[Item]:
    """Other items sharing a theme with ``item``: tools and cases first (one query)."""
    slugs = [theme.slug for theme in item.themes.all()]
    items = (
        Item.objects.filter(themes__slug__in=slugs)
        .exclude(pk=item.pk)
        .exclude(kind=item.kind)
        .distinct()
        .order_by("kind", "position", "pk")
    )
    return _kind_sorted(list(items[: limit * 3]))[:limit]


def tool(slug: str) -> Item:
    return Item.objects.get(slug=slug, kind=Kind.TOOL)


def _kind_sorted(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: (KIND_ORDER.index(item.kind), item.position, item.pk))


def suggestions(theme_slugs, *, per_kind: int = 3) -> dict[str, list[Item]]:
    """Tools, cases and recommendations for the chosen themes (one query), for the wizard.

    ``general`` items are not suggested for a theme: they are the library's front page.
    """
    slugs = [slug for slug in theme_slugs if slug and slug != Theme.GENERAL]
    found = {Kind.TOOL: [], Kind.CASE: [], Kind.RECOMMENDATION: []}
    if not slugs:
        return found
    items = (
        Item.objects.filter(themes__slug__in=slugs, kind__in=list(found))
        .distinct()
        .order_by("kind", "position", "pk")
    )
    for item in items:
        if len(found[item.kind]) < per_kind:
            found[item.kind].append(item)
    return found


def tools_for_themes(theme_slugs, *, limit: int = 3) -> list[Item]:
    """The tools that fit the given themes, the most fitting first (one query).

    A tool whose main theme is one of ``theme_slugs`` comes first; then the one tagged with the
    fewest themes (the more specific); then the library's order. Perspective conversations,
    tagged with every theme, so come after the tools made for the theme asked about.
    """
    slugs = [slug for slug in theme_slugs if slug]
    if not slugs:
        return []
    fitting = Item.objects.filter(kind=Kind.TOOL, themes__slug__in=slugs).values("pk")
    items = Item.objects.filter(pk__in=fitting).annotate(
        is_main=Case(
            When(main_theme__slug__in=slugs, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        breadth=Count("themes"),
    )
    return list(items.order_by("-is_main", "breadth", "position", "pk")[:limit])


def tool_for_themes(theme_slugs) -> Item | None:
    """One tool to suggest on a TRIO's start page for their latest request's themes: the one
    made for that theme where the library has one (see ``tools_for_themes``)."""
    tools = tools_for_themes(theme_slugs, limit=1)
    return tools[0] if tools else None


def cases_for_provider(provider_slug: str, *, limit: int = 6) -> list[Item]:
    """The cases in which this provider's researchers helped a workplace (one query)."""
    if not provider_slug:
        return []
    items = Item.objects.filter(kind=Kind.CASE, provider_slug=provider_slug)
    return list(items.order_by("position", "pk")[:limit])
