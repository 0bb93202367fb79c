"""The navigation's "Dashboard" link: shown to the central parties, coordinators and provider
staff, at no query for the central parties and one for everyone else."""

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.rules import is_central_or_admin

register = template.Library()

_CACHE = "_may_see_dashboard"


@register.simple_tag
def may_see_dashboard(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = bool(is_central_or_admin(user)) or (
            get_user_model()
            .objects.filter(pk=user.pk)
            .filter(Q(coordinator_roles__isnull=False) | Q(provider_roles__isnull=False))
            .exists()
        )
        setattr(user, _CACHE, cached)
    return cached
