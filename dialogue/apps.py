from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """The conversation between the local parties and the provider on a request: messages,
    attachments, meeting proposals and recorded contact (second floor, beside evaluations)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dialogue"
    verbose_name = _("Dialogue")
