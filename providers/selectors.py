"""Reads of the provider catalogue."""

from django.db.models import Prefetch

from providers.models import Offering, Provider


def catalogue_providers(*, theme=None, format="", offering_themes: bool = True):
    """Active providers offering the theme and format, each with its matching offerings
    (and their themes, which the catalogue's list does not show: ``offering_themes=False``).
    Only a filter through the themes or the offerings can repeat a row, so only a filtered
    catalogue asks for distinct rows."""
    providers = Provider.objects.filter(is_active=True)
    offerings = Offering.objects.all()
    if offering_themes:
        offerings = offerings.prefetch_related("themes")
    if theme is not None:
        providers = providers.filter(themes=theme)
        offerings = offerings.filter(themes=theme)
    if format:
        providers = providers.filter(offerings__format=format)
        offerings = offerings.filter(format=format)
    if theme is not None or format:
        providers, offerings = providers.distinct(), offerings.distinct()
    return providers.prefetch_related("themes", Prefetch("offerings", queryset=offerings))
