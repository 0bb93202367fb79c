from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from accounts import mail, tasks

        # A stored mail asks the Celery task to send it after commit.
        mail.on_enqueue(tasks.queue_mail_queue)
        # After auth's create_permissions (connected earlier, so called first for each app).
        post_migrate.connect(danish_permission_names, dispatch_uid="accounts_danish_permissions")


def danish_permission_names(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Name every model's default permissions in the site's language ("Kan tilføje bruger").

    Django stores a permission's name once, in English ("Can add user"), when it creates the
    row at migrate time, and the admin shows the stored name; no catalogue translates it
    later. So after each migrate (and each test flush) the names of ``sender``'s models are
    rewritten from their verbose names, in LANGUAGE_CODE (Danish). Custom permissions keep
    the names their models give them.
    """
    from django.conf import settings
    from django.contrib.auth import get_permission_codename
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import router
    from django.utils import translation
    from django.utils.translation import gettext

    models = list(sender.get_models())
    if not models or not router.allow_migrate_model(using, Permission):
        return
    with translation.override(settings.LANGUAGE_CODE):
        templates = {
            "add": gettext("Can add %(name)s"),
            "change": gettext("Can change %(name)s"),
            "delete": gettext("Can delete %(name)s"),
            "view": gettext("Can view %(name)s"),
        }
        content_types = ContentType.objects.db_manager(using).get_for_models(
            *models, for_concrete_models=False
        )
        wanted = {}
        for model, content_type in content_types.items():
            opts = model._meta
            for action in opts.default_permissions:
                if action in templates:
                    name = templates[action] % {"name": opts.verbose_name}
                    wanted[(content_type.pk, get_permission_codename(action, opts))] = name[:255]
    changed = []
    for permission in Permission.objects.using(using).filter(
        content_type__in=list(content_types.values())
    ):
        name = wanted.get((permission.content_type_id, permission.codename))
        if name is not None and permission.name != name:
            permission.name = name
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])
