from django.urls import path

from requests_app.views import invoices as invoice_views

app_name = "invoices"
urlpatterns = [
    path("", invoice_views.invoice_list, name="list"),
    path("ledger/", invoice_views.ledger_view, name="ledger"),
    path("<int:pk>/", invoice_views.invoice_detail, name="detail"),
    path("<int:pk>/invoice.pdf", invoice_views.invoice_pdf, name="pdf"),
    path("<int:pk>/return/", invoice_views.invoice_return, name="return"),
    path("<int:pk>/attest/", invoice_views.invoice_attest, name="attest"),
    path("<int:pk>/pay/", invoice_views.invoice_pay, name="pay"),
    path("<int:pk>/resubmit/", invoice_views.invoice_resubmit, name="resubmit"),
    path("<int:pk>/withdraw/", invoice_views.invoice_withdraw, name="withdraw"),
]
