"""The navigation's "Dashboard" link: shown to the central parties, coordinators and provider
staff, at no query for the central parties and one for everyone else (the dashboards' own
scope, which a dashboard page has read already)."""

from django import template

from dashboards.permissions import dashboard_scope

register = template.Library()


@register.simple_tag
def may_see_dashboard(user) -> bool:
    return bool(user.is_authenticated) and not dashboard_scope(user).is_empty
