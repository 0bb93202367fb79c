"""Full-text search of the library: PostgreSQL's Danish configuration, a plain fallback elsewhere.

On PostgreSQL the stored ``Item.search_vector`` (weights: A title and search words, B summary,
C text and tool guide, D examples) is matched against the query, ranked with ``ts_rank`` and
shown with ``ts_headline`` snippets. Danish stemming joins inflections ("dilemmaværkstedet" and
"dilemmaværksted" are both ``dilemmaværksted``) but not compounds: the snowball stemmer makes
"voldsforebyggelse" ``voldsforebyg``, which never matches ``vold``. Compounds are therefore
split deliberately (``compound_parts``): a word of eight letters or more is cut at each linking
"s" (fuge-s) that leaves at least three letters before and four after, and the first part is
searched too ("volds|forebyggelse" also searches "vold", "arbejds|miljø" also "arbejd"). Results
that match the whole word rank above those that match only the part. The rule is a heuristic:
a compound without a linking "s" (dilemma|værksted) is not split, and an item's ``keywords``
field is the place to add a compound it should be found by.

On SQLite (tests and development) the same words, with common Danish endings stripped
(``crude_stem``), are looked up with ``icontains`` (SQLite folds case for ASCII letters only,
so "Æ" and "æ" differ there); snippets are cut in Python. Either way the
highlighted snippet is built by escaping the text first and only then inserting ``<mark>``, so
no HTML in an item reaches the page unescaped.
"""

import re

from django.db import connection
from django.db.models import Case, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "danish"
# ts_headline's selection markers: characters that do not occur in Danish text and that
# ``escape`` leaves alone, replaced by <mark> only after the text is escaped.
START, STOP = "\u27e6", "\u27e7"
WORD = re.compile(r"[0-9a-zA-ZæøåÆØÅéÉüÜöÖäÄ]+")
ENDINGS = ("erne", "ende", "ene", "ers", "ets", "ens", "er", "et", "en", "e", "s")
MAX_TERMS = 8


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def words(query: str) -> list[str]:
    return [word.lower() for word in WORD.findall(query or "")][:MAX_TERMS]


def compound_parts(word: str) -> list[str]:
    """First parts of ``word`` cut at a linking "s": "voldsforebyggelse" -> ["vold"]."""
    if len(word) < 8:
        return []
    parts = []
    for index, letter in enumerate(word):
        if letter == "s" and index >= 3 and len(word) - index - 1 >= 4:
            parts.append(word[:index])
    return parts


def crude_stem(word: str) -> str:
    """Strip one common Danish ending, keeping at least four letters (SQLite fallback only)."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _text_fields():
    return ["title", "title_en", "keywords", "summary", "summary_en", "body", "purpose", "steps"]


def _pg_queries(terms: list[str]):
    from django.contrib.postgres.search import SearchQuery

    whole = None
    for term in terms:
        query = SearchQuery(term, config=CONFIG, search_type="plain")
        whole = query if whole is None else whole & query
    loose = whole
    for term in terms:
        for part in compound_parts(term):
            loose = loose | SearchQuery(part, config=CONFIG, search_type="plain")
    return whole, loose


def _headline_source():
    return Concat(
        F("summary"),
        Value(" "),
        F("body"),
        Value(" "),
        F("purpose"),
        Value(" "),
        F("steps"),
        output_field=TextField(),
    )


def search(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the items matching ``query``, best first.

    On PostgreSQL each item carries ``rank`` and ``headline`` (raw ts_headline output; turn it
    into HTML with ``highlight``). The query count is that of the queryset: one.
    """
    terms = words(query)
    if not terms:
        return queryset.none()
    if uses_postgres():
        from django.contrib.postgres.search import SearchHeadline, SearchRank

        whole, loose = _pg_queries(terms)
        return (
            queryset.filter(search_vector=loose)
            .annotate(
                rank=SearchRank(F("search_vector"), whole) * 2
                + SearchRank(F("search_vector"), loose),
                headline=SearchHeadline(
                    _headline_source(),
                    loose,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_fragments=2,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank", "kind", "position", "pk")
        )
    condition = Q()
    for term in terms:
        alternatives = [crude_stem(term), *compound_parts(term)]
        term_condition = Q()
        for alternative in alternatives:
            for field in _text_fields():
                term_condition |= Q(**{f"{field}__icontains": alternative})
            term_condition |= Q(examples__text__icontains=alternative)
        condition &= term_condition
    matching = queryset.model.objects.filter(condition).values("pk")
    return (
        queryset.filter(pk__in=matching)
        .annotate(rank=_fallback_rank(terms))
        .order_by("-rank", "kind", "position", "pk")
    )


def _fallback_rank(terms: list[str]):
    """A crude rank for SQLite: the whole word in the title counts most, then search words,
    then the summary, then the text; a match on a compound's part only counts nothing."""
    rank = Value(0)
    for term in terms:
        stem = crude_stem(term)
        rank = rank + Case(
            When(Q(title__icontains=stem) | Q(title_en__icontains=stem), then=Value(4)),
            When(keywords__icontains=stem, then=Value(3)),
            When(Q(summary__icontains=stem) | Q(summary_en__icontains=stem), then=Value(2)),
            When(body__icontains=stem, then=Value(1)),
            default=Value(0),
        )
    return rank


def highlight(item, query: str) -> SafeString:
    """The item's snippet as safe HTML: escaped text, matches in <mark>."""
    headline = getattr(item, "headline", None)
    if headline is None:
        headline = _python_headline(item, query)
    text = escape(headline)
    text = text.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own <mark> tags are added


def _python_headline(item, query: str, width: int = 220) -> str:
    text = " ".join(part for part in (item.summary, item.body, item.purpose, item.steps) if part)
    text = " ".join(text.split())
    lowered = text.lower()
    needles = []
    for term in words(query):
        needles += [crude_stem(term), *compound_parts(term)]
    positions = [lowered.find(needle) for needle in needles if lowered.find(needle) >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    snippet = text[start : start + width]
    needles = sorted({needle for needle in needles if needle}, key=len, reverse=True)
    if needles:
        pattern = "(?:" + "|".join(re.escape(needle) for needle in needles) + r")[^\s.,;:!?]*"
        snippet = re.sub(pattern, lambda m: f"{START}{m.group(0)}{STOP}", snippet, flags=re.I)
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return f"{prefix}{snippet}{suffix}"
