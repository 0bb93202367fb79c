"""Deadline badges: met (on its date, on time or late), open (days left), missed (days over)
or lapsed — the states of ``selectors.request_page.deadline_line``, in Copenhagen calendar
days, the same on the request page and in the provider's inbox."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from requests_app.selectors.request_page import LAPSED, MET, MISSED, deadline_line
from requests_app.views.actions import REFUSED_FORM

register = template.Library()


@register.simple_tag
def deadline_badge(line):
    """The badge of one ``DeadlineLine``."""
    if line.state == MET:
        when = date_format(line.met_on, "SHORT_DATE_FORMAT")
        if line.days:
            text = ngettext(
                "met %(date)s, %(days)d day late", "met %(date)s, %(days)d days late", line.days
            ) % {"date": when, "days": line.days}
            return format_html('<span class="badge text-bg-warning">{}</span>', text)
        text = _("met on %(date)s") % {"date": when}
        return format_html('<span class="badge text-bg-success">{}</span>', text)
    if line.state == LAPSED:
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("lapsed"))
    if line.state == MISSED:
        text = ngettext("%(days)d day overdue", "%(days)d days overdue", line.days) % {
            "days": line.days
        }
        return format_html('<span class="badge text-bg-danger overdue">{}</span>', text)
    if line.days == 0:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("due today"))
    text = ngettext("%(days)d day left", "%(days)d days left", line.days) % {"days": line.days}
    return format_html('<span class="badge text-bg-info">{}</span>', text)


@register.simple_tag
def due_badge(due, met_on=None, lapsed=False):
    """The badge for a deadline given by its due time and the date it was met, if it was."""
    if due is None:
        return ""
    return deadline_badge(deadline_line("", "", due, met_on, lapsed=lapsed))


@register.simple_tag
def contract_pdf_name(request_pk, number):
    """The name a version's PDF downloads under (``views.contracts.contract_pdf``)."""
    return f"kontrakt-{request_pk}-v{number}.pdf"


@register.simple_tag(takes_context=True)
def refused_form(context):
    """The form a refused action held (``views.actions.remember_refused``), once, as JSON
    for ``static/js/portal.js``; nothing when there is none."""
    session = getattr(context.get("request"), "session", None)
    if session is None or REFUSED_FORM not in session:
        return ""
    return json_script(session.pop(REFUSED_FORM), "refused-form")
