from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("<slug:slug>/", views.item_detail, name="item"),
    path("<slug:slug>/pdf/", views.tool_pdf, name="pdf"),
]
