"""``/api/``: the JSON API (``/api/v1/…``), its documentation and its OpenAPI schema."""

from django.urls import path

from api.v1 import api

urlpatterns = [path("", api.urls)]
