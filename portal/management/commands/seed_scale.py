"""Fill the database with realistic data at scale, for the benchmarks (`make bench`).

    python manage.py seed_scale --requests 100000

Two programmes of its own: the running "Skalaprogram" (one period) and the one before it,
"Skalaprogram 1" (two periods), each with a frame per provider; a few hundred workplaces in
all regions with their local parties, provider staff, coordinators and central users; and
requests in every status in realistic proportions, with their events, deadlines, contracts
(booked in the period of their conclusion), invoices and notifications, and for every
delivery its two evaluation rounds with anonymous responses (``_scale_evaluations``). About a
third of the finished requests (delivered, declined, withdrawn) belong to the earlier
programme. Everything is bulk-inserted (no services, no e-mail): this is data for
measuring pages, not a history anyone lived. Running it again reuses what is there and only
adds requests up to the number asked for.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import (
    CentralPartyMember,
    Membership,
    Notification,
    Region,
    RegionalCoordinator,
    Workplace,
)
from portal.management.commands._scale_evaluations import seed_evaluations
from providers.models import BudgetFrame, BudgetPeriod, Programme, Provider, ProviderStaff, Theme
from requests_app.clock import due_after
from requests_app.models import (
    Action,
    Contract,
    ContractVersion,
    Deadline,
    Invoice,
    Request,
    RequestEvent,
    Status,
)

PROGRAMME = "Skalaprogram"
EARLIER = "Skalaprogram 1"
PREFIX = "Skala"
BATCH = 2000
# How the requests spread over the statuses, roughly as a running programme would have them.
STATUSES = [
    (Status.DRAFT, 10),
    (Status.AWAITING_COUNTERPART, 8),
    (Status.AWAITING_REGION, 4),
    (Status.AT_PROVIDER, 8),
    (Status.DIALOGUE, 15),
    (Status.DECLINED, 5),
    (Status.WITHDRAWN, 5),
    (Status.CONTRACTED, 20),
    (Status.DELIVERED, 25),
]
# Finished requests, of which some belong to the earlier programme.
FINISHED = {Status.DELIVERED, Status.DECLINED, Status.WITHDRAWN}
REACHED = {
    Status.AT_PROVIDER,
    Status.DIALOGUE,
    Status.DECLINED,
    Status.CONTRACTED,
    Status.DELIVERED,
}


class Command(BaseCommand):
    help = "Bulk-insert realistic data at scale for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=100_000)
        parser.add_argument("--workplaces", type=int, default=300)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, requests, workplaces, seed, **options):
        self.random = random.Random(seed)
        with transaction.atomic():
            periods = self._programmes()
            people = self._people(workplaces)
        have = Request.objects.filter(title__startswith=PREFIX).count()
        for start in range(have, requests, BATCH):
            with transaction.atomic():
                if connection.vendor == "postgresql":  # bench data: no wait for the WAL flush
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                self._requests(start, min(BATCH, requests - start), periods, people)
        if connection.vendor == "postgresql" and have < requests:
            # The tables as autovacuum leaves a database in use: fresh statistics (without
            # them the evaluation and theme tables get plans for empty tables) and a
            # visibility map, without which no count can be read from an index alone. VACUUM
            # cannot run in a transaction (a test's): there, the statistics only.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        if have < requests:
            # Bulk inserts send no signals: the dashboards' kept figures are old now.
            from dashboards.cache import bump

            bump()
        self.stdout.write(f"{max(requests, have)} requests at scale ({have} were there).")

    def _programmes(self) -> list[BudgetPeriod]:
        """The programmes' periods, the running programme's first."""
        year = timezone.localdate().year
        span = {
            PROGRAMME: ((year - 1, 4, 1), (year + 2, 3, 31)),
            EARLIER: ((year - 4, 4, 1), (year - 1, 3, 31)),
        }
        periods = [  # (programme, period, starts, ends)
            (PROGRAMME, f"{year - 1}-{year % 100:02d}", *span[PROGRAMME]),
            (EARLIER, f"{year - 4}-{(year - 2) % 100:02d}", (year - 4, 4, 1), (year - 2, 3, 31)),
            (EARLIER, f"{year - 2}-{(year - 1) % 100:02d}", (year - 2, 4, 1), (year - 1, 3, 31)),
        ]
        providers = list(Provider.objects.all())
        made = []
        for name, period_name, starts, ends in periods:
            programme, created = Programme.objects.get_or_create(
                name=name,
                defaults={
                    "starts_on": datetime.date(*span[name][0]),
                    "ends_on": datetime.date(*span[name][1]),
                },
            )
            if created:
                programme.providers.set(providers)
            period, _ = BudgetPeriod.objects.get_or_create(
                programme=programme,
                name=period_name,
                defaults={"starts_on": datetime.date(*starts), "ends_on": datetime.date(*ends)},
            )
            for provider in providers:
                # Sized to hold every generated contract: the frame rule is not what is measured.
                BudgetFrame.objects.get_or_create(
                    period=period, provider=provider, defaults={"amount": Decimal("9000000000.00")}
                )
            made.append(period)
        return made

    def _people(self, count):
        User = get_user_model()
        regions = list(Region.objects.all())
        workplaces = list(Workplace.objects.filter(name__startswith=PREFIX).select_related())
        parents = [w for w in workplaces if w.parent_id is None]
        if not workplaces:
            parents = Workplace.objects.bulk_create(
                Workplace(name=f"{PREFIX} hospital {index}", region=regions[index % len(regions)])
                for index in range(max(count // 10, 1))
            )
            workplaces = Workplace.objects.bulk_create(
                Workplace(
                    name=f"{PREFIX} afsnit {index}",
                    region=parents[index % len(parents)].region,
                    parent=parents[index % len(parents)],
                    # A head count for the dashboards' reach; not drawn from self.random, so
                    # the rest of the generated data stays as it was.
                    employees=20 + (index * 37) % 180,
                )
                for index in range(count)
            )
            users = User.objects.bulk_create(
                User(email=f"skala-{side}-{index}@example.dk", first_name=side.title())
                for index in range(len(workplaces))
                for side in ("leder", "amr")
            )
            Membership.objects.bulk_create(
                Membership(user=user, workplace=workplaces[index // 2], role=role)
                for index, (user, role) in enumerate(
                    (user, "leader" if n % 2 == 0 else "amr") for n, user in enumerate(users)
                )
            )
            staff = User.objects.bulk_create(
                User(email=f"skala-{p.slug}-{n}@example.dk")
                for p in Provider.objects.all()
                for n in range(2)
            )
            ProviderStaff.objects.bulk_create(
                ProviderStaff(user=user, provider=provider)
                for user, provider in zip(
                    staff, [p for p in Provider.objects.all() for _n in range(2)], strict=True
                )
            )
            coordinators = User.objects.bulk_create(
                User(email=f"skala-region-{r.pk}@example.dk") for r in regions
            )
            RegionalCoordinator.objects.bulk_create(
                RegionalCoordinator(user=user, region=region)
                for user, region in zip(coordinators, regions, strict=True)
            )
            central = User.objects.create(email="skala-central@example.dk", is_staff=True)
            CentralPartyMember.objects.create(user=central, party="danske_regioner")
        children = list(Workplace.objects.filter(name__startswith=f"{PREFIX} afsnit"))
        members = {}
        for membership in Membership.objects.filter(workplace__in=children):
            members.setdefault(membership.workplace_id, {})[membership.role] = membership.user_id
        return {
            "workplaces": children,
            "members": members,
            "providers": list(Provider.objects.all()),
            "themes": list(Theme.objects.all()),
        }

    def _status(self):
        return self.random.choices(
            [status for status, _weight in STATUSES],
            weights=[weight for _status, weight in STATUSES],
        )[0]

    def _reached(self, status, now):
        """When the request reached its provider: within the running programme, or for a
        third of the finished ones within the earlier programme."""
        if status in FINISHED and self.random.random() < 0.35:
            return now - datetime.timedelta(days=self.random.randint(640, 1450))
        return now - datetime.timedelta(days=self.random.randint(1, 400))

    def _requests(self, start, count, periods, people):
        now = timezone.now()
        rows = []
        for index in range(start, start + count):
            workplace = self.random.choice(people["workplaces"])
            parties = people["members"][workplace.pk]
            status = self._status()
            reached = self._reached(status, now)
            rows.append(
                Request(
                    title=f"{PREFIX} anmodning {index}",
                    workplace=workplace,
                    initiator_id=parties["leader"],
                    last_editor_id=parties["leader"],
                    counterpart_id=parties["amr"],
                    counterpart_kind=Request.CounterpartKind.PERSON,
                    status=status,
                    level=Request.Level.SINGLE,
                    scope=Request.Scope.OPERATIONAL,
                    wishes="Sparring om forandringer i afsnittet.",
                    target_group="Afsnittets ansatte",
                    expected_outcome="En fælles plan.",
                    provider=self.random.choice(people["providers"]),
                    informed_who="Lokal-MED",
                    informed_on=timezone.localdate(reached),
                    attest_not_improvement_notice=True,
                    attest_not_crisis_help=True,
                    attest_not_personal_support=True,
                    attest_beyond_current_effort=True,
                    reached_provider_at=reached if status in REACHED else None,
                    dialogue_due=due_after(reached, 7),
                    contract_due=due_after(reached, 28),
                )
            )
        requests = Request.objects.bulk_create(rows, batch_size=BATCH)
        through = Request.themes.through
        through.objects.bulk_create(
            through(request_id=r.pk, theme_id=self.random.choice(people["themes"]).pk)
            for r in requests
        )
        self._history(requests, periods, now)

    def _frame(self, frames, periods, provider_id, day):
        """The provider's frame in the period holding ``day`` (the running one otherwise)."""
        for period in periods:
            if period.starts_on <= day <= period.ends_on:
                return frames[(period.pk, provider_id)]
        return frames[(periods[0].pk, provider_id)]

    def _history(self, requests, periods, now):
        frames = {
            (f.period_id, f.provider_id): f for f in BudgetFrame.objects.filter(period__in=periods)
        }
        events, deadlines, notifications = [], [], []
        contracted = [r for r in requests if r.status in {Status.CONTRACTED, Status.DELIVERED}]
        for request in requests:
            events.append(RequestEvent(request=request, action=Action.REQUEST_CREATED))
            if request.status != Status.DRAFT:
                events.append(RequestEvent(request=request, action=Action.REQUEST_SUBMITTED))
            if request.reached_provider_at:
                events.append(RequestEvent(request=request, action=Action.REQUEST_REACHED_PROVIDER))
            if request.status in {Status.AT_PROVIDER, Status.DIALOGUE}:
                for kind, due in (
                    (Deadline.Kind.DIALOGUE, request.dialogue_due),
                    (Deadline.Kind.CONTRACT, request.contract_due),
                ):
                    deadlines.append(
                        Deadline(
                            request=request,
                            kind=kind,
                            due_at=due,
                            remind_at=due - datetime.timedelta(days=2),
                            met_at=now
                            if kind == Deadline.Kind.DIALOGUE and request.status == Status.DIALOGUE
                            else None,
                        )
                    )
            if self.random.random() < 0.1:
                notifications.append(
                    Notification(
                        user_id=request.initiator_id,
                        key=f"skala:{request.pk}",
                        subject=f"Påmindelse: {request.title}",
                        url=request.get_absolute_url(),
                        emailed_at=now,
                    )
                )
        contracts = Contract.objects.bulk_create(
            (
                Contract(
                    request=request,
                    state=Contract.State.CONCLUDED,
                    concluded_at=request.reached_provider_at + datetime.timedelta(days=20),
                    frame=self._frame(
                        frames,
                        periods,
                        request.provider_id,
                        timezone.localdate(
                            request.reached_provider_at + datetime.timedelta(days=20)
                        ),
                    ),
                    reserved_amount=Decimal(self.random.randrange(10_000, 90_000, 500)),
                    delivered_on=timezone.localdate(
                        request.reached_provider_at + datetime.timedelta(days=60)
                    )
                    if request.status == Status.DELIVERED
                    else None,
                )
                for request in contracted
            ),
            batch_size=BATCH,
        )
        ContractVersion.objects.bulk_create(
            (
                ContractVersion(
                    contract=contract,
                    number=1,
                    created_by_id=contract.request.initiator_id,
                    workplace_contact="Leder",
                    provider_contact="Konsulent",
                    wishes_expectations="En plan for forandringen.",
                    task_scope="To workshops.",
                    target_group="Afsnittets ansatte",
                    planned_delivery_on=timezone.localdate(contract.concluded_at),
                    price=contract.reserved_amount,
                    workplace_accepted_by_id=contract.request.initiator_id,
                    workplace_accepted_at=contract.concluded_at,
                    provider_accepted_by_id=contract.request.counterpart_id,
                    provider_accepted_at=contract.concluded_at,
                )
                for contract in contracts
            ),
            batch_size=BATCH,
        )
        states = [Invoice.State.AWAITING_REGION, Invoice.State.AWAITING_PAYMENT, Invoice.State.PAID]
        Invoice.objects.bulk_create(
            (
                Invoice(
                    contract=contract,
                    provider_id=contract.request.provider_id,
                    frame=contract.frame,
                    number=f"S-{contract.pk}",
                    invoice_date=contract.delivered_on,
                    amount=contract.reserved_amount,
                    pdf=f"invoices/{contract.request_id}/skala.pdf",
                    state=self.random.choice(states),
                    submitted_by_id=contract.request.initiator_id,
                    submitted_at=now,
                )
                for contract in contracts
                if contract.delivered_on and self.random.random() < 0.6
            ),
            batch_size=BATCH,
        )
        RequestEvent.objects.bulk_create(events, batch_size=BATCH)
        Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
        Notification.objects.bulk_create(notifications, batch_size=BATCH, ignore_conflicts=True)
        seed_evaluations(
            self.random,
            [(c.request_id, c.delivered_on) for c in contracts if c.delivered_on is not None],
        )
