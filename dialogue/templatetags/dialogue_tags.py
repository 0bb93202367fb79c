"""A message as the page shows it: plain text, every character escaped first, then its web
addresses made links (``rel="noopener nofollow"``, a new tab) and its line breaks kept."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# An address is http(s):// up to white space or an escaped quote or bracket (the text is
# escaped before it is searched, so it holds no raw < > " or ').
_URL = re.compile(r"https?://(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s<>\"'])+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address.
_TRAILING = ".,;:!?)]"


def _link(match) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    if not url:
        return match.group(0)
    return f'<a href="{url}" rel="noopener nofollow" target="_blank">{url}</a>{tail}'


@register.filter
def message_text(value) -> str:
    escaped = escape(str(value or ""))
    linked = _URL.sub(_link, escaped)
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308 - escaped above
