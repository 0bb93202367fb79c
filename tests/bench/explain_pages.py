"""EXPLAIN every page's main query for every role on PostgreSQL (issue 12, point 3).

    DATABASE_URL=postgres://…/portal_bench python -m tests.bench.explain_pages

Run it on a database seeded with ``manage.py seed_scale`` (``make bench`` does, at 100,000
requests). For each page and role it takes the querysets the views use, from the selectors
(the list page's rows and its count, the start page's queues, the invoice list and its
queues, the ledger's sums), asks PostgreSQL for the plan (``EXPLAIN (FORMAT JSON)``, after
``VACUUM (ANALYZE)``, so statistics and visibility map are as autovacuum leaves them) and
prints one line each: the plan's estimated cost and any sequential scan. It exits 1 when a
plan reads the requests or the invoices table with a sequential scan, naming the page, the
role and the query (``--sql`` prints the SQL of each).

One kind of query may read a table whole: a sum whose job is to add up every row of what the
page shows (``WHOLE_READS``: the central parties' ledger shows every frame, so its sums per
frame add up the whole invoice table; PostgreSQL may then pick a sequential scan over the
covering index, at about the same cost). Those are printed, with the reason, and do not fail
the run; the provider's ledger, which reads its own frames only, still must not. The
ledger's sum per contract reads no invoice: it sums the contracts' own invoiced totals
(``Contract.invoiced_amount``).

A new page adds its main querysets to ``queries`` (taken from the selectors its view uses,
for each role that sees it), as the pages of ``tests/query_counts/pages.py`` are added there.
"""

import json
import os
import sys

CHECKED = {"requests_app_request", "requests_app_invoice"}
# (page, role or None for every role, query) -> why the query reads its table whole.
WHOLE_READS = {
    ("invoices:ledger", "central", "invoices"): (
        "the central parties' ledger shows every frame: its sums add up every invoice there is"
    ),
}
ANALYZED = [
    "requests_app_request",
    "requests_app_invoice",
    "requests_app_contract",
    "requests_app_requestevent",
    "requests_app_deadline",
    "accounts_membership",
    "accounts_workplace",
]


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def seq_scans(plan_json) -> list[str]:
    """The checked tables a plan reads with a sequential scan."""
    root = json.loads(plan_json)[0]["Plan"] if isinstance(plan_json, str) else plan_json
    return sorted(
        {
            node["Relation Name"]
            for node in _nodes(root)
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in CHECKED
        }
    )


def _people():
    """One user per role out of seed_scale's data: the first workplace's leader and AMR, a
    provider's staff, that workplace's region's coordinator and the central user."""
    from django.contrib.auth import get_user_model

    from accounts.models import Membership
    from providers.models import ProviderStaff

    User = get_user_model()
    leader = Membership.objects.filter(
        workplace__name__startswith="Skala afsnit", role="leader"
    ).order_by("pk")[0]
    amr = Membership.objects.filter(workplace=leader.workplace, role="amr").order_by("pk")[0]
    return {
        "leader": leader.user,
        "amr": amr.user,
        "staff": ProviderStaff.objects.filter(user__email__startswith="skala-")
        .order_by("pk")[0]
        .user,
        "coordinator": User.objects.filter(
            coordinator_roles__region=leader.workplace.region
        ).order_by("pk")[0],
        "central": User.objects.get(email="skala-central@example.dk"),
    }


class Counted:
    """What Paginator.count runs (``SELECT COUNT(*) …``), to be explained as it is sent."""

    def __init__(self, queryset):
        self.queryset = queryset

    def explain(self, format):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.queryset.count()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT {format}) {captured[-1]['sql']}")
            plan = cursor.fetchone()[0]
        return plan if isinstance(plan, str) else json.dumps(plan)

    @property
    def query(self):
        return f"COUNT(*) of {self.queryset.query}"


def _counted(queryset):
    return Counted(queryset)


def _filtered_invoices(user):
    """The invoice list's filters by state and by provider, as the page sends them. Not the
    period's: it joins the frames, and at 100,000 requests a period holds a third to two
    thirds of the ~15,000 invoices, which PostgreSQL reads whole (a sequential scan of a
    small table, the cheaper plan for so large a share)."""
    from providers.models import Provider
    from requests_app.models import Invoice
    from requests_app.selectors import invoices

    yield "state", invoices.invoice_list(user, state=Invoice.State.AWAITING_PAYMENT)
    yield "provider", invoices.invoice_list(user, provider=Provider.objects.order_by("pk")[0])


