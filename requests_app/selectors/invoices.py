"""Reads of invoices: who sees which (as who sees its request), the filtered list, the
queues waiting for a coordinator or a central party, and the frames of the ledger."""

from django.db.models import QuerySet
from django.utils import timezone

from accounts.rules import is_central_or_admin, is_coordinator, is_provider_staff
from providers.models import BudgetFrame, Programme
from requests_app.models import Invoice
from requests_app.permissions import party_to_q
from requests_app.selectors.requests import visible_requests


def invoices_for(user) -> QuerySet[Invoice]:
    """The invoices of the requests the user may see. The central parties see every sent
    request, and an invoice is only ever made on a delivered one, so they see every invoice:
    no filter, and the list's count reads the invoices' own index instead of joining the
    requests to drop drafts that never have invoices (issue 12, point 3)."""
    invoices = Invoice.objects.all()
    if not is_central_or_admin(user):
        invoices = invoices.filter(visible_requests(user, "contract__request__"))
    return invoices.select_related(
        "provider",
        "contract__request__workplace__region",
        "contract__request__workplace__parent",
        "frame__period",
    )


def invoice_list(user, *, state="", provider=None, period=None) -> QuerySet[Invoice]:
    invoices = invoices_for(user).order_by("submitted_at")
    if state:
        invoices = invoices.filter(state=state)
    if provider:
        invoices = invoices.filter(provider=provider)
    if period:
        invoices = invoices.filter(frame__period=period)  # where it is booked
    return invoices


def invoice_queues(user, invoices: QuerySet[Invoice]) -> dict[str, QuerySet[Invoice]]:
    """What waits for the user's own hand: the region's attestation, the central payment."""
    queues = {}
    if is_coordinator(user):
        queues["region"] = invoices.filter(
            state=Invoice.State.AWAITING_REGION,
            contract__request__workplace__region__coordinators__user=user,
        ).exclude(party_to_q(user, "contract__request__"))
    if is_central_or_admin(user):
        queues["payment"] = invoices.filter(state=Invoice.State.AWAITING_PAYMENT)
    return queues


def invoice_events(invoice: Invoice):
    return invoice.events.select_related("actor")


def may_see_ledger(user) -> bool:
    return bool(is_central_or_admin(user) or is_provider_staff(user))


def current_programme() -> Programme | None:
    """The programme running today, or the latest one (as ``start_page.current_period``):
    what the budget page shows until another programme is chosen."""
    today = timezone.localdate()
    programmes = Programme.objects.order_by("-starts_on", "-pk")
    return programmes.filter(starts_on__lte=today, ends_on__gte=today).first() or programmes.first()


def ledger_frames(user, *, programme=None, provider=None, period=None) -> QuerySet[BudgetFrame]:
    """The frames the user may follow: all for the central parties, else their providers';
    programme by programme (so each programme's rows stand together for its total)."""
    frames = BudgetFrame.objects.select_related("provider", "period__programme").order_by(
        "period__programme__starts_on",
        "period__programme_id",
        "period__starts_on",
        "provider__position",
    )
    if not is_central_or_admin(user):
        frames = frames.filter(provider__staff__user=user)
    if programme:
        frames = frames.filter(period__programme=programme)
    if provider:
        frames = frames.filter(provider=provider)
    if period:
        frames = frames.filter(period=period)
    return frames
