"""An iCalendar file (RFC 5545) with a concluded contract's activities, as all-day events.

The ``icalendar`` library escapes commas, semicolons, backslashes and line breaks (a bare CR
included) and folds lines at 75 octets; text written before the forms stripped control
characters is stripped here too.
"""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from requests_app.text import strip_controls


def contract_ics(contract, *, host: str) -> str:
    version = contract.accepted  # an amendment counts once both sides accept it
    request = contract.request
    stamp = timezone.now().replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Psykisk arbejdsmiljo//Ekspertraadgivning//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for activity in version.activities.all():
        event = Event()
        event.add("uid", f"contract-{contract.pk}-activity-{activity.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", activity.starts_on)
        event.add("dtend", (activity.ends_on or activity.starts_on) + timedelta(days=1))
        event.add(
            "summary",
            strip_controls(f"{activity.description} ({request.provider.short_name})"),
        )
        if activity.place:
            event.add("location", strip_controls(activity.place))
        event.add("description", strip_controls(request.title))
        calendar.add_component(event)
    return calendar.to_ical().decode()
