"""The lists render in a number of queries that does not grow with the rows (issue 12, the
workplace-parent N+1): every list joins the workplace's parent that ``Workplace.__str__``
shows."""

import pytest
from django.urls import reverse

from requests_app.services import intake
from tests import factories


def _requests(model2, count):
    parent = factories.WorkplaceFactory(region=model2["workplace"].region)
    for index in range(count):
        workplace = factories.WorkplaceFactory(region=parent.region, parent=parent)
        factories.MembershipFactory(workplace=workplace, user=model2["leader"], role="leader")
        factories.MembershipFactory(workplace=workplace, user=model2["amr"], role="amr")
        request = factories.complete_request(
            leader=model2["leader"],
            counterpart=model2["amr"],
            workplace=workplace,
            title=f"Anmodning {index}",
        )
        intake.request_submit(request_pk=request.pk, user=model2["leader"])
        intake.request_confirm(request_pk=request.pk, user=model2["amr"])


def _queries(client, user, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(url)  # the first request after a login also writes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("leader", "requests:list"),
        ("staff", "requests:inbox"),
        ("staff", "requests:list"),
        ("coordinator", "requests:list"),
        ("leader", "home"),
        ("staff", "home"),
    ],
)
def test_list_queries_do_not_grow_with_the_rows(client, model2, role, url):
    _requests(model2, 2)
    few = _queries(client, model2[role], reverse(url))
    _requests(model2, 8)
    many = _queries(client, model2[role], reverse(url))
    assert many == few
    assert many <= 25
