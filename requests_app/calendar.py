"""An iCalendar file (RFC 5545) with a concluded contract's activities, as all-day events."""

from datetime import timedelta

from django.utils import timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def contract_ics(contract, *, host: str) -> str:
    version = contract.accepted  # an amendment counts once both sides accept it
    request = contract.request
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Psykisk arbejdsmiljo//Ekspertraadgivning//DA",
        "CALSCALE:GREGORIAN",
    ]
    for activity in version.activities.all():
        end = (activity.ends_on or activity.starts_on) + timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:contract-{contract.pk}-activity-{activity.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{activity.starts_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_escape(activity.description)} ({_escape(request.provider.short_name)})",
            f"LOCATION:{_escape(activity.place)}",
            f"DESCRIPTION:{_escape(request.title)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
