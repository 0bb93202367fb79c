"""Every page of every role runs the same number of queries at 10 and at 1,000 requests, and
at most 25 (issue 12, point 2). The table of pages is ``pages.py``; how the data grows is
``world.py``."""

import pytest

from tests.query_counts.pages import PAGES

# The counts come from the session's ``query_counts``; the mark makes pytest-django set up
# the test database it measures in.
pytestmark = pytest.mark.django_db

MOST = 25


def _listing(count) -> str:
    return "\n".join(f"  {n}. {sql}" for n, sql in enumerate(count.sql, start=1))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.id)
def test_same_queries_at_10_and_1000_requests(query_counts, page):
    small, large = query_counts[10][page.id], query_counts[1000][page.id]
    assert not (small.error or large.error), small.error or large.error
    assert (small.status, large.status) == (page.status, page.status)
    most = page.most if page.over else MOST
    assert large.queries <= most, f"{large.queries} queries at 1,000:\n{_listing(large)}"
    assert small.queries == large.queries, (
        f"{small.queries} queries at 10 requests, {large.queries} at 1,000:\n"
        f"at 10:\n{_listing(small)}\nat 1,000:\n{_listing(large)}"
    )


@pytest.mark.parametrize("page", [p for p in PAGES if p.rows], ids=lambda page: page.id)
def test_lists_are_counted_over_rows(query_counts, page):
    """A count over an empty list proves nothing: every list shows rows at both sizes, and
    more at 1,000 requests unless a page is already full at 10."""
    small, large = query_counts[10][page.id], query_counts[1000][page.id]
    assert small.rows and large.rows
    assert large.rows >= small.rows


def _is_download(page) -> bool:
    """The exports and the personal-data download hand over every row they stand for."""
    return page.url_name == "my_data" or "export" in page.id


def test_no_page_reads_rows_it_does_not_show(query_counts):
    """A page builds a bounded number of model instances, however large the data: one that
    evaluates a whole queryset to test it (``{% if queue %}``) or to count it (``|length``)
    builds one per row. At 1,000 requests, with 20 rows a page, no page builds more than 400
    (a row of the invoice list is an invoice and its eight related rows)."""
    heavy = {
        page.id: query_counts[1000][page.id].instances
        for page in PAGES
        if not _is_download(page) and query_counts[1000][page.id].instances > 400
    }
    assert not heavy, "\n".join(
        f"{n} {page}" for page, n in sorted(heavy.items(), key=lambda item: -item[1])
    )


def test_every_page_over_25_says_why():
    from tests.query_counts.pages import OVER

    for page in PAGES:
        assert page.most == MOST or page.over in OVER.values(), page.id


def test_the_large_size_fills_more_than_a_page(query_counts):
    """The central request list at 1,000 requests has a second page to open."""
    assert query_counts[1000]["requests:list[central,page=2]"].rows == 20
