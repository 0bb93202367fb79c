"""The filtered, sortable, exportable lists of requests, contracts and invoices."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
