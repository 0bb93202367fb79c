"""The dialogue's forms: a message, a meeting proposal, an answer to one, a recorded contact.

Limits are checked here for the page and again by the services as the last word.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from dialogue.models import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    MeetingProposal,
)
from requests_app.text import CleanTextMixin

SAME_TIME = _("Time %(number)s is the same as time %(first)s.")
NO_SUCH_TIME = _(
    "Time %(number)s: %(time)s does not exist on %(day)s: the clocks go forward to summer "
    "time that night. Choose another time."
)


def local_start(day: datetime.date, time: datetime.time) -> datetime.datetime | None:
    """``day`` at ``time`` on the clocks in Copenhagen, or None for a time the clocks skip
    when they go forward to summer time. A time they show twice when they go back (02:00 to
    03:00 on the last Sunday of October) is the first one, in summer time: zoneinfo's reading,
    and a meeting at that hour is rare enough not to ask which."""
    naive = datetime.datetime.combine(day, time)
    start = timezone.make_aware(naive)
    # Through UTC: astimezone() to the zone the time already has would return it unchanged.
    return start if timezone.make_naive(start.astimezone(datetime.UTC)) == naive else None


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
        slots, numbers = [], {}
        for number in range(1, self.SLOTS + 1):
            if f"day_{number}" in self.errors or f"time_{number}" in self.errors:
                continue  # the field's own error says what is wrong with this time
            day, time = data.get(f"day_{number}"), data.get(f"time_{number}")
            if bool(day) != bool(time):
                self.add_error(
                    None,
                    _("Give both a date and a time for time %(number)s.") % {"number": number},
                )
                continue
            if not day:
                continue
            if not datetime.MINYEAR < day.year < datetime.MAXYEAR:
                # The first and last days Python knows cannot be moved to UTC; such a time is
                # long past or far beyond the year a proposal may reach anyway.
                self.add_error(f"day_{number}", _("Choose a date within the coming year."))
                continue
            start = local_start(day, time)
            if start is None:
                self.add_error(
                    None,
                    NO_SUCH_TIME
                    % {"number": number, "day": date_format(day), "time": time_format(time)},
                )
            elif start in numbers:
                self.add_error(None, SAME_TIME % {"number": number, "first": numbers[start]})
            else:
                numbers[start] = number
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


class CancelForm(AnswerForm):
    """Cancelling carries the state the user saw: a meeting accepted since is not cancelled
    from a page that still showed it as proposed (``services.proposal_cancel``)."""

    seen_state = forms.ChoiceField(
        choices=MeetingProposal.State.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The page was out of date. Look at the meeting again below."),
            "invalid_choice": _("The page was out of date. Look at the meeting again below."),
        },
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
