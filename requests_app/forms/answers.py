"""The forms of acting on a sent request: a comment (sending it back), a reason (the region
returning it), the provider's decline and its sending the request on to another provider.
(The dialogue is taken up by the provider's first message, proposal or recorded contact:
``dialogue``.)"""

from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import Offering, Provider
from requests_app.models import Request
from requests_app.models.requests import TEXT_MAX_LENGTH
from requests_app.text import CleanTextMixin


class CommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH
    )


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH
    )


class DeclineForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=Request.DeclineReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("reason") == Request.DeclineReason.OTHER
        if other and not cleaned.get("text", "").strip():
            self.add_error("text", _("Explain the reason when you choose “Other”."))
        return cleaned


class RedirectForm(CleanTextMixin, forms.Form):
    provider = forms.ModelChoiceField(label=_("New provider"), queryset=Provider.objects.none())
    offering = forms.ModelChoiceField(
        label=_("Offering (optional)"),
        required=False,
        queryset=Offering.objects.select_related("provider"),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(is_active=True).exclude(
            pk=request.provider_id
        )

    def clean(self):
        cleaned = super().clean()
        provider, offering = cleaned.get("provider"), cleaned.get("offering")
        if offering and provider and offering.provider_id != provider.pk:
            self.add_error("offering", _("The offering does not belong to the chosen provider."))
        return cleaned
