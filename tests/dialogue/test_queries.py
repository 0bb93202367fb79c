"""Query counts (issue 18, acceptance): the request page with 200 messages runs the same
number of queries as with 2; so do the inbox and the start page with many unread threads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue import services
from tests.dialogue.conftest import pdf

pytestmark = pytest.mark.django_db


def _fill(people, request, count):
    for number in range(count):
        author = people["staff"] if number % 2 else people["amr"]
        files = [pdf(f"{number}.pdf")] if number % 50 == 0 else []
        services.message_post(
            request_pk=request.pk, user=author, body=f"Besked {number}", files=files
        )


def _queries(client, user, url) -> int:
    client.force_login(user)
    client.get("/notifications/")  # the session's first request stores it: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_request_page_with_200_messages_runs_as_many_queries_as_with_2(
    client, people, at_provider
):
    from tests import factories

    small = at_provider
    large = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
    from requests_app.services import intake

    intake.request_submit(request_pk=large.pk, user=people["leader"])
    intake.request_confirm(request_pk=large.pk, user=people["amr"])
    _fill(people, small, 2)
    _fill(people, large, 200)
    few = _queries(client, people["leader"], small.get_absolute_url())
    many = _queries(client, people["leader"], large.get_absolute_url())
    assert few == many
    # The summary the coordinator sees, too.
    assert _queries(client, people["coordinator"], small.get_absolute_url()) == _queries(
        client, people["coordinator"], large.get_absolute_url()
    )


def test_the_inbox_and_start_page_do_not_grow_with_unread_threads(client, people, at_provider):
    from django.urls import reverse

    from dialogue.capacity import capacity
    from tests import factories

    capacity()  # the inbox's capacity figures are cached for minutes: not what is counted here
    _fill(people, at_provider, 2)
    services.message_post(request_pk=at_provider.pk, user=people["leader"], body="Ulæst")
    before_inbox = _queries(client, people["staff"], reverse("requests:inbox"))
    before_start = _queries(client, people["staff"], "/")
    from requests_app.services import intake

    for _number in range(5):
        request = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
        intake.request_submit(request_pk=request.pk, user=people["leader"])
        intake.request_confirm(request_pk=request.pk, user=people["amr"])
        services.message_post(request_pk=request.pk, user=people["leader"], body="Hej")
    assert _queries(client, people["staff"], reverse("requests:inbox")) == before_inbox
    assert _queries(client, people["staff"], "/") == before_start
