from django.urls import path

from requests_app.views import contracts, invoices, knowledge, requests

app_name = "requests"
urlpatterns = [
    path("", requests.request_list, name="list"),
    path("new/", requests.request_new, name="new"),
    path("inbox/", requests.provider_inbox, name="inbox"),
    path("offerings/", requests.offering_options, name="offering_options"),
    path("suggestions/", knowledge.theme_suggestions, name="theme_suggestions"),
    path("<int:pk>/", requests.request_detail, name="detail"),
    path("<int:pk>/edit/<slug:step>/", requests.request_step, name="step"),
    path("<int:pk>/submit/", requests.request_submit, name="submit"),
    path("<int:pk>/confirm/", requests.request_confirm, name="confirm"),
    path("<int:pk>/send-back/", requests.request_send_back, name="send_back"),
    path("<int:pk>/approve/", requests.request_region_approve, name="region_approve"),
    path("<int:pk>/return/", requests.request_region_return, name="region_return"),
    path("<int:pk>/decline/", requests.request_decline, name="decline"),
    path("<int:pk>/redirect/", requests.request_redirect, name="redirect"),
    path("<int:pk>/withdraw/", requests.request_withdraw, name="withdraw"),
    path("<int:pk>/contract/", contracts.contract_edit, name="contract_edit"),
    path("<int:pk>/contract/accept/", contracts.contract_accept, name="contract_accept"),
    path("<int:pk>/contract/comment/", contracts.contract_comment, name="contract_comment"),
    path("<int:pk>/contract/v<int:number>.pdf", contracts.contract_pdf, name="contract_pdf"),
    path("<int:pk>/contract/calendar.ics", contracts.contract_ics, name="contract_ics"),
    path("<int:pk>/delivery/", contracts.delivery_attest, name="delivery_attest"),
    path("<int:pk>/invoices/new/", invoices.invoice_new, name="invoice_new"),
    path("<int:pk>/contract/close/", contracts.contract_close, name="contract_close"),
]
