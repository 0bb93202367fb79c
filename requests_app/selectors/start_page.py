"""Reads for the start page: what each of the user's roles has waiting for them.

The start page is wired by ``portal.views.home``; the data is the requests', so it is read here.
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.mail import failed_mail_count
from accounts.models import Membership, Region
from accounts.selectors import pending_memberships
from providers.models import BudgetFrame, BudgetPeriod, Provider, Theme
from requests_app.models import Invoice, Request, Status
from requests_app.permissions import party_to_q
from requests_app.selectors import ledger
from requests_app.selectors import requests as request_selectors


def themes():
    return list(Theme.objects.all())


def current_period():
    """The budget period running today, or the latest one once a programme has ended."""
    today = timezone.localdate()
    periods = BudgetPeriod.objects.select_related("programme")
    return (
        periods.filter(starts_on__lte=today, ends_on__gte=today).first()
        or periods.order_by("-starts_on").first()
    )


def _current_frames(*, providers=None):
    """The ledger rows (frame, committed, invoiced, remaining) of the current period."""
    period = current_period()
    if period is None:
        return []
    frames = BudgetFrame.objects.select_related("provider", "period__programme").filter(
        period=period
    )
    if providers is not None:
        frames = frames.filter(provider__in=providers)
    return ledger.ledger(frames.order_by("provider__position"))


# The start page shows the first few of each queue; the lists behind them are paginated.
FIRST = 10


def _to_attest_delivery(*, user):
    return request_selectors.open_requests(user=user).filter(status=Status.CONTRACTED)


# The start page's queues of requests, by the name the request list takes (``?queue=``) to
# show one of them whole: (heading, selector). Each selector orders its rows.
REQUEST_QUEUES = {
    "to_confirm": (_("Waiting for your confirmation"), request_selectors.awaiting_confirmation),
    "to_attest_delivery": (
        _("Attest the delivery when it has taken place"),
        _to_attest_delivery,
    ),
    "drafts": (_("Drafts"), request_selectors.drafts),
    "open_requests": (_("Sent requests"), request_selectors.open_requests),
    "to_approve": (_("Waiting for the region's approval"), request_selectors.awaiting_region),
}


def request_queue(*, user, name: str) -> tuple[str, QuerySet[Request]] | None:
    """One start-page queue whole, for the request list; None for a name that is none."""
    if name not in REQUEST_QUEUES:
        return None
    heading, selector = REQUEST_QUEUES[name]
    return str(heading), selector(user=user)


def _first(name, user) -> list[Request]:
    """The first of a queue, read as its whole list reads them (``listed``)."""
    return list(request_selectors.listed(REQUEST_QUEUES[name][1](user=user))[:FIRST])


def start_page(*, user) -> dict:
    memberships = list(
        Membership.objects.filter(user=user, confirmed_at__isnull=False)
        .select_related("workplace__region", "workplace__parent")
        .order_by("workplace__name", "role")
    )
    coordinator_regions = list(
        Region.objects.filter(coordinators__user=user).prefetch_related("focus_areas")
    )
    staff_providers = list(Provider.objects.filter(staff__user=user))
    central_party = getattr(user, "central_party", None)
    is_central = central_party is not None or user.is_superuser
    invoices = Invoice.objects.select_related("provider", "contract__request__workplace__parent")
    return {
        "to_attest_delivery": _first("to_attest_delivery", user) if memberships else [],
        "invoices_to_attest": list(
            invoices.filter(
                state=Invoice.State.AWAITING_REGION,
                contract__request__workplace__region__coordinators__user=user,
            ).exclude(party_to_q(user, "contract__request__"))[:FIRST]
        )
        if coordinator_regions
        else [],
        "invoices_returned": list(
            invoices.filter(
                state=Invoice.State.RETURNED,
                withdrawn_at__isnull=True,
                provider__in=staff_providers,
            )[:FIRST]
        )
        if staff_providers
        else [],
        "invoices_to_pay": list(invoices.filter(state=Invoice.State.AWAITING_PAYMENT)[:FIRST])
        if is_central
        else [],
        "drafts": _first("drafts", user) if memberships else [],
        "to_confirm": _first("to_confirm", user) if memberships else [],
        "open_requests": _first("open_requests", user) if memberships else [],
        "to_approve": _first("to_approve", user) if coordinator_regions else [],
        # How many wait, counted (the inbox behind the link is paginated).
        "inbox_waiting": request_selectors.provider_inbox(user=user)
        .filter(status=Status.AT_PROVIDER)
        .count()
        if staff_providers
        else 0,
        "memberships": memberships,
        "coordinator_regions": coordinator_regions,
        "staff_providers": staff_providers,
        "staff_frames": _current_frames(providers=staff_providers) if staff_providers else [],
        "central_party": central_party,
        "is_central": is_central,
        "all_frames": _current_frames() if is_central else [],
        "mail_failures": failed_mail_count() if is_central else 0,
        "pending_members": pending_memberships(user).count()
        if (coordinator_regions or is_central)
        else 0,
        "has_role": bool(memberships or coordinator_regions or staff_providers or is_central),
    }
