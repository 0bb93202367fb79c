"""Reads of the provider catalogue."""

from django.db.models import Prefetch

from providers.models import Offering, Provider


def catalogue_providers(*, theme=None, format=""):
    """Active providers offering the theme and format, each with its matching offerings."""
    providers = Provider.objects.filter(is_active=True)
    offerings = Offering.objects.prefetch_related("themes")
    if theme is not None:
        providers = providers.filter(themes=theme)
        offerings = offerings.filter(themes=theme)
    if format:
        providers = providers.filter(offerings__format=format)
        offerings = offerings.filter(format=format)
    return providers.distinct().prefetch_related(
        "themes", Prefetch("offerings", queryset=offerings.distinct())
    )
