from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Requests")

    def ready(self):
        # The ground floor (providers' admin) asks through this hook how a frame is used.
        from providers.usage import register_frame_usage
        from requests_app.selectors.ledger import frame_used

        register_frame_usage(frame_used)
