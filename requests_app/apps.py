from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Requests")

    def ready(self):
        # The ground floor (providers' admin) asks through this hook how a frame is used.
        from accounts.mail import register_renderer
        from accounts.privacy import register_personal_data
        from providers.usage import register_frame_usage
        from requests_app.notifications import event_mail
        from requests_app.privacy import personal_data
        from requests_app.selectors.ledger import frame_used
        from requests_app.services.base import EVENT_MAIL

        register_frame_usage(frame_used)
        # The outbox (accounts, a lower floor) asks here how an event's e-mail reads.
        register_renderer(EVENT_MAIL, event_mail)
        # The download of one's own data (accounts.privacy) asks here what requests hold.
        register_personal_data("requests", personal_data)
        # The knowledge library (a lower floor) shows the tools that fit the request's themes.
        from requests_app.panels import register_request_panel
        from requests_app.selectors.knowledge import library_panel

        register_request_panel("library", library_panel)
        # SQLite drops or trips over the invoiced-amount triggers when a migration rebuilds
        # a table: they step aside for every migration run (``requests_app.triggers``).
        from django.db.models.signals import post_migrate, pre_migrate

        from requests_app import triggers

        pre_migrate.connect(triggers.before_migrate, sender=self)
        post_migrate.connect(triggers.after_migrate, sender=self)
