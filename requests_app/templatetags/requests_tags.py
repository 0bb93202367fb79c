"""Due-date badges: days left, due today, or days overdue, in Copenhagen calendar days."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def due_badge(due, met_on=None):
    """A badge for a deadline; ``met_on`` (a date) marks it met, on time or late."""
    if due is None:
        return ""
    due_date = timezone.localdate(due)
    if met_on is not None:
        late = (met_on - due_date).days
        if late > 0:
            text = ngettext("met %(days)d day late", "met %(days)d days late", late) % {
                "days": late
            }
            return format_html('<span class="badge text-bg-warning">{}</span>', text)
        return format_html('<span class="badge text-bg-success">{}</span>', _("met on time"))
    left = (due_date - timezone.localdate()).days
    if left < 0:
        text = ngettext("%(days)d day overdue", "%(days)d days overdue", -left) % {"days": -left}
        return format_html('<span class="badge text-bg-danger overdue">{}</span>', text)
    if left == 0:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("due today"))
    text = ngettext("%(days)d day left", "%(days)d days left", left) % {"days": left}
    return format_html('<span class="badge text-bg-info">{}</span>', text)
