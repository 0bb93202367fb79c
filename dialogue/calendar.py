"""An accepted meeting as an iCalendar file (RFC 5545), written like the contract's calendar
(``requests_app.calendar``): the ``icalendar`` library escapes and folds, and text typed before
the forms stripped control characters is stripped here too."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from requests_app.text import strip_controls


def meeting_ics(proposal, *, host: str) -> str:
    slot = proposal.accepted_slot
    request = proposal.request
    calendar = Calendar()
    calendar.add("prodid", "-//Psykisk arbejdsmiljo//Ekspertraadgivning//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", f"meeting-{proposal.pk}@{host}")
    event.add("dtstamp", timezone.now().replace(microsecond=0))
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    with translation.override(settings.LANGUAGE_CODE):
        summary = _("Meeting: %(title)s (%(provider)s)") % {
            "title": request.title,
            "provider": request.provider.short_name,
        }
        mode = str(proposal.get_mode_display())
    event.add("summary", strip_controls(summary))
    if proposal.place:
        event.add("location", strip_controls(proposal.place))
    description = [mode, request.workplace.name]
    if proposal.note:
        description.append(proposal.note)
    event.add("description", strip_controls("\n".join(description)))
    calendar.add_component(event)
    return calendar.to_ical().decode()
