"""On PostgreSQL: the pages' indexes exist, the visibility filter keeps the shape that lets
the planner use them, and the EXPLAIN check of ``tests.bench.explain_pages`` sees a
sequential scan when there is one (issue 12, point 3). The plans themselves are judged at
100,000 requests by ``python -m tests.bench.explain_pages`` (``make bench``)."""

import json
import re

import pytest
from django.db import connection

from requests_app.models import Invoice, Request
from requests_app.selectors.invoices import invoice_list, invoices_for
from requests_app.selectors.requests import requests_for
from tests import factories
from tests.bench.explain_pages import seq_scans

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

INDEXES = {
    "requests_app_request": {
        "request_updated_idx",
        "request_status_updated_idx",
        "request_workplace_status_idx",
        "request_inbox_idx",
        "request_provider_status_idx",
    },
    "requests_app_invoice": {
        "invoice_submitted_idx",
        "invoice_state_submitted_idx",
        "invoice_frame_idx",
        "invoice_contract_idx",
    },
    "requests_app_contract": {"contract_frame_state_idx"},
}


def test_the_pages_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes")
        found = {}
        for table, name, definition in cursor.fetchall():
            found.setdefault(table, {})[name] = definition
    for table, names in INDEXES.items():
        assert names <= set(found[table]), (table, names - set(found[table]))
    # The covering parts the count and the ledger read from the index alone.
    assert "INCLUDE (id)" in found["requests_app_request"]["request_workplace_status_idx"]
    assert "INCLUDE (id)" in found["requests_app_request"]["request_provider_status_idx"]
    assert "INCLUDE (amount)" in found["requests_app_invoice"]["invoice_frame_idx"]


def _where(sql: str) -> str:
    return sql.split(" WHERE ", 1)[1].split(" ORDER BY ", 1)[0]


@pytest.fixture
def everyone(db):
    """A leader and an AMR, provider staff, a coordinator and a central party."""
    _workplace, leader, amr = factories.trio("sjaelland")
    return [
        leader,
        amr,
        factories.ProviderStaffFactory().user,
        factories.CoordinatorFactory().user,
        factories.CentralPartyFactory().user,
    ]


def test_the_visibility_filter_is_on_the_requests_own_columns(everyone):
    """No OR across joins, no subquery: every term of the filter is a column of the request
    itself (with the user's workplaces, regions' workplaces and providers read first)."""
    for user in everyone:
        sql = str(requests_for(user=user).query)
        where = _where(sql)
        assert "SELECT" not in where, where
        assert not re.search(r"accounts_membership|regionalcoordinator|providerstaff", sql)
        columns = set(re.findall(r'"([a-z_]+)"\."[a-z_]+"', where))
        assert columns == {"requests_app_request"}, where


def test_a_way_the_user_has_none_of_is_left_out(everyone):
    """The provider's staff and the coordinator are the other party nowhere: their filter
    has one way, which PostgreSQL counts from an index alone, with no OR to read the table
    for; the same for their invoices."""
    for user in everyone[2:4]:
        for queryset in (requests_for(user=user), invoices_for(user)):
            where = _where(str(queryset.query))
            assert " OR " not in where, where
            assert "counterpart" not in where, where


def test_the_invoices_filter_is_on_their_requests_columns(everyone):
    for user in everyone[:-1]:
        where = _where(str(invoices_for(user).query))
        assert "SELECT" not in where, where
        assert set(re.findall(r'"([a-z_]+)"\."[a-z_]+"', where)) == {"requests_app_request"}


def _count_sql(queryset) -> str:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        queryset.count()
    return captured[-1]["sql"]


def test_the_central_invoice_count_reads_the_invoices_alone(everyone):
    """The central parties see every invoice (invoices are only made on delivered
    requests): the list's count neither filters nor joins the requests, which at 100,000
    requests made PostgreSQL read the whole requests table to drop drafts (issue 12)."""
    central = everyone[-1]
    assert " WHERE " not in str(invoices_for(central).query)
    sql = _count_sql(invoice_list(central))
    assert "requests_app_request" not in sql, sql
    filtered = _count_sql(invoice_list(central, state=Invoice.State.AWAITING_PAYMENT))
    assert "requests_app_request" not in filtered, filtered
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as at 100,000: an index serves it
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    assert seq_scans(plan if isinstance(plan, str) else json.dumps(plan)) == []


def test_the_central_invoices_are_every_invoice(everyone):
    """The shortcut holds: whatever the central parties' own workplaces, every invoice
    there is is in their list, and the other roles' lists stay filtered."""
    from decimal import Decimal

    from django.utils import timezone

    from providers.models import BudgetFrame
    from requests_app.models import Contract

    leader, amr = everyone[0], everyone[1]
    request = factories.complete_request(
        leader=leader, counterpart=amr, status="delivered", reached_provider_at=timezone.now()
    )
    frame = BudgetFrame.objects.filter(provider=request.provider).order_by("pk")[0]
    contract = Contract.objects.create(request=request, frame=frame, state="concluded")
    invoice = Invoice.objects.create(
        contract=contract,
        provider=request.provider,
        frame=frame,
        number="P-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("100.00"),
        submitted_by=leader,
        submitted_at=timezone.now(),
    )
    assert list(invoices_for(everyone[-1])) == [invoice]
    assert list(invoices_for(leader)) == [invoice]
    assert list(invoices_for(factories.UserFactory())) == []  # nobody's: no role


def test_the_explain_check_sees_a_sequential_scan(everyone):
    factories.complete_request(leader=everyone[0], counterpart=everyone[1])
    whole = Request.objects.all().explain(format="json")
    assert seq_scans(whole) == ["requests_app_request"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        by_index = Request.objects.filter(pk=1).explain(format="json")
        invoices = Invoice.objects.filter(pk=1).explain(format="json")
    assert seq_scans(by_index) == [] and seq_scans(invoices) == []


def test_the_inbox_page_is_read_from_its_index_in_its_order(everyone):
    """The provider's inbox filters on the provider's id (from the user's roles, no join)
    and the inbox statuses, which imply the partial ``request_inbox_idx``: a page is its
    first rows in the order they were reached, with no sort of the provider's thousands
    (issue 12; 72 ms to 1.5 ms at 100,000 requests)."""
    from requests_app.selectors.requests import provider_inbox

    staff = everyone[2]
    sql = str(provider_inbox(user=staff)[:50].query)
    assert "providerstaff" not in sql, sql
    with connection.cursor() as cursor:
        # As at 100,000 rows, where these are the costly ways: nothing but the index is left.
        for setting in ("enable_seqscan", "enable_sort", "enable_bitmapscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = provider_inbox(user=staff)[:50].explain(format="json")
    assert '"Index Name": "request_inbox_idx"' in plan, plan
    assert '"Node Type": "Sort"' not in plan, plan
