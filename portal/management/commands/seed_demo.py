"""Create demo workplaces, one account per role and sample requests at every step,
idempotently (development only)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import CentralPartyMember, Membership, Region, RegionalCoordinator, Workplace
from accounts.services import central_group
from dialogue.demo import seed_dialogue
from evaluations.demo import seed_evaluations
from portal.management.demo_requests import seed_sample_requests
from providers.models import BudgetFrame, BudgetPeriod, Programme, Provider, ProviderStaff
from requests_app.services import deadline_scan

DEMO_PASSWORD = "arbejdsmiljo-demo"  # noqa: S105 (demo accounts, DEBUG only)
DEMO_PROGRAMME = "Ekspertrådgivning (demo, løbende)"  # noqa: S105 (demo accounts, DEBUG only)

# One workplace per region; Sjælland's and Hovedstaden's get the demo TRIO members.
# (name, kind, head count): the head count feeds the dashboards' reach figures.
WORKPLACES = {
    "hovedstaden": ("Akutmodtagelsen, Demo Hospital Nord", Workplace.Kind.DEPARTMENT, 85),
    "sjaelland": ("Medicinsk afdeling, Demo Sygehus Syd", Workplace.Kind.DEPARTMENT, 120),
    "syddanmark": ("Demo Psykiatri Syd", Workplace.Kind.INSTITUTION, 240),
    "midtjylland": ("Demo Regionshospital Midt", Workplace.Kind.HOSPITAL, 1900),
    "nordjylland": ("Demo Bosted Nord", Workplace.Kind.INSTITUTION, 45),
}

MEMBERS = [
    ("leder@demo.dk", "Lene", "Leder", "sjaelland", Membership.Role.LEADER),
    ("amr@demo.dk", "Anders", "Arbejdsmiljø", "sjaelland", Membership.Role.AMR),
    ("tr@demo.dk", "Tina", "Tillid", "hovedstaden", Membership.Role.TR),
    ("leder.h@demo.dk", "Henrik", "Hovedstad", "hovedstaden", Membership.Role.LEADER),
]
PROVIDER_STAFF = [
    ("nfa@demo.dk", "nfa"),
    ("cbs@demo.dk", "cbs"),
    ("alectia@demo.dk", "alectia"),
    ("ruc@demo.dk", "ruc"),
]
COORDINATORS = [
    ("region.sjaelland@demo.dk", "sjaelland"),
    ("region.hovedstaden@demo.dk", "hovedstaden"),
]


class Command(BaseCommand):
    help = "Create demo workplaces and accounts (password: arbejdsmiljo-demo). DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a known password: DEBUG only.")
        self._hash = None
        with transaction.atomic():
            self._seed()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready; password: {DEMO_PASSWORD}"))

    def _user(self, email, first_name="", last_name="", **extra):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, **extra}
        )
        if user.password != self._password_hash(user.password):
            user.password = self._password_hash(user.password)
            user.save(update_fields=["password"])
        return user

    def _password_hash(self, stored):
        """One hash of the demo password for every demo account: hashing is slow by design
        (most of a second each), and these accounts' password is public anyway. The first
        stored hash that checks out serves all; else a new one."""
        if self._hash is None and stored and check_password(DEMO_PASSWORD, stored):
            self._hash = stored
        if self._hash is None:
            self._hash = make_password(DEMO_PASSWORD)
        return self._hash

    def _seed(self):
        regions = {region.slug: region for region in Region.objects.all()}
        workplaces = {}
        for slug, (name, kind, employees) in WORKPLACES.items():
            workplaces[slug], _ = Workplace.objects.get_or_create(
                region=regions[slug],
                parent=None,
                name=name,
                defaults={"kind": kind, "employees": employees},
            )
        for email, first, last, region_slug, role in MEMBERS:
            user = self._user(email, first, last)
            Membership.objects.get_or_create(
                user=user, workplace=workplaces[region_slug], role=role
            )
        for email, slug in PROVIDER_STAFF:
            provider = Provider.objects.get(slug=slug)
            user = self._user(email, "Konsulent", provider.short_name)
            ProviderStaff.objects.get_or_create(user=user, provider=provider)
        for email, slug in COORDINATORS:
            user = self._user(email, "Koordinator", regions[slug].name)
            RegionalCoordinator.objects.get_or_create(user=user, region=regions[slug])
        central = self._user("central@demo.dk", "Camilla", "Central", is_staff=True)
        CentralPartyMember.objects.get_or_create(
            user=central, defaults={"party": CentralPartyMember.Party.DANSKE_REGIONER}
        )
        central.groups.add(central_group())
        self._user("admin@demo.dk", "Admin", "Demo", is_staff=True, is_superuser=True)
        self._current_programme()
        # Requests at every step of the flow, with their notifications under the bells.
        seed_sample_requests()
        # Answered evaluations of the delivered samples (issue 13, point 7).
        seed_evaluations()
        # Threads, meetings and frames used to different degrees (issue 18, point 8).
        seed_dialogue()
        # The evaluations' demo moves deliveries into the past: the scan that the first start's
        # beat would run now opens what is due, so a second seed finds nothing new to tell.
        deadline_scan.scan()

    def _current_programme(self):
        """The original programme ran 2016-18; a demo today needs frames that hold today."""
        today = timezone.localdate()
        first_year = today.year if today.month >= 4 else today.year - 1
        programme, _ = Programme.objects.get_or_create(
            name=DEMO_PROGRAMME,
            defaults={
                "starts_on": datetime.date(first_year, 4, 1),
                "ends_on": datetime.date(first_year + 2, 3, 31),
            },
        )
        providers = list(Provider.objects.all())
        programme.providers.add(*providers)
        for year in (first_year, first_year + 1):
            period, _ = BudgetPeriod.objects.get_or_create(
                programme=programme,
                name=f"{year}-{str(year + 1)[-2:]}",
                defaults={
                    "starts_on": datetime.date(year, 4, 1),
                    "ends_on": datetime.date(year + 1, 3, 31),
                },
            )
            for provider in providers:
                BudgetFrame.objects.get_or_create(
                    period=period, provider=provider, defaults={"amount": Decimal("900000.00")}
                )
