from django.urls import path

from requests_app import invoice_views, views

app_name = "requests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("inbox/", views.provider_inbox, name="inbox"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/edit/<slug:step>/", views.request_step, name="step"),
    path("<int:pk>/submit/", views.request_submit, name="submit"),
    path("<int:pk>/confirm/", views.request_confirm, name="confirm"),
    path("<int:pk>/send-back/", views.request_send_back, name="send_back"),
    path("<int:pk>/approve/", views.request_region_approve, name="region_approve"),
    path("<int:pk>/return/", views.request_region_return, name="region_return"),
    path("<int:pk>/dialogue/", views.request_start_dialogue, name="start_dialogue"),
    path("<int:pk>/decline/", views.request_decline, name="decline"),
    path("<int:pk>/redirect/", views.request_redirect, name="redirect"),
    path("<int:pk>/withdraw/", views.request_withdraw, name="withdraw"),
    path("<int:pk>/contract/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/contract/accept/", views.contract_accept, name="contract_accept"),
    path("<int:pk>/contract/comment/", views.contract_comment, name="contract_comment"),
    path("<int:pk>/contract/v<int:number>.pdf", views.contract_pdf, name="contract_pdf"),
    path("<int:pk>/contract/calendar.ics", views.contract_ics, name="contract_ics"),
    path("<int:pk>/delivery/", views.delivery_attest, name="delivery_attest"),
    path("<int:pk>/invoices/new/", invoice_views.invoice_new, name="invoice_new"),
    path("<int:pk>/contract/close/", invoice_views.contract_close, name="contract_close"),
]
