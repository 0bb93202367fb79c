"""The dashboards' sections beside the figures' own: what waits for the central parties (their
start page is the central dashboard) and the provider's inbox figures, each figure linked to
the list behind it, and the links from the budget rows and the evaluation rows."""

import dataclasses

from django.db.models import Count, Q
from django.urls import reverse

from accounts.mail import failed_mail_count
from accounts.selectors import pending_memberships
from dashboards import charts
from dashboards.selectors.deadlines import overdue_requests_q
from dashboards.selectors.pipeline import scoped_requests
from requests_app.models import Contract, Deadline, Invoice, Status
from requests_app.selectors.start_page import FIRST


def budget_links(row, filters) -> dict:
    """Each budget cell's list: the contracts or invoices of the row's frame in the state the
    figure counts (``dashboards.filters``: ``status=in_force``, ``booked``, ``attested`` …)."""
    frame = dataclasses.replace(filters, programme=None, period=row.period, provider=row.provider)
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


def inbox_figures(user, filters, *, scope) -> list[Figure]:
    """The provider's inbox at a glance: waiting for an answer, in dialogue, a contract being
    drafted, and the dialogue and contract deadlines overdue now (two queries)."""
    requests = scoped_requests(user, filters, scope=scope)
    counts = requests.order_by().aggregate(
        waiting=Count("pk", filter=Q(status=Status.AT_PROVIDER)),
        dialogue=Count("pk", filter=Q(status=Status.DIALOGUE)),
        overdue_dialogue=Count("pk", filter=overdue_requests_q(kind=Deadline.Kind.DIALOGUE)),
        overdue_contract=Count("pk", filter=overdue_requests_q(kind=Deadline.Kind.CONTRACT)),
    )
    # Counted as the contract list counts them (a draft may have no frame yet).
    drafting = Contract.objects.filter(
        scope.requests_q("request__"), filters.contracts_q(), state=Contract.State.DRAFT
    ).count()
    return [
        Figure(
            "waiting",
            counts["waiting"],
            charts.list_url("requests", filters, status=Status.AT_PROVIDER),
        ),
        Figure(
            "dialogue", counts["dialogue"], charts.list_url("requests", filters, status="dialogue")
        ),
        Figure(
            "drafting",
            drafting,
            charts.list_url("contracts", filters, status=Contract.State.DRAFT),
        ),
        Figure(
            "overdue_dialogue",
            counts["overdue_dialogue"],
            charts.list_url("requests", filters, overdue=Deadline.Kind.DIALOGUE),
        ),
        Figure(
            "overdue_contract",
            counts["overdue_contract"],
            charts.list_url("requests", filters, overdue=Deadline.Kind.CONTRACT),
        ),
    ]


def central_tasks(user) -> dict:
    """What waits for the central parties, as on the start page the dashboard replaces for
    them: invoices to pay, e-mails that failed, members awaiting confirmation (five queries)."""
    awaiting = Invoice.objects.filter(state=Invoice.State.AWAITING_PAYMENT)
    to_pay = awaiting.count()
    return {
        "first_to_pay": list(
            awaiting.select_related("provider", "contract__request__workplace__parent").order_by(
                "submitted_at", "pk"
            )[:FIRST]
        ),
        "invoices_to_pay": Figure(
            "invoices_to_pay",
            to_pay,
            f"{reverse('dashboards:invoices')}?status={Invoice.State.AWAITING_PAYMENT}",
        ),
        "mail_failures": failed_mail_count(),
        "pending_members": pending_memberships(user).count(),
        "central_party": getattr(user, "central_party", None),
    }
