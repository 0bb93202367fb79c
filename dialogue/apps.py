from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """The conversation between the local parties and the provider on a request: messages,
    attachments, meeting proposals and recorded contact (second floor, beside evaluations)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dialogue"
    verbose_name = _("Dialogue")

    def ready(self):
        # requests_app (a lower floor) shows the dialogue through its hooks; the outbox
        # (accounts) asks here how the dialogue's collected e-mail reads.
        from accounts.mail import register_renderer
        from dialogue.capacity import capacity
        from dialogue.notifications import MAIL_KIND, dialogue_mail
        from dialogue.panels import contract_panel, thread_panel, unread_counter
        from providers.usage import register_capacity
        from requests_app.panels import (
            register_contract_panel,
            register_request_panel,
            register_unread_counter,
        )

        register_request_panel("dialogue", thread_panel)
        register_contract_panel("dialogue", contract_panel)
        register_unread_counter(unread_counter)
        register_renderer(MAIL_KIND, dialogue_mail)
        # The catalogue and the wizard (lower floors) ask here which provider has room.
        register_capacity(capacity)
        # One's own data (accounts.privacy); messages expire with their request's free text.
        from accounts.privacy import register_personal_data
        from dialogue import privacy, retention
        from requests_app.services.retention import free_text_expired

        register_personal_data("dialogue", privacy.personal_data)
        free_text_expired.connect(retention.scrub_free_text, dispatch_uid="dialogue.retention")
