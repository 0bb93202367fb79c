"""The rows each list starts from: the dashboards' scope (``dashboards.permissions``).

The central parties see every sent request, a coordinator their region's, provider staff
those that reached their provider; workplace members have no dashboards (their own requests
are under Anmodninger) and see no rows here. The lists' filters (``dashboards.filters``)
narrow these rows.
"""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from dashboards.permissions import dashboard_scope
from requests_app.models import Contract, ContractVersion, Invoice, Request


def requests_rows(user):
    scope = dashboard_scope(user)
    return (
        Request.objects.filter(scope.requests_q())
        .select_related("workplace__region", "workplace__parent", "provider", "contract")
        .prefetch_related("themes")
    )


def contracts_rows(user):
    scope = dashboard_scope(user)
    latest_price = (
        ContractVersion.objects.filter(contract=OuterRef("pk"))
        .order_by("-number")
        .values("price")[:1]
    )
    return (
        Contract.objects.filter(scope.sent_q("request__"))
        .select_related(
            "request__workplace__region",
            "request__workplace__parent",
            "request__provider",
            "frame__period__programme",
        )
        .annotate(amount=Coalesce("reserved_amount", Subquery(latest_price)))
    )


def invoices_rows(user):
    scope = dashboard_scope(user)
    return Invoice.objects.filter(scope.sent_q("contract__request__")).select_related(
        "provider",
        "contract__request__workplace__region",
        "contract__request__workplace__parent",
        "frame__period__programme",
    )
