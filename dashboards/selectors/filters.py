"""The dashboards' filters: programme, period, region, provider and theme, read from the URL.

One small dataclass that every dashboard figure, list page and API endpoint reads, so the
same query string gives the same numbers everywhere. The parameters are

    programme=<pk>  period=<pk>  region=<Region slug>  provider=<Provider slug>
    theme=<Theme slug>

``from_querydict`` checks them against what exists and answers, beside the filters, a Danish
message per bad parameter (the bad one is left out; the others still apply). Who may see
which region or provider is not checked here: that is ``dashboards.permissions``.

What a filter means for each kind of row (``requests_q``, ``contracts_q``, ``invoices_q``):
a request belongs to a period by the day it reached the provider (one that has not reached
it yet belongs to none); a contract to the period of its frame; an invoice to the period it
is booked in (``Invoice.frame``), as on the budget page.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Region
from providers.models import BudgetPeriod, Programme, Provider, Theme
from requests_app.models import Request

PARAMETERS = ("programme", "period", "region", "provider", "theme")


@dataclass
class FilterChoices:
    """Everything a filter may name, read once (four queries) and reused by the form."""

    programmes: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    themes: list = field(default_factory=list)

    @classmethod
    def load(cls) -> "FilterChoices":
        periods = list(
            BudgetPeriod.objects.select_related("programme").order_by(
                "programme__starts_on", "programme_id", "starts_on"
            )
        )
        # The programmes come with their periods (a programme without periods has nothing
        # a dashboard could show), newest first as on the budget page.
        programmes = {period.programme.pk: period.programme for period in periods}
        return cls(
            programmes=sorted(programmes.values(), key=lambda p: (p.starts_on, p.pk), reverse=True),
            periods=periods,
            regions=list(Region.objects.order_by("name")),
            providers=list(Provider.objects.order_by("position", "short_name")),
            themes=list(Theme.objects.order_by("position", "pk")),
        )


@dataclass(frozen=True)
class DashboardFilters:
    programme: Programme | None = None
    period: BudgetPeriod | None = None
    region: Region | None = None
    provider: Provider | None = None
    theme: Theme | None = None

    @classmethod
    def from_querydict(cls, data, choices: FilterChoices | None = None):
        """``(filters, errors)``: errors maps a parameter to its Danish message."""
        if choices is None and not any((data.get(name) or "").strip() for name in PARAMETERS):
            return cls(), {}  # nothing to check: no need to read what could be named
        choices = choices or FilterChoices.load()
        errors: dict[str, str] = {}
        values = {}

        def pick(name, objects, key, message):
            raw = (data.get(name) or "").strip()
            if not raw:
                return None
            found = {str(key(obj)): obj for obj in objects}.get(raw)
            if found is None:
                errors[name] = message % {"value": raw[:50]}
            return found

        values["programme"] = pick(
            "programme", choices.programmes, lambda o: o.pk, _("There is no programme %(value)s.")
        )
        values["period"] = pick(
            "period", choices.periods, lambda o: o.pk, _("There is no budget period %(value)s.")
        )
        values["region"] = pick(
            "region", choices.regions, lambda o: o.slug, _("There is no region “%(value)s”.")
        )
        values["provider"] = pick(
            "provider",
            choices.providers,
            lambda o: o.slug,
            _("There is no provider “%(value)s”."),
        )
        values["theme"] = pick(
            "theme", choices.themes, lambda o: o.slug, _("There is no theme “%(value)s”.")
        )
        programme, period = values["programme"], values["period"]
        if programme and period and period.programme_id != programme.pk:
            errors["period"] = _("The budget period %(period)s is not part of %(programme)s.") % {
                "period": period.name,
                "programme": programme.name,
            }
            values["period"] = None
        return cls(**values), errors

    def with_defaults(self, *, programme=None) -> "DashboardFilters":
        """The filters with the given programme when neither programme nor period is chosen
        (the dashboards start on the current programme: programmes are never added up)."""
        if self.programme or self.period or programme is None:
            return self
        return DashboardFilters(programme, None, self.region, self.provider, self.theme)

    @property
    def effective_programme(self):
        return self.programme or (self.period.programme if self.period else None)

    def params(self, **extra) -> dict:
        """The filters as URL parameters (pk or slug), with ``extra`` added (None drops one)."""
        params = {
            "programme": self.programme.pk if self.programme else None,
            "period": self.period.pk if self.period else None,
            "region": self.region.slug if self.region else None,
            "provider": self.provider.slug if self.provider else None,
            "theme": self.theme.slug if self.theme else None,
        }
        params.update(extra)
        return {key: value for key, value in params.items() if value not in (None, "")}

    def query(self, **extra) -> str:
        return urlencode(self.params(**extra))

    # --- What the filters mean for each kind of row ---

    def date_range(self):
        """The first and last day the programme or period covers, or None."""
        span = self.period or self.programme
        return (span.starts_on, span.ends_on) if span else None

    def requests_q(self, prefix: str = "") -> Q:
        """Requests (``prefix`` reaches them from another model, e.g. ``"contract__request__"``)."""
        p = prefix
        q = Q()
        span = self.date_range()
        if span:
            q &= Q(**{f"{p}reached_provider_at__date__range": span})
        if self.region:
            q &= Q(**{f"{p}workplace__region": self.region})
        if self.provider:
            q &= Q(**{f"{p}provider": self.provider})
        if self.theme:
            # A subquery, not a join: aggregates over the requests never count a row twice.
            with_theme = Request.themes.through.objects.filter(theme=self.theme)
            q &= Q(**{f"{p}pk__in": with_theme.values("request_id")})
        return q

    @property
    def narrows_requests(self) -> bool:
        """Region and theme pick some of a frame's requests: its figures are then partial."""
        return bool(self.region or self.theme)

    def request_only_q(self, prefix: str = "") -> Q:
        """Region and theme alone (a frame's period and provider already say the rest)."""
        return DashboardFilters(region=self.region, theme=self.theme).requests_q(prefix)

    def frames_q(self, prefix: str = "") -> Q:
        p = prefix
        q = Q()
        if self.programme:
            q &= Q(**{f"{p}period__programme": self.programme})
        if self.period:
            q &= Q(**{f"{p}period": self.period})
        if self.provider:
            q &= Q(**{f"{p}provider": self.provider})
        return q

    def contracts_q(self) -> Q:
        """Contracts: their frame's programme, period and provider; region and theme by
        their request."""
        return self.frames_q("frame__") & self.request_only_q("request__")

    def invoices_q(self) -> Q:
        """Invoices: the frame they are booked in; region and theme by their request."""
        return self.frames_q("frame__") & self.request_only_q("contract__request__")
