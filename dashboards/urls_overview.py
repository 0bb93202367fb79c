"""The dashboards' own pages (central, region, provider)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
