"""The dialogue's forms: a message, a meeting proposal, an answer to one, a recorded contact.

Limits are checked here for the page and again by the services as the last word.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue.models import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    MeetingProposal,
)
from requests_app.text import CleanTextMixin


class MessageForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before you send it.")},
    )


class ProposalForm(CleanTextMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("Form"),
        choices=MeetingProposal.Mode.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    place = forms.CharField(
        label=_("Address, phone number or link"), required=False, max_length=PLACE_MAX_LENGTH
    )
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=480, initial=60
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    SLOTS = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, self.SLOTS + 1):
            self.fields[f"day_{number}"] = forms.DateField(
                label=_("Date %(number)s") % {"number": number},
                required=number == 1,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"time_{number}"] = forms.TimeField(
                label=_("Time %(number)s") % {"number": number},
                required=number == 1,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )

    def slot_fields(self):
        return [
            (self[f"day_{number}"], self[f"time_{number}"]) for number in range(1, self.SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        slots = []
        for number in range(1, self.SLOTS + 1):
            day, time = data.get(f"day_{number}"), data.get(f"time_{number}")
            if bool(day) != bool(time):
                raise forms.ValidationError(
                    _("Give both a date and a time for time %(number)s.") % {"number": number}
                )
            if day and time:
                start = timezone.make_aware(datetime.datetime.combine(day, time))
                slots.append((start, data.get("minutes") or 60))
        data["slots"] = slots
        return data


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=_("Why, or which times suit you"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactForm(CleanTextMixin, forms.Form):
    happened_on = forms.DateField(
        label=_("Date of the contact"), widget=forms.DateInput(attrs={"type": "date"})
    )
    participants = forms.CharField(label=_("Who took part"), max_length=PLACE_MAX_LENGTH)
    note = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
