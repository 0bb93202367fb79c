"""The dashboards' sections beside the figures' own: what waits for the central parties (their
start page is the central dashboard) and the provider's inbox figures, each figure linked to
the list behind it, and the links from the budget rows, their burn-down months and the
evaluation rows."""

import dataclasses

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from accounts.mail import failed_mails
from accounts.selectors import pending_memberships
from dashboards import charts
from requests_app.models import Deadline, Invoice, Status
from requests_app.selectors.start_page import FIRST


def _in_frame(frame, filters):
    """The dashboard's filters narrowed to one frame; its region and theme stay, so a partial
    row's lists count the same requests as the row."""
    return dataclasses.replace(
        filters, programme=None, period=frame.period, provider=frame.provider
    )


def budget_links(row, filters) -> dict:
    """Each budget cell's list: the contracts or invoices of the row's frame in the state the
    figure counts (``dashboards.filters``: ``status=in_force``, ``booked``, ``attested`` …)."""
    frame = _in_frame(row.frame, filters)
    return {
        "requests": charts.list_url("requests", frame),
        "frame": charts.list_url("contracts", frame),
        "committed": charts.list_url("contracts", frame, status="in_force"),
        "invoiced": charts.list_url("invoices", frame, status="booked"),
        "unattested": charts.list_url("invoices", frame, status="unattested"),
        "attested": charts.list_url("invoices", frame, status="attested"),
        "unpaid": charts.list_url("invoices", frame, status=Invoice.State.AWAITING_PAYMENT),
        "paid": charts.list_url("invoices", frame, status=Invoice.State.PAID),
        # What remains is the frame less what its contracts in force commit and invoice.
        "remaining": charts.list_url("contracts", frame, status="in_force"),
    }


def burn_down_links(frame, month, filters) -> dict:
    """Each cell of a burn-down month's row opens the list behind that month's figure, counted
    up to the month's end as the burn-down counts (``dashboards.selectors.budgets``): the
    invoices booked and submitted by then, those paid by then, and the contracts in force
    concluded by then, whose reservations less what was invoiced on them by then are the
    month's commitment and, with those invoices, what the frame had used (the "remaining" or,
    for a partial row, "used" cell)."""
    frame_filters, by = _in_frame(frame, filters), month.strftime("%Y-%m")
    concluded = charts.list_url("contracts", frame_filters, status="in_force", concluded_by=by)
    return {
        "committed": concluded,
        "invoiced": charts.list_url("invoices", frame_filters, status="booked", submitted_by=by),
        "paid": charts.list_url("invoices", frame_filters, status=Invoice.State.PAID, paid_by=by),
        "remaining": concluded,
    }


def evaluation_link(filters, **narrowed) -> str:
    """The evaluations' results overview, filtered as the dashboard and by the row's subject
    (it reads the same parameters: programme, period, region, provider, theme)."""
    query = dataclasses.replace(filters, **narrowed).query()
    url = reverse("evaluations:results")
    return f"{url}?{query}" if query else url


@dataclasses.dataclass
class Figure:
    """One number on a dashboard and the list behind it."""

    key: str
    count: int
    link: str


def inbox_figures(flow, sla_rows, filters) -> list[Figure]:
    """The provider's inbox at a glance, from figures the page has read already (no query):
    waiting for an answer and in dialogue (the pipeline), a contract being drafted and the
    dialogue and contract deadlines overdue now (the deadline query, ``with_inbox``)."""
    statuses = {status.status: status.count for status in flow.statuses}

    def total(name):
        return sum(getattr(row, name) for row in sla_rows)

    figures = [
        ("waiting", statuses.get(Status.AT_PROVIDER, 0), {"status": Status.AT_PROVIDER}),
        ("dialogue", statuses.get(Status.DIALOGUE, 0), {"status": Status.DIALOGUE}),
        ("drafting", total("drafting"), {"status": "contract_draft"}),
        ("overdue_dialogue", total("overdue_dialogue"), {"overdue": Deadline.Kind.DIALOGUE}),
        ("overdue_contract", total("overdue_contract"), {"overdue": Deadline.Kind.CONTRACT}),
    ]
    return [
        Figure(key, count, charts.list_url("requests", filters, **extra))
        for key, count, extra in figures
    ]


def _count(queryset):
    """The number of rows of ``queryset`` as a scalar subquery (0 when none)."""
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def central_tasks(user) -> dict:
    """What waits for the central parties, as on the start page the dashboard replaces for
    them: invoices to pay (the first few listed), e-mails that failed for good, members
    awaiting confirmation. Two queries: the counts come together as subqueries."""
    awaiting = Invoice.objects.filter(state=Invoice.State.AWAITING_PAYMENT)
    outbox, notifications = failed_mails()
    counts = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values("pk")
        .annotate(
            to_pay=_count(awaiting),
            outbox=_count(outbox),
            notifications=_count(notifications),
            pending=_count(pending_memberships(user)),
        )
        .get()
    )
    return {
        "first_to_pay": list(
            awaiting.select_related("provider", "contract__request__workplace__parent").order_by(
                "submitted_at", "pk"
            )[:FIRST]
        ),
        "invoices_to_pay": Figure(
            "invoices_to_pay",
            counts["to_pay"],
            f"{reverse('dashboards:invoices')}?status={Invoice.State.AWAITING_PAYMENT}",
        ),
        "mail_failures": counts["outbox"] + counts["notifications"],
        "pending_members": counts["pending"],
        "central_party": getattr(user, "central_party", None),
    }
