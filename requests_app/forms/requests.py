"""Forms of the request wizard and of the actions on a request (its own aggregate).

The wizard saves a draft at every step; each step is one ModelForm over part of the request.
Completeness is checked when the request is sent (``Request.missing_for_sending``). Every form
strips control characters from what is posted (``CleanTextMixin``), bounds its free text and
accepts only plausible dates (``requests_app.dates``).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Workplace
from accounts.roles import portal_roles
from providers.models import Offering, Provider, Theme
from requests_app.dates import date_refusal
from requests_app.models import Request, Status
from requests_app.permissions import other_side_roles
from requests_app.text import CleanTextMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plausible_date(day, *, planned: bool):
    """``day`` when it lies in the plausible range, else a ValidationError saying why."""
    refusal = day and date_refusal(day, planned=planned)
    if refusal:
        raise forms.ValidationError(refusal)
    return day


class BasicsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Request
        fields = ["title", "workplace", "level", "scope"]
        widgets = {"level": forms.RadioSelect, "scope": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = (
            Workplace.objects.filter(
                memberships__user=user, memberships__confirmed_at__isnull=False
            )
            .distinct()
            .select_related("region", "parent")
        )
        self.fields["level"].required = True
        self.fields["scope"].required = True
        self.fields["level"].choices = Request.Level.choices
        self.fields["scope"].choices = Request.Scope.choices
        if self.instance.pk and self.instance.status != Status.DRAFT:
            # The workplace is fixed once the other party has been asked.
            self.fields["workplace"].disabled = True
        if not self.instance.pk and len(own := portal_roles(user).workplace_roles) == 1:
            (self.initial["workplace"],) = own  # one workplace: nothing to choose


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids no database column can hold before they reach the database, where SQLite
    raises OverflowError (a 500) on a 400-digit id: it reads as any other unknown choice."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else [value]:
            text = str(pk).strip()
            if text.lstrip("-").isdecimal() and not -(2**63) < int(text) < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class ContentForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Request
        field_classes = {"themes": IdsChoiceField}
        fields = [
            "themes",
            "other_theme",
            "other_theme_reason",
            "wishes",
            "target_group",
            "expected_outcome",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "wishes": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "expected_outcome": forms.Textarea(attrs={"rows": 3}),
            "other_theme_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "other_theme": _("Only if the request lies outside the three themes."),
            "expected_outcome": _("Advice must be solution- and action-oriented."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("other_theme", "").strip()
            and not cleaned.get("other_theme_reason", "").strip()
        ):
            self.add_error(
                "other_theme_reason",
                _("Explain why you ask for advice outside the three themes."),
            )
        if not cleaned.get("themes") and not cleaned.get("other_theme", "").strip():
            self.add_error("themes", _("Choose at least one theme."))
        return cleaned


def offerings_of(provider_id):
    """The active offerings of one provider; none for a missing or malformed id."""
    try:
        provider_id = int(provider_id)
    except (TypeError, ValueError):
        return Offering.objects.none()
    if not 0 < provider_id < 2**63:  # beyond any id the database can hold (and a 500 there)
        return Offering.objects.none()
    return Offering.objects.filter(provider_id=provider_id, provider__is_active=True)


class ProviderForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Request
        fields = ["provider", "offering", "wanted_from", "wanted_to"]
        widgets = {"wanted_from": DATE_WIDGET, "wanted_to": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(is_active=True)
        self.fields["provider"].required = True
        # The offerings of the chosen provider only; htmx refreshes them when it changes.
        self.fields["provider"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("requests:offering_options"),
                "hx-target": "#id_offering",
                "hx-trigger": "change",
            }
        )
        provider_id = (
            self.data.get(self.add_prefix("provider"))
            if self.is_bound
            else self.instance.provider_id
        )
        self.fields["offering"].queryset = offerings_of(provider_id)
        self.fields["offering"].label_from_instance = lambda offering: offering.title
        self.fields["offering"].required = False
        if not self.instance.is_editable:
            self.fields["provider"].disabled = True

    def clean_wanted_from(self):
        return plausible_date(self.cleaned_data.get("wanted_from"), planned=True)

    def clean_wanted_to(self):
        day = plausible_date(self.cleaned_data.get("wanted_to"), planned=True)
        if day and day < timezone.localdate() and "wanted_to" in self.changed_data:
            raise forms.ValidationError(
                _("The wished period cannot end before today (%(today)s).")
                % {"today": date_format(timezone.localdate())}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        provider, offering = cleaned.get("provider"), cleaned.get("offering")
        if offering and provider and offering.provider_id != provider.pk:
            self.add_error("offering", _("The offering does not belong to the chosen provider."))
        if provider and "provider" in self.changed_data:
            self._check_capacity(provider)
        start, end = cleaned.get("wanted_from"), cleaned.get("wanted_to")
        if start and end and end < start:
            self.add_error("wanted_to", _("The end date must not be before the start date."))
        elif provider and {"provider", "wanted_to"} & set(self.changed_data):
            self._check_later_period(provider, end)
        return cleaned

    def _check_capacity(self, provider):
        """First come, first served within the frames (issue 18, point 7): a provider with
        nothing left and no later period in which the contract could fall cannot be chosen."""
        from providers.usage import capacity

        figures = capacity().get(provider.pk)
        if figures is not None and figures.refused:
            self.add_error(
                "provider",
                _(
                    "%(provider)s has nothing left in its frame for this period, and the "
                    "programme has no later period the contract could fall in. Choose another "
                    "provider."
                )
                % {"provider": provider.short_name},
            )

    def _check_later_period(self, provider, wanted_to):
        """A provider with nothing left can take a contract only in its later period: not
        when the wished period ends before that period begins."""
        from providers.usage import capacity

        figures = capacity().get(provider.pk)
        if figures is not None and figures.too_early(wanted_to):
            self.add_error("wanted_to", figures.too_early_refusal(provider.short_name))


class AttestationsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Request
        fields = [
            "informed_who",
            "informed_on",
            "attest_not_improvement_notice",
            "attest_not_crisis_help",
            "attest_not_personal_support",
            "attest_beyond_current_effort",
        ]
        widgets = {"informed_who": forms.Textarea(attrs={"rows": 3}), "informed_on": DATE_WIDGET}

    def clean_informed_on(self):
        return plausible_date(self.cleaned_data.get("informed_on"), planned=False)


def _person_label(user) -> str:
    """Name, role and workplace: "Anders Arbejdsmiljø (AMR, Akutmodtagelsen)"."""
    roles = ", ".join(
        f"{membership.get_role_display()}, {membership.workplace}"
        for membership in getattr(user, "roles_here", [])
    )
    name = user.get_full_name() or user.email
    return f"{name} ({roles})" if roles else name


class CounterpartForm(CleanTextMixin, forms.ModelForm):
    """Name the other side: a member of the workplace, the MED committee, or invite one."""

    INVITE = "invite"

    counterpart_choice = forms.ChoiceField(
        label=_("Who is the other party?"),
        widget=forms.RadioSelect,
        choices=[
            (Request.CounterpartKind.PERSON, _("A named person on the other side")),
            (Request.CounterpartKind.MED, _("The local MED committee")),
            (INVITE, _("Invite a person by e-mail")),
        ],
    )
    invite_email = forms.EmailField(label=_("E-mail of the person to invite"), required=False)
    invite_role = forms.ChoiceField(
        label=_("Their role"),
        required=False,
        choices=[("", "---------"), *Membership.Role.choices],
    )

    class Meta:
        model = Request
        fields = ["counterpart"]

    # The question first, then the people to choose from (or whom to invite).
    field_order = ["counterpart_choice", "counterpart", "invite_email", "invite_role"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        request = self.instance
        other_side = self._other_side_roles()
        self.fields["counterpart"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__workplace=request.workplace,
                memberships__role__in=other_side,
                memberships__confirmed_at__isnull=False,
            )
            .exclude(pk=user.pk)
            .distinct()
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(
                        workplace=request.workplace, role__in=other_side
                    ).select_related("workplace"),
                    to_attr="roles_here",
                )
            )
        )
        self.fields["counterpart"].required = False
        self.fields["counterpart"].label = _("The other party")
        self.fields["counterpart"].label_from_instance = _person_label
        if request.counterpart_kind:
            self.initial.setdefault("counterpart_choice", request.counterpart_kind)

    def _other_side_roles(self) -> list[str]:
        return other_side_roles(self.user, self.instance.workplace_id)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("counterpart_choice")
        if choice == Request.CounterpartKind.PERSON and not cleaned.get("counterpart"):
            self.add_error("counterpart", _("Choose the person on the other side."))
        if choice == self.INVITE:
            email = cleaned.get("invite_email", "")
            role = cleaned.get("invite_role")
            existing = get_user_model().objects.filter(email=email.lower()).first()
            if "invite_email" in self.errors:
                pass  # not an e-mail address: the field's own error says so
            elif not email:
                self.add_error("invite_email", _("Write the e-mail address to invite."))
            elif email.lower() == self.user.email:
                self.add_error("invite_email", _("You cannot be your own other party."))
            elif (
                existing is not None
                and not Membership.objects.filter(
                    user=existing, workplace=self.instance.workplace
                ).exists()
            ):
                self.add_error(
                    "invite_email",
                    _(
                        "This person already has an account but is not a member of this "
                        "workplace. Ask the central parties to add them."
                    ),
                )
            if not role:
                self.add_error("invite_role", _("Choose the invited person's role."))
            elif role not in self._other_side_roles():
                self.add_error(
                    "invite_role", _("The invited person must sit on the other side than you.")
                )
        return cleaned
