"""The library's only writes: its search index (content itself is edited in the admin).

``item_reindex`` recomputes an item's stored ``tsvector`` from its texts and examples after the
admin saves it; ``reindex_items`` does it for the historical models of a data migration too.
On SQLite it does nothing: the fallback search reads the texts directly.
"""

from django.db import connection, transaction

from library.models import GUIDE_FIELDS


def _documents(item, examples) -> dict[str, str]:
    """The item's text by weight: A title and search words, B summary, C text, D examples."""
    return {
        "A": " ".join([item.title, item.title_en, item.keywords]),
        "B": " ".join([item.summary, item.summary_en]),
        "C": " ".join([item.body, *(getattr(item, name) for name in GUIDE_FIELDS)]),
        "D": " ".join(f"{ex.region} {ex.title} {ex.text}" for ex in examples),
    }


def reindex_items(item_model, pks=None) -> int:
    """Recompute the search vectors of ``item_model`` rows (all, or those in ``pks``)."""
    if connection.vendor != "postgresql":
        return 0
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    from library.search import CONFIG

    items = item_model.objects.prefetch_related("examples")
    if pks is not None:
        items = items.filter(pk__in=pks)
    count = 0
    for item in items:
        documents = _documents(item, item.examples.all())
        vector = None
        for weight, text in documents.items():
            part = SearchVector(Value(text), config=CONFIG, weight=weight)
            vector = part if vector is None else vector + part
        item_model.objects.filter(pk=item.pk).update(search_vector=vector)
        count += 1
    return count


@transaction.atomic
def item_reindex(*, item) -> None:
    """After the admin saved ``item`` and its examples: bring its search vector up to date."""
    reindex_items(type(item), pks=[item.pk])
