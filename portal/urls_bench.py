"""The portal's URLs plus the benchmark's baseline view (``portal.settings_bench`` only)."""

from django.urls import path

from portal import bench_views
from portal.urls import handler403, handler404
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/baseline/", bench_views.baseline, name="bench_baseline"),
    *portal_urlpatterns,
]

__all__ = ["handler403", "handler404", "urlpatterns"]
