from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/", views.notification_open, name="notification_open"),
    path("read-all/", views.notification_read_all, name="notifications_read_all"),
    path("mail-failures/", views.mail_failures, name="mail_failures"),
    path("members/pending/", views.pending_members, name="pending_members"),
    path("members/<int:pk>/confirm/", views.member_confirm, name="member_confirm"),
    path(
        "mail-failures/<slug:kind>/<int:pk>/retry/",
        views.mail_failure_retry,
        name="mail_failure_retry",
    ),
]
