"""What `make bench` drives with wrk: the page table, and a logged-in session per role.

Add a page by adding a row to ``PAGES``: a label, the role whose session asks for it (None:
anonymous), the URL name and its arguments (``"request"`` stands for the request the bench
picks). A row whose URL name does not resolve yet (the dashboards and the API are still
being built) is listed as absent, not measured, so the table can name pages before they
land.

The sessions are made the way ``Client.force_login`` makes them, in the bench database,
for the seeded (``seed_scale``) user with the most requests in each role. Privileged users
get a TOTP device, so the MFA middleware runs on every request as it does in production
(it lets a user with a device through; the login itself is not what is measured).
"""

import secrets
from dataclasses import dataclass, field

BASELINE_NAME = "bench_baseline"


@dataclass(frozen=True)
class Page:
    label: str
    role: str | None
    url_name: str
    args: tuple = ()
    # The central dashboard's own target besides the throughput ratio (issue 12).
    target_p50_ms: float | None = None
    query: str = ""


PAGES = [
    Page("login", None, "account_login"),
    Page("catalogue", "leader", "providers:list"),
    Page("leader's start page", "leader", "home"),
    Page("provider's start page", "provider", "home"),
    Page("coordinator's start page", "coordinator", "home"),
    Page("provider inbox", "provider", "requests:inbox"),
    Page("provider request list", "provider", "requests:list"),
    Page("central request list", "central", "requests:list"),
    Page("request page", "provider", "requests:detail", args=("request",)),
    Page("central invoice list", "central", "invoices:list"),
    Page("ledger", "central", "invoices:ledger"),
    Page("notifications", "leader", "notifications"),
    # Dashboards and API (issue 13 and after): a row whose URL is missing is listed as absent.
    # The central parties' start page is their dashboard (``home`` redirects them there).
    Page("central dashboard (start page)", "central", "dashboards:overview", target_p50_ms=300),
    Page("region dashboard", "coordinator", "dashboards:region"),
    Page("provider dashboard", "provider", "dashboards:provider"),
    Page("dashboard request list", "central", "dashboards:requests"),
    Page("dashboard contract list", "central", "dashboards:contracts"),
    Page("dashboard invoice list", "central", "dashboards:invoices"),
    Page("API: budgets", "central", "api:budgets"),
    Page("API: requests", "central", "api:requests"),
    Page("API: deadlines/SLA", "central", "api:deadlines_sla"),
    Page("API: reach", "central", "api:reach"),
    Page("API: evaluations", "central", "api:evaluations_summary"),
]


@dataclass
class Setup:
    cookies: dict = field(default_factory=dict)  # role -> session key
    users: dict = field(default_factory=dict)  # role -> e-mail
    request_pk: int | None = None


def resolve(page: Page, setup: Setup) -> str | None:
    """The page's path, or None when its URL does not exist (yet)."""
    from django.urls import NoReverseMatch, reverse

    args = [setup.request_pk if arg == "request" else arg for arg in page.args]
    try:
        path = reverse(page.url_name, args=args)
    except NoReverseMatch:
        return None
    return path + (f"?{page.query}" if page.query else "")


def _login(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _with_totp(user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secrets.token_hex(10).upper())
    return user


def prepare() -> Setup:
    """Pick a user per role among the seeded ones and log each in (Django is set up)."""
    from django.db.models import Count

    from accounts.models import CentralPartyMember, RegionalCoordinator, User
    from providers.models import ProviderStaff
    from requests_app.models import Request, Status

    seeded = Request.objects.filter(title__startswith="Skala")
    busiest = seeded.values("initiator").annotate(n=Count("id")).order_by("-n", "initiator")
    leader = User.objects.get(pk=busiest[0]["initiator"])
    by_provider = seeded.values("provider").annotate(n=Count("id")).order_by("-n", "provider")
    staff = (
        ProviderStaff.objects.filter(
            provider_id=by_provider[0]["provider"], user__email__startswith="skala-"
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    by_region = (
        seeded.values("workplace__region")
        .annotate(n=Count("id"))
        .order_by("-n", "workplace__region")
    )
    coordinator = (
        RegionalCoordinator.objects.filter(
            region_id=by_region[0]["workplace__region"], user__email__startswith="skala-"
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    central = (
        CentralPartyMember.objects.filter(user__email="skala-central@example.dk")
        .select_related("user")
        .get()
    )
    users = {
        "leader": leader,
        "provider": _with_totp(staff.user),
        "coordinator": _with_totp(coordinator.user),
        "central": _with_totp(central.user),
    }
    request = (
        seeded.filter(
            provider_id=staff.provider_id, status=Status.DELIVERED, contract__isnull=False
        )
        .order_by("pk")
        .first()
    )
    return Setup(
        cookies={role: _login(user) for role, user in users.items()},
        users={role: user.email for role, user in users.items()},
        request_pk=request.pk,
    )
