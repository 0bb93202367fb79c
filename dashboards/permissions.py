"""Who sees which dashboard, and which rows every dashboard figure is read from.

The central parties (and superusers) see everything; a regional coordinator sees the
requests of their region(s); provider staff see what reached their provider(s). The pages,
the selectors in ``dashboards.selectors`` and the API use these same predicates and this
same scope, so a figure and the list behind it always count the same rows.
"""

from dataclasses import dataclass

import rules
from django.db.models import Q

from accounts.roles import portal_roles
from accounts.rules import is_central_or_admin, is_coordinator, is_provider_staff
from requests_app.models import Status

may_view_central_dashboard = is_central_or_admin
may_view_region_dashboard = is_coordinator
may_view_provider_dashboard = is_provider_staff
may_view_dashboards = is_central_or_admin | is_coordinator | is_provider_staff
# The pages ask the scope below instead (one query for both roles); a test keeps the two in
# step: ``tests/dashboards/test_pages.py``.

rules.add_perm("dashboards.view_central", may_view_central_dashboard)
rules.add_perm("dashboards.view_region", may_view_region_dashboard)
rules.add_perm("dashboards.view_provider", may_view_provider_dashboard)
rules.add_perm("dashboards.view", may_view_dashboards)


@dataclass(frozen=True)
class Scope:
    """What one user's dashboards are read from."""

    everything: bool
    region_ids: frozenset
    provider_ids: frozenset

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.region_ids or self.provider_ids)

    def requests_q(self, prefix: str = "") -> Q:
        """The requests a figure may count: never drafts; for a coordinator their regions'
        requests, for provider staff those that reached their provider."""
        p = prefix
        q = ~Q(**{f"{p}status": Status.DRAFT})
        if self.everything:
            return q
        seen = Q(pk__in=[])
        if self.region_ids:
            seen |= Q(**{f"{p}workplace__region_id__in": sorted(self.region_ids)})
        if self.provider_ids:
            seen |= Q(
                **{
                    f"{p}provider_id__in": sorted(self.provider_ids),
                    f"{p}reached_provider_at__isnull": False,
                }
            )
        return q & seen

    def sent_q(self, prefix: str) -> Q:
        """Contracts and invoices (``prefix`` reaches their request): made only on requests
        that were sent, so the central parties' need no filter, and their lists and counts
        read the contracts' or invoices' own indexes instead of joining every request."""
        if self.everything:
            return Q()
        return self.requests_q(prefix)

    @property
    def sees_whole_frames(self) -> bool:
        """The central parties and provider staff follow whole frames; a coordinator only
        the part their region's workplaces use."""
        return self.everything or bool(self.provider_ids)

    def frames_q(self) -> Q:
        if self.everything or not self.provider_ids:
            return Q()
        return Q(provider_id__in=sorted(self.provider_ids))

    @property
    def _own_regions(self) -> frozenset | None:
        """The regions a coordinator is held to, or None when every region is open."""
        if self.everything or self.provider_ids or not self.region_ids:
            return None
        return self.region_ids

    @property
    def _own_providers(self) -> frozenset | None:
        """The providers a staff member is held to, or None when every provider is open."""
        if self.everything or self.region_ids or not self.provider_ids:
            return None
        return self.provider_ids

    def offered_regions(self, regions: list) -> list:
        """The regions a filter or a per-region table offers: a coordinator only their own."""
        own = self._own_regions
        return regions if own is None else [region for region in regions if region.pk in own]

    def offered_providers(self, providers: list) -> list:
        """The providers a filter or a per-provider table offers: provider staff only their
        own (a coordinator sees every provider's part in their region)."""
        own = self._own_providers
        return providers if own is None else [p for p in providers if p.pk in own]

    def offered_regions_of(self, regions):
        """``offered_regions`` for a queryset (a list filter's choices; no query of its own)."""
        own = self._own_regions
        return regions if own is None else regions.filter(pk__in=sorted(own))

    def offered_providers_of(self, providers):
        own = self._own_providers
        return providers if own is None else providers.filter(pk__in=sorted(own))

    def allows_region(self, region) -> bool:
        return self.everything or region.pk in self.region_ids or bool(self.provider_ids)

    def allows_provider(self, provider) -> bool:
        return self.everything or provider.pk in self.provider_ids or bool(self.region_ids)


_CACHE = "_dashboard_scope"


def dashboard_scope(user) -> Scope:
    """The user's scope, read once per request from the user's roles (no query of its own)."""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope(False, frozenset(), frozenset())
    else:
        # The user's roles, read once per HTTP request (the MFA check has read them); they
        # fill ``user.central_party`` too, so asking for the central parties reads nothing.
        roles = portal_roles(user)
        if is_central_or_admin(user):
            scope = Scope(True, frozenset(), frozenset())
        else:
            scope = Scope(False, roles.region_ids, roles.provider_ids)
    setattr(user, _CACHE, scope)
    return scope


def region_scope(user) -> Scope:
    """The region dashboard: the coordinator's regions only, even for one who also works
    for a provider."""
    scope = dashboard_scope(user)
    return Scope(False, scope.region_ids, frozenset())


def provider_scope(user) -> Scope:
    """The provider dashboard: the staff member's providers only."""
    scope = dashboard_scope(user)
    return Scope(False, frozenset(), scope.provider_ids)
