"""Danish names for the third-party models the admin lists: allauth's MFA authenticators,
which have none ("Authenticators", "Created at", "Last used at"), and its e-mail addresses,
whose Danish is spelt otherwise than the portal's ("emailadresser"); and the wording of two
of Django's own admin strings whose Danish is ungrammatical.

The names are given to the running classes only. Migrations read a model's Meta
(``_meta.original_attrs``) and a field's own arguments, never these attributes, so no
migration of allauth's follows.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

THIRD_PARTY_NAMES = {
    # allauth's own Danish writes "e-mail-adresse" and "emailadresser"; the portal writes
    # "e-mailadresse" throughout.
    EmailAddress: (
        _("e-mail address"),
        _("e-mail addresses"),
        {"user": _("user"), "email": _("e-mail address"), "verified": _("verified")},
    ),
    Authenticator: (
        _("two-factor method"),
        _("two-factor methods"),
        {
            "user": _("user"),
            "type": _("kind"),
            "data": _("details"),
            "created_at": _("created"),
            "last_used_at": _("last used"),
        },
    ),
}

for _model, (_singular, _plural, _fields) in THIRD_PARTY_NAMES.items():
    _model._meta.verbose_name = _singular
    _model._meta.verbose_name_plural = _plural
    for _name, _label in _fields.items():
        _model._meta.get_field(_name).verbose_name = _label


# Django's own Danish says "Tilføj endnu en %(verbose_name)s", wrong for every neuter noun
# ("endnu en Tilbud", "endnu en program"); the portal's catalogue, which comes first, says
# "Tilføj: Tilbud". Named here so that the catalogue keeps the two strings.
DJANGO_ADMIN_WORDING = (
    gettext_noop("Add another %(verbose_name)s"),  # an inline's "add a row" link
    gettext_noop("Add another %(model)s"),  # the "+" beside a related field
)
