"""The filtered, sortable, exportable lists of requests, contracts and invoices."""

from django.urls import path

from dashboards.views import lists

urlpatterns = [
    path("requests/", lists.request_list, name="requests"),
    path("contracts/", lists.contract_list, name="contracts"),
    path("invoices/", lists.invoice_list, name="invoices"),
]
