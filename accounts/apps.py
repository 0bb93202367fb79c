from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from accounts import mail, tasks

        # A stored mail asks the Celery task to send it after commit.
        mail.on_enqueue(tasks.queue_mail_queue)
