"""Forms that span several apps."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import CentralPartyMember, Membership, Region, Workplace
from providers.models import Provider


class InviteForm(forms.Form):
    """Create a user with one role; the user sets a password from the e-mailed link."""

    ROLE_CHOICES = [
        *Membership.Role.choices,
        ("coordinator", _("Regional coordinator")),
        ("provider", _("Provider staff")),
        ("central", _("Central party")),
    ]

    email = forms.EmailField(label=_("E-mail address"))
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

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if self.inviter is not None and self.inviter.email.lower() == email:
            # Four eyes: a role is always granted by somebody else.
            raise forms.ValidationError(_("You cannot invite yourself to a role."))
        user = get_user_model().objects.filter(email=email).first()
        if user is not None and getattr(user, "central_party", None) is not None:
            raise forms.ValidationError(_("This user is already a central-party user."))
        return email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        field = self.REQUIRED_FOR_ROLE.get(role)
        if field and not cleaned.get(field):
            self.add_error(field, _("Choose one for this role."))
        return cleaned
