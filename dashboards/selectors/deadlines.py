"""Deadline performance per provider, and what is overdue now.

The offer's two deadlines count from the day a request reached the provider: dialogue taken
up within 7 days, the contract concluded within 28 (000 Bilag 1). As on the request page
(``Request.sla_facts``) and in ``request_start_dialogue``, a deadline is met on time when it
was met on or before its due day (Copenhagen calendar). A deadline counts once it is
decided: met (on time or late), or missed (past due, not met, while the provider's clock
runs). One still open and not yet due is "pending" and in no share.

"Overdue now" is every open deadline row (``Deadline``) past its due time: dialogue,
contract, delivery and the evaluations, oldest first.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from dashboards.permissions import Scope
from dashboards.selectors.filters import DashboardFilters
from dashboards.selectors.pipeline import scoped_requests
from providers.models import Provider
from requests_app.models import Contract, Deadline, Status

# A request that reached a provider: the deadline table's "Requests received" count these (and
# the lists' ``reached=1``); the deadlines run from that day.
REACHED = Q(reached_provider_at__isnull=False, provider__isnull=False)
# A request whose contract is being drafted (the lists' ``status=contract_draft``).
CONTRACT_DRAFTING = Q(contract__state=Contract.State.DRAFT)
# Decided deadlines: the clock stops when the provider declines or the workplace withdraws.
CLOCK_STOPPED = [Status.DECLINED, Status.WITHDRAWN]
OVERDUE_SHOWN = 20


def _share(on_time: int, decided: int) -> Decimal | None:
    if not decided:
        return None
    return (Decimal(on_time) * 100 / decided).quantize(Decimal("0.1"))


@dataclass
class ProviderSla:
    provider: Provider
    reached: int
    dialogue_on_time: int
    dialogue_late: int
    contract_on_time: int
    contract_late: int
    overdue: int
    # The provider's inbox figures (``with_inbox``): overdue by kind, contracts in drafting.
    overdue_dialogue: int = 0
    overdue_contract: int = 0
    drafting: int = 0

    @property
    def dialogue_decided(self) -> int:
        return self.dialogue_on_time + self.dialogue_late

    @property
    def contract_decided(self) -> int:
        return self.contract_on_time + self.contract_late

    @property
    def dialogue_share(self) -> Decimal | None:
        return _share(self.dialogue_on_time, self.dialogue_decided)

    @property
    def contract_share(self) -> Decimal | None:
        return _share(self.contract_on_time, self.contract_decided)


def open_overdue_q(now=None, prefix: str = "") -> Q:
    """Deadlines still open and past due (``prefix`` reaches them from the request)."""
    now = now or timezone.now()
    p = prefix
    return Q(
        **{f"{p}met_at__isnull": True, f"{p}cancelled_at__isnull": True, f"{p}due_at__lt": now}
    )


def overdue_requests_q(now=None, kind: str | None = None) -> Q:
    """Requests with an open deadline past due (of ``kind`` only, when given): the lists'
    ``overdue=1`` (``overdue=dialogue``, ``overdue=contract``)."""
    deadlines = Deadline.objects.filter(open_overdue_q(now))
    if kind:
        deadlines = deadlines.filter(kind=kind)
    # ``IN`` over the few overdue deadlines, not ``EXISTS`` per request: PostgreSQL hashes
    # the subquery once (a counted filter otherwise probes the deadlines once per request).
    return Q(pk__in=deadlines.values("request_id"))


# The Copenhagen days the two deadlines are judged by (annotations on the requests).
SLA_DAYS = {
    "d_due": TruncDate("dialogue_due"),
    "c_due": TruncDate("contract_due"),
    "concluded_on": TruncDate("contract__concluded_at"),
}
SLA_OUTCOMES = ("dialogue_on_time", "dialogue_late", "contract_on_time", "contract_late")


def sla_outcome_q(outcome: str, today) -> Q:
    """A decided deadline's outcome (one of ``SLA_OUTCOMES``) over requests annotated with
    ``SLA_DAYS``: the shares count these, and the lists filter by them (``sla=…``)."""
    running = ~Q(status__in=CLOCK_STOPPED)
    return {
        "dialogue_on_time": Q(
            dialogue_started_on__isnull=False, dialogue_started_on__lte=F("d_due")
        ),
        "dialogue_late": Q(dialogue_started_on__isnull=False, dialogue_started_on__gt=F("d_due"))
        | (Q(dialogue_started_on__isnull=True, d_due__lt=today) & running),
        "contract_on_time": Q(concluded_on__isnull=False, concluded_on__lte=F("c_due")),
        "contract_late": Q(concluded_on__isnull=False, concluded_on__gt=F("c_due"))
        | (Q(concluded_on__isnull=True, c_due__lt=today) & running),
    }[outcome]


def inbox_counts(now) -> dict:
    """The provider dashboard's inbox figures, counted in the same query as the shares."""
    return {
        "overdue_dialogue": Count("pk", filter=overdue_requests_q(now, Deadline.Kind.DIALOGUE)),
        "overdue_contract": Count("pk", filter=overdue_requests_q(now, Deadline.Kind.CONTRACT)),
        "drafting": Count("pk", filter=CONTRACT_DRAFTING),
    }


def sla_by_provider(
    user, filters: DashboardFilters, *, scope: Scope | None = None, now=None, with_inbox=False
) -> list[ProviderSla]:
    """Per provider with a request in view: counts and on-time shares, in one query (with
    the inbox figures too when asked)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    requests = scoped_requests(user, filters, scope=scope).filter(REACHED)
    rows = (
        requests.order_by()
        .annotate(**SLA_DAYS)
        .values("provider", "provider__slug", "provider__short_name", "provider__position")
        .annotate(
            reached=Count("pk"),
            **{
                outcome: Count("pk", filter=sla_outcome_q(outcome, today))
                for outcome in SLA_OUTCOMES
            },
            overdue=Count("pk", filter=overdue_requests_q(now)),
            **(inbox_counts(now) if with_inbox else {}),
        )
    )
    result = []
    for row in sorted(rows, key=lambda r: (r["provider__position"], r["provider__short_name"])):
        # The provider's name and slug come with the counts; no second query.
        provider = Provider(
            pk=row.pop("provider"),
            slug=row.pop("provider__slug"),
            short_name=row.pop("provider__short_name"),
            position=row.pop("provider__position"),
        )
        result.append(ProviderSla(provider=provider, **row))
    return result


def overdue_deadlines(
    user, filters: DashboardFilters, *, scope: Scope | None = None, now=None, limit=OVERDUE_SHOWN
) -> list[Deadline]:
    """The open deadlines past due, oldest first (the first ``limit``), one query."""
    now = now or timezone.now()
    requests = scoped_requests(user, filters, scope=scope)
    return list(
        Deadline.objects.filter(open_overdue_q(now), request__in=requests.values("pk"))
        .select_related(
            "request__workplace__region", "request__workplace__parent", "request__provider"
        )
        .order_by("due_at", "pk")[:limit]
    )


def overdue_count(sla_rows: list[ProviderSla]) -> int:
    return sum(row.overdue for row in sla_rows)
