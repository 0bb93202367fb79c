from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The knowledge library at /viden/: recommendations, tools, models and cases (ground floor)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "library"
    verbose_name = _("Knowledge library")
