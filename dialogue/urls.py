from django.urls import path

from dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("<int:pk>/", views.thread_older, name="older"),
    path("<int:pk>/messages/", views.message_create, name="post"),
    path("<int:pk>/meetings/", views.proposal_create, name="propose"),
    path("<int:pk>/contact/", views.contact_record, name="contact"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("meetings/<int:pk>/accept/", views.proposal_accept, name="accept"),
    path("meetings/<int:pk>/other-times/", views.proposal_ask_other_times, name="other_times"),
    path("meetings/<int:pk>/cancel/", views.proposal_cancel, name="cancel"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="calendar"),
]
