"""Which provider can take a request now (issue 18, point 7): per provider, the share of the
current period's frame already committed or paid, the median days from a request reaching it
to the first contact and to a concluded contract over the last 12 months, and the requests in
progress.

Everything is computed in the database (the ledger's sums, the medians by a window function
that returns only the middle rows, counts grouped by provider) in a fixed number of queries,
and cached for ``CACHE_SECONDS``; the pages say when the figures were computed. The catalogue
(providers, the ground floor) and the wizard (requests_app) read them through
``providers.usage.capacity``, which this app registers in ``DialogueConfig.ready``.

When nothing remains in the current frame, the provider can be chosen only if its programme
has a later period with room in which the contract could fall; otherwise not at all.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Count, DurationField, ExpressionWrapper, F, Value, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from providers.models import BudgetFrame, Provider
from requests_app.models import Request, Status
from requests_app.selectors import ledger
from requests_app.selectors.start_page import current_period

CACHE_KEY = "dialogue:capacity:v2"  # v2: with the later period's first day
CACHE_SECONDS = 300
IN_PROGRESS = [Status.AT_PROVIDER, Status.DIALOGUE, Status.CONTRACTED]
GOOD, LIMITED, FULL = "good", "limited", "full"
LEVELS = {GOOD: _("plenty of room"), LIMITED: _("limited"), FULL: _("fully committed")}
# From this share on, the bar says "limited" even when more than the threshold remains.
LIMITED_FROM_PERCENT = 75


@dataclass
class Capacity:
    provider_id: int
    period_name: str | None = None
    amount: Decimal | None = None
    used: Decimal | None = None
    remaining: Decimal | None = None
    percent: int = 0
    median_to_contact: Decimal | None = None
    median_to_contract: Decimal | None = None
    in_progress: int = 0
    later_period_name: str | None = None
    later_period_starts_on: datetime.date | None = None
    computed_at: datetime.datetime | None = None

    @property
    def threshold(self) -> Decimal:
        return Decimal(settings.CAPACITY_WARNING_DKK)

    @property
    def level(self) -> str | None:
        if self.remaining is None:
            return None
        if self.remaining <= 0:
            return FULL
        if self.remaining < self.threshold or self.percent >= LIMITED_FROM_PERCENT:
            return LIMITED
        return GOOD

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, ""))

    @property
    def bar_percent(self) -> int:
        return max(0, min(self.percent, 100))

    @property
    def below_threshold(self) -> bool:
        return self.remaining is not None and 0 < self.remaining < self.threshold

    @property
    def nothing_left(self) -> bool:
        return self.remaining is not None and self.remaining <= 0

    @property
    def refused(self) -> bool:
        """Nothing left now and no later period to fall in: the provider cannot be chosen."""
        return self.nothing_left and self.later_period_name is None

    def too_early(self, wanted_to: datetime.date | None) -> bool:
        """Nothing left now, and the wished period ends before the later period in which a
        contract could fall begins: the contract could not fall within the wishes."""
        return bool(
            self.nothing_left
            and self.later_period_starts_on is not None
            and wanted_to is not None
            and wanted_to < self.later_period_starts_on
        )

    def too_early_refusal(self, provider_name: str) -> str:
        """What the person whose wishes end ``too_early`` is told (the wizard and sending)."""
        return gettext(
            "%(provider)s has nothing left in this period's frame: a contract can first fall "
            "in the later period %(period)s, from %(day)s, after the wished period ends. "
            "Choose another provider, or wish for dates that reach into %(period)s."
        ) % {
            "provider": provider_name,
            "period": self.later_period_name,
            "day": date_format(self.later_period_starts_on, "SHORT_DATE_FORMAT"),
        }

    def refusal(self, provider_name: str) -> str:
        """What the person choosing a ``refused`` provider is told (the wizard's words)."""
        return gettext(
            "%(provider)s has nothing left in its frame for this period, and the programme "
            "has no later period the contract could fall in. Choose another provider."
        ) % {"provider": provider_name}


def _middle_rows(requests, which: str, met_on):
    """Per provider, the middle one or two rows of the days from reaching it to ``met_on``."""
    days = ExpressionWrapper(
        F("met_on") - TruncDate("reached_provider_at"), output_field=DurationField()
    )
    ranked = (
        requests.order_by()
        .annotate(met_on=met_on)
        .filter(met_on__isnull=False)
        .annotate(
            days=days,
            position=Window(
                RowNumber(), partition_by=[F("provider_id")], order_by=[days.asc(), F("pk").asc()]
            ),
            total=Window(Count("pk"), partition_by=[F("provider_id")]),
            which=Value(which, output_field=CharField()),
        )
    )
    return ranked.filter(
        position__gte=(F("total") + 1) / 2, position__lte=F("total") / 2 + 1
    ).values_list("provider_id", "which", "days", "total")


def _median(days: list, total: int) -> Decimal | None:
    if not days:
        return None
    middle = sorted(value.days for value in days)
    if total % 2:
        return Decimal(middle[0])
    return (Decimal(sum(middle[:2])) / 2).quantize(Decimal("0.1"))


def medians(*, since) -> dict[tuple[int, str], Decimal | None]:
    """(provider id, "contact" | "contract") -> median days, over requests reaching the
    provider since ``since``: one query."""
    requests = Request.objects.filter(
        reached_provider_at__isnull=False, reached_provider_at__gte=since
    )
    rows = list(
        _middle_rows(requests, "contact", F("dialogue_started_on")).union(
            _middle_rows(requests, "contract", TruncDate("contract__concluded_at")), all=True
        )
    )
    grouped: dict[tuple[int, str], tuple[list, int]] = {}
    for provider_id, which, days, total in rows:
        values, _total = grouped.setdefault((provider_id, which), ([], total))
        values.append(days)
    return {key: _median(values, total) for key, (values, total) in grouped.items()}


def compute(*, frames_only: bool = False) -> dict[int, Capacity]:
    """Every active provider's figures, now, in a fixed number of queries (``frames_only``:
    only what the frames hold, in three)."""
    now = timezone.now()
    result = {
        pk: Capacity(provider_id=pk, computed_at=now)
        for pk in Provider.objects.filter(is_active=True).values_list("pk", flat=True)
    }
    period = current_period()
    if period is not None:
        frames = BudgetFrame.objects.select_related("period", "provider").filter(
            period__programme_id=period.programme_id, period__starts_on__gte=period.starts_on
        )
        for row in ledger.ledger(frames.order_by("period__starts_on", "pk")):
            capacity = result.get(row.frame.provider_id)
            if capacity is None:
                continue
            if row.frame.period_id == period.pk:
                capacity.period_name = str(row.frame.period.name)
                capacity.amount, capacity.used = row.amount, row.used
                capacity.remaining, capacity.percent = row.remaining, row.percent_used
            elif row.remaining > 0 and capacity.later_period_name is None:
                capacity.later_period_name = str(row.frame.period.name)
                capacity.later_period_starts_on = row.frame.period.starts_on
    if frames_only:
        return result
    for key, value in medians(since=now - datetime.timedelta(days=365)).items():
        capacity = result.get(key[0])
        if capacity is not None:
            setattr(capacity, f"median_to_{key[1]}", value)
    counts = (
        Request.objects.filter(status__in=IN_PROGRESS)
        .values("provider_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counts:
        if row["provider_id"] in result:
            result[row["provider_id"]].in_progress = row["n"]
    return result


def capacity(*, fresh: bool = False) -> dict[int, Capacity]:
    """The figures, at most ``CACHE_SECONDS`` old; ``fresh``: the frames' figures now (sending
    a request checks its provider against them, the cache may be behind)."""
    if fresh:
        return compute(frames_only=True)
    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = compute()
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached
