"""The admin's change history in the page's language.

Django stores a change's field names as the form's labels, capitalised and untranslated
("Starts on"), and translates them when the history is shown; the catalogue holds the model's
verbose names as they are written ("starts on"), so the Danish history said "Ændrede Starts
on" (QA). ``change_message`` looks a capitalised name up under its verbose name too.
"""

import json

from django import template
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext

register = template.Library()


def _msgid(name: str) -> str:
    """``name``, or its verbose name with a lower-case first letter where only that is in
    the catalogue."""
    lowered = name[:1].lower() + name[1:]
    if gettext(name) == name and gettext(lowered) != lowered:
        return lowered
    return name


@register.filter
def change_message(entry: LogEntry) -> str:
    try:
        parts = json.loads(entry.change_message)
    except json.JSONDecodeError:
        return entry.get_change_message()
    if not isinstance(parts, list):
        return entry.get_change_message()
    for part in parts:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [_msgid(str(name)) for name in changed["fields"]]
    return LogEntry(change_message=json.dumps(parts)).get_change_message()