def queries(people, page_size):
    """(page, role, what, queryset) for every page's main queries."""
    from django.db.models import Count

    from requests_app.selectors import invoices, ledger, start_page
    from requests_app.selectors import requests as selectors

    for role, user in people.items():
        rows = selectors.requests_for(user=user).order_by("-updated_at", "-pk")
        yield "requests:list", role, "rows", rows[:page_size]
        yield "requests:list", role, "count", _counted(rows)
        yield (
            "requests:detail",
            role,
            "row",
            selectors.requests_for(user=user).filter(pk=rows.values_list("pk", flat=True)[:1]),
        )
        listed = invoices.invoice_list(user)
        yield "invoices:list", role, "rows", listed[:page_size]
        yield "invoices:list", role, "count", _counted(listed)
        for name, queue in invoices.invoice_queues(user, listed).items():
            yield "invoices:list", role, f"queue {name}", queue[:page_size]
        for what, filtered in _filtered_invoices(user):
            yield "invoices:list", role, f"{what} rows", filtered[:page_size]
            yield "invoices:list", role, f"{what} count", _counted(filtered)
        yield (
            "invoices:detail",
            role,
            "row",
            invoices.invoices_for(user).filter(pk=listed.values_list("pk", flat=True)[:1]),
        )
    staff, central = people["staff"], people["central"]
    inbox = selectors.provider_inbox(user=staff)
    yield "requests:inbox", "staff", "rows", inbox[:page_size]
    yield "requests:inbox", "staff", "count", _counted(inbox)
    for role in ("leader", "amr"):
        user = people[role]
        yield "home", role, "drafts", selectors.drafts(user=user)[: start_page.FIRST]
        yield "home", role, "to confirm", selectors.awaiting_confirmation(user=user)[:10]
        yield "home", role, "open", selectors.open_requests(user=user)[: start_page.FIRST]
    yield (
        "home",
        "coordinator",
        "to approve",
        selectors.awaiting_region(user=people["coordinator"])[: start_page.FIRST],
    )
    yield "home", "staff", "inbox waiting", _counted(inbox.filter(status="at_provider"))
    from dashboards.filters import requests_rows
    from dashboards.selectors import pipeline
    from dashboards.selectors.filters import DashboardFilters

    for role in ("central", "coordinator", "staff"):
        user = people[role]
        rows = requests_rows(user).order_by("-pk")
        yield "api:requests", role, "rows", rows[:page_size]
        yield "api:requests", role, "count", _counted(rows)
        # As pipeline.status_counts groups them (no ordering in the GROUP BY).
        counts = pipeline.scoped_requests(user, DashboardFilters()).order_by().values("status")
        yield "dashboards:overview", role, "status counts", counts.annotate(n=Count("*"))
    from requests_app.models import Invoice

    for role, user in (("staff", staff), ("central", central)):
        frames = list(invoices.ledger_frames(user))
        yield "invoices:ledger", role, "contracts", ledger.committed_by_frame(frames)
        yield (
            "invoices:ledger",
            role,
            "invoices",
            Invoice.objects.filter(frame__in=frames)
            .filter(ledger.ACTIVE)
            .values("frame_id", "state")
            .order_by(),
        )


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "on")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        print("explain_pages needs PostgreSQL: set DATABASE_URL")
        return 1
    with connection.cursor() as cursor:
        for table in ANALYZED:  # as autovacuum leaves them: statistics and visibility map
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute("SELECT count(*) FROM requests_app_request")
        (total,) = cursor.fetchone()
    print(f"EXPLAIN of every page's main query at {total:,} requests")
    bad = []
    for page, role, what, queryset in queries(_people(), settings.PAGE_SIZE):
        plan = json.loads(queryset.explain(format="json"))[0]["Plan"]
        scans = seq_scans(plan)
        whole = WHOLE_READS.get((page, role, what)) or WHOLE_READS.get((page, None, what))
        mark = f"SEQ SCAN on {', '.join(scans)}" if scans else "ok"
        if scans and whole:
            mark = f"reads {', '.join(scans)} whole: {whole}"
        print(f"  {page:<18} {role:<12} {what:<15} cost {plan['Total Cost']:>10.0f}  {mark}")
        if scans and not whole:
            bad.append((page, role, what, str(queryset.query)))
    if "--sql" in sys.argv:
        for page, role, what, sql in bad:
            print(f"\n{page} as {role} ({what}) reads a table sequentially:\n  {sql}")
    print(f"\n{len(bad)} plan(s) with a sequential scan on the requests or invoices table.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
