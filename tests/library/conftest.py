"""Library items for tests: a factory that also brings the search index up to date."""

import itertools

import pytest

from library.models import Item, Kind, SourceDocument, Theme
from library.services import reindex_items

_numbers = itertools.count(1)


def make_item(*, kind=Kind.TOOL, themes=("professional-change",), examples=(), **fields):
    number = next(_numbers)
    defaults = {
        "slug": f"testemne-{number}",
        "title": f"Testemne {number}",
        "summary": "Et kort resumé til test.",
        "source_document": SourceDocument.CATALOGUE,
        "source_section": "Del 3: Testafsnit",
        "position": 100 + number,
    }
    item = Item.objects.create(kind=kind, **{**defaults, **fields})
    item.themes.set(Theme.objects.filter(slug__in=themes))
    for position, (title, text) in enumerate(examples):
        item.examples.create(title=title, text=text, position=position)
    reindex_items(Item, pks=[item.pk])
    return item


@pytest.fixture
def item_factory(db):
    return make_item
