from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Read-only overviews of budgets, deadlines, reach and evaluations (third floor)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        # A change to the rows the figures are read from makes the kept figures old.
        from dashboards.cache import connect_signals

        connect_signals()
