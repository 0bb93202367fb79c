"""The dashboards' own pages (central, region, provider)."""

from django.urls import path

from dashboards.views import overview

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("region/", overview.region_dashboard, name="region"),
    path("provider/", overview.provider_dashboard, name="provider"),
]
