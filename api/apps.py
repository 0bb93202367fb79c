from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API at /api/v1/ and its personal tokens (third floor)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API")

    def ready(self):
        # The download of one's own data and forgetting a user (accounts.privacy).
        from accounts.privacy import register_forget, register_personal_data
        from api.privacy import forget, personal_data

        register_personal_data("api_tokens", personal_data)
        register_forget("api_tokens", forget)
