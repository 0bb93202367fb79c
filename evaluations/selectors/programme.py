"""The programme's final evaluation (001 section 7): everything the report page and its PDF
combine, read in a fixed number of queries.

    response rates and averages   ``selectors.overview.summarise`` over the programme's rounds
                                  (a round belongs to it by its request's delivery date)
    deadline performance          per provider, of the requests that reached it within the
                                  programme: dialogue taken up within its 7 days and the
                                  contract concluded within its 28 days (the request's
                                  ``dialogue_due`` and ``contract_due``), as on-time shares
                                  of the decided ones; a deadline still running is undecided,
                                  one passed without the step counts as late unless the
                                  provider declined or the workplace withdrew; and the
                                  request's delivery, immediate-evaluation and follow-up
                                  deadlines (``Deadline`` rows): met by their due time, or
                                  late (met after it, or still open past it); a cancelled
                                  one (a declined request, a moved deadline) is not counted
    the main committees' texts    ``ProgrammeExperience`` per region, every region listed
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Region
from evaluations.models import ProgrammeExperience
from evaluations.selectors.overview import Summary, rounds_in_view, summarise
from providers.models import Programme, Provider
from requests_app.models import Deadline, Request, Status

CLOCK_STOPPED = [Status.DECLINED, Status.WITHDRAWN]


def _share(on_time: int, decided: int) -> Decimal | None:
    if not decided:
        return None
    return (Decimal(on_time) * 100 / decided).quantize(Decimal("0.1"))


LATER_KINDS = (Deadline.Kind.DELIVERY, Deadline.Kind.EVALUATION, Deadline.Kind.FOLLOW_UP)


@dataclass
class LaterLine:
    label: str
    on_time: int
    late: int
    share: Decimal | None


@dataclass
class DeadlineRow:
    provider: Provider
    reached: int
    dialogue_on_time: int
    dialogue_late: int
    contract_on_time: int
    contract_late: int
    delivery_on_time: int = 0
    delivery_late: int = 0
    evaluation_on_time: int = 0
    evaluation_late: int = 0
    follow_up_on_time: int = 0
    follow_up_late: int = 0

    @property
    def dialogue_share(self) -> Decimal | None:
        return _share(self.dialogue_on_time, self.dialogue_on_time + self.dialogue_late)

    @property
    def contract_share(self) -> Decimal | None:
        return _share(self.contract_on_time, self.contract_on_time + self.contract_late)

    @property
    def delivery_share(self) -> Decimal | None:
        return _share(self.delivery_on_time, self.delivery_on_time + self.delivery_late)

    @property
    def evaluation_share(self) -> Decimal | None:
        return _share(self.evaluation_on_time, self.evaluation_on_time + self.evaluation_late)

    @property
    def follow_up_share(self) -> Decimal | None:
        return _share(self.follow_up_on_time, self.follow_up_on_time + self.follow_up_late)

    @property
    def later(self) -> list[LaterLine]:
        """The delivery and evaluation deadlines, one line each (a table that fits A4)."""
        return [
            LaterLine(
                label=Deadline.Kind(kind).label,
                on_time=getattr(self, f"{kind}_on_time"),
                late=getattr(self, f"{kind}_late"),
                share=getattr(self, f"{kind}_share"),
            )
            for kind in LATER_KINDS
        ]


def _later_deadlines(programme: Programme, now) -> dict:
    """{provider pk: {"delivery_on_time": n, ...}} from the deadline rows (one query)."""
    rows = (
        Deadline.objects.filter(
            request__reached_provider_at__date__range=(programme.starts_on, programme.ends_on),
            request__provider__isnull=False,
            kind__in=LATER_KINDS,
            cancelled_at__isnull=True,
        )
        .order_by()
        .values("request__provider", "kind")
        .annotate(
            on_time=Count("pk", filter=Q(met_at__isnull=False, met_at__lte=F("due_at"))),
            late=Count(
                "pk",
                filter=Q(met_at__isnull=False, met_at__gt=F("due_at"))
                | Q(met_at__isnull=True, due_at__lt=now),
            ),
        )
    )
    counts: dict = {}
    for row in rows:
        into = counts.setdefault(row["request__provider"], {})
        into[f"{row['kind']}_on_time"] = row["on_time"]
        into[f"{row['kind']}_late"] = row["late"]
    return counts


def deadline_performance(programme: Programme, *, now=None) -> list[DeadlineRow]:
    """Per provider with a request that reached it within the programme (three queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    running = ~Q(status__in=CLOCK_STOPPED)
    rows = (
        Request.objects.filter(
            reached_provider_at__date__range=(programme.starts_on, programme.ends_on),
            provider__isnull=False,
        )
        .order_by()
        .annotate(
            d_due=TruncDate("dialogue_due"),
            c_due=TruncDate("contract_due"),
            concluded_on=TruncDate("contract__concluded_at"),
        )
        .values("provider")
        .annotate(
            reached=Count("pk"),
            dialogue_on_time=Count(
                "pk",
                filter=Q(dialogue_started_on__isnull=False, dialogue_started_on__lte=F("d_due")),
            ),
            dialogue_late=Count(
                "pk",
                filter=Q(dialogue_started_on__isnull=False, dialogue_started_on__gt=F("d_due"))
                | (Q(dialogue_started_on__isnull=True, d_due__lt=today) & running),
            ),
            contract_on_time=Count(
                "pk", filter=Q(concluded_on__isnull=False, concluded_on__lte=F("c_due"))
            ),
            contract_late=Count(
                "pk",
                filter=Q(concluded_on__isnull=False, concluded_on__gt=F("c_due"))
                | (Q(concluded_on__isnull=True, c_due__lt=today) & running),
            ),
        )
    )
    by_provider = {row.pop("provider"): row for row in rows}
    later = _later_deadlines(programme, now)
    providers = Provider.objects.filter(pk__in=list(by_provider)).order_by("position", "short_name")
    return [
        DeadlineRow(provider=provider, **by_provider[provider.pk], **later.get(provider.pk, {}))
        for provider in providers
    ]


@dataclass
class ExperienceLine:
    region: Region
    experience: ProgrammeExperience | None


@dataclass
class ProgrammeReport:
    programme: Programme
    summary: Summary
    deadlines: list  # [DeadlineRow]
    experiences: list  # [ExperienceLine], every region

    @property
    def recorded(self) -> int:
        return sum(1 for line in self.experiences if line.experience is not None)


def experiences_of(programme: Programme) -> list[ExperienceLine]:
    """Every region with its experiences with the programme, if recorded (two queries)."""
    recorded = {
        experience.region_id: experience
        for experience in ProgrammeExperience.objects.filter(programme=programme).select_related(
            "written_by"
        )
    }
    return [
        ExperienceLine(region=region, experience=recorded.get(region.pk))
        for region in Region.objects.order_by("name")
    ]


def programme_report(user, programme: Programme) -> ProgrammeReport:
    return ProgrammeReport(
        programme=programme,
        summary=summarise(rounds_in_view(user, programme=programme)),
        deadlines=deadline_performance(programme),
        experiences=experiences_of(programme),
    )


def programmes():
    """Every programme, newest first (a queryset, to paginate)."""
    return Programme.objects.order_by("-starts_on", "-pk")
