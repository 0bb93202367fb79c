"""The evaluation pages run the same number of queries with 3 responses as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.evaluations.conftest import answer, link


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_pages_do_not_grow_with_responses(delivered, client, client_factory):
    round = delivered["immediate"]
    request_page = reverse("requests:detail", args=[delivered["request"].pk])
    handout = reverse("evaluations:handout", args=[round.pk])
    participant = link(round)
    client.force_login(delivered["leader"])
    for _ in range(3):
        answer(round, text="Fint")
    count(client, request_page)  # warm: the first page fills per-process caches
    small = [count(client, request_page), count(client, handout)]
    small.append(count(client_factory(), participant))
    for index in range(27):
        answer(round, text=f"Kommentar {index}", scale=str(index % 5 + 1))
    large = [count(client, request_page), count(client, handout)]
    large.append(count(client_factory(), participant))
    assert small == large
    page = client.get(request_page)
    assert "30 besvarelser" in page.text
    assert "Kommentar 26" in page.text
    assert max(large[1:]) <= 25


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "staff", "central"])
def test_the_panel_reads_in_a_few_queries(delivered, role):
    from evaluations.selectors.panel import evaluation_panel

    for _ in range(4):
        answer(delivered["immediate"], text="Fint")
    with CaptureQueriesContext(connection) as queries:
        panel = evaluation_panel(delivered[role], delivered["request"])
    assert panel is not None
    assert len(queries) <= 15
