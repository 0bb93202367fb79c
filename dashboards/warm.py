"""The dashboards' default views, computed ahead of their visitors (``dashboards.cache``).

The central dashboard, each region's and each provider's, opened without filters in the
portal's language: what most visits ask for. A coordinator of two regions, a filtered view or
another language is computed by the first page that asks and kept as long.
"""

from django.conf import settings
from django.utils import translation

from accounts.models import Region
from dashboards.permissions import Scope
from dashboards.selectors.filters import FilterChoices
from dashboards.views.overview import CENTRAL, PROVIDER, REGION, default_filters, figures_for
from providers.models import Provider


def default_views():
    """(kind, scope) of every dashboard as its users first see it."""
    yield CENTRAL, Scope(True, frozenset(), frozenset())
    for pk in Region.objects.order_by("pk").values_list("pk", flat=True):
        yield REGION, Scope(False, frozenset([pk]), frozenset())
    for pk in Provider.objects.order_by("pk").values_list("pk", flat=True):
        yield PROVIDER, Scope(False, frozenset(), frozenset([pk]))


def warm_dashboards() -> int:
    """Compute and keep the default views now; the number computed."""
    if settings.DASHBOARD_CACHE_SECONDS <= 0:
        return 0
    choices = FilterChoices.load()
    filters = default_filters(choices)
    done = 0
    with translation.override(settings.LANGUAGE_CODE):
        for kind, scope in default_views():
            figures_for(kind, scope, filters, choices, refresh=True)
            done += 1
    return done
