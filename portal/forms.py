"""Forms that span several apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import CentralPartyMember, Membership, Region, User, Workplace
from accounts.services import invite_refusal
from providers.models import Provider

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class InviteForm(forms.Form):
    """Create a user with one role; the user sets a password from the e-mailed link."""

    ROLE_CHOICES = [
        *Membership.Role.choices,
        ("coordinator", _("Regional coordinator")),
        ("provider", _("Provider staff")),
        ("central", _("Central party")),
    ]

    email = forms.EmailField(
        label=_("E-mail address"),
        # As long as the user's own field: a longer one broke the database (a 500).
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "The e-mail address can be at most %(limit_value)d characters long "
                "(it has %(show_value)d)."
            )
        },
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    workplace = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Workplace.objects.select_related("region", "parent"),
        required=False,
        help_text=_("For leaders, AMR, TR and MED members."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("For regional coordinators."),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.all(),
        required=False,
        help_text=_("For provider staff."),
    )
    party = forms.ChoiceField(
        label=_("Central party"),
        choices=[("", "---------"), *CentralPartyMember.Party.choices],
        required=False,
        help_text=_("For central-party users."),
    )

    REQUIRED_FOR_ROLE = {
        "coordinator": "region",
        "provider": "provider",
        "central": "party",
        **dict.fromkeys(Membership.Role.values, "workplace"),
    }

    def __init__(self, *args, inviter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        if not (inviter is not None and inviter.is_superuser):
            # Only a superuser makes someone a central party (``invite_refusal``): the
            # others are not offered the role, nor its field.
            self.fields["role"].choices = [
                choice for choice in self.ROLE_CHOICES if choice[0] != "central"
            ]
            del self.fields["party"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        field = self.REQUIRED_FOR_ROLE.get(role)
        if field and not cleaned.get(field):
            self.add_error(field, _("Choose one for this role."))
        if cleaned.get("email") and role:
            # Who may get which role is the service's rule; the form only shows it.
            refusal = invite_refusal(email=cleaned["email"], role=role, invited_by=self.inviter)
            if refusal:
                self.add_error("email", refusal)
        return cleaned
