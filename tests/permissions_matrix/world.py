"""Two of everything, for the permission matrix: side A and side B.

Side A is a workplace in Region Sjælland (model 2) with its leader and AMR, asking NFA, whose
staff member is ``staff``, in the region of ``coordinator``. Side B mirrors it in Region
Hovedstaden (model 1) with CBS: ``other_leader``, ``other_staff``, ``other_coordinator``. A
central party's member and a superuser see both. Each side holds a request in every state a
URL needs (``REQUEST_KINDS``), the delivered one with its contract PDF, invoice, evaluation
rounds (and their answer link) and delivery report; the dialogue one with a message, an
attachment, a proposed and an accepted meeting; a notification per person and a membership
waiting for confirmation. Everything goes through the services (the states are the real
ones), except side A's "awaiting the region", which a model-2 region never reaches.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Membership, Notification, OutgoingMail, Region
from dialogue import services as dialogue
from dialogue.models import Attachment, MeetingProposal
from evaluations import tokens as evaluation_tokens
from evaluations.models import EvaluationRound, RoundKind
from evaluations.services.reports import delivery_report_save
from library.models import Item, Kind
from providers.models import Programme, Provider
from requests_app.models import Invoice, Request, Status
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, intake, invoices
from tests import factories

ROLES = [
    "anonymous",
    "leader",
    "amr",
    "other_leader",
    "staff",
    "other_staff",
    "coordinator",
    "other_coordinator",
    "central",
    "superuser",
]
SIDES = ("A", "B")
REGIONS = {"A": "sjaelland", "B": "hovedstaden"}
PROVIDERS = {"A": "nfa", "B": "cbs"}
REQUEST_KINDS = (
    "draft",
    "awaiting_counterpart",
    "awaiting_region",
    "at_provider",
    "dialogue",
    "proposed",  # in dialogue, a contract drafted and waiting for acceptance
    "contracted",
    "delivered",
)


@dataclass
class Side:
    region: Region
    provider: Provider
    leader: object
    amr: object
    staff: object
    coordinator: object
    requests: dict = field(default_factory=dict)  # REQUEST_KINDS -> Request
    invoice: Invoice | None = None
    round: EvaluationRound | None = None
    token: str = ""
    attachment: Attachment | None = None
    proposal: MeetingProposal | None = None  # proposed, waiting for an answer
    meeting: MeetingProposal | None = None  # accepted
    pending: Membership | None = None


@dataclass
class World:
    sides: dict
    users: dict  # role -> user (None for anonymous)
    notifications: dict  # user pk -> the user's notification
    failed_mail: OutgoingMail
    programme: Programme
    tool: Item
    item: Item


def _pdf(name):
    return SimpleUploadedFile(name, minimal_pdf_bytes(), content_type="application/pdf")


def _people(side: str) -> Side:
    workplace, leader, amr = factories.trio(REGIONS[side])
    provider = factories.provider(PROVIDERS[side])
    return Side(
        region=workplace.region,
        provider=provider,
        leader=leader,
        amr=amr,
        staff=factories.ProviderStaffFactory(provider=provider).user,
        coordinator=factories.CoordinatorFactory(region=workplace.region).user,
    )


def _reach_provider(s: Side, request: Request) -> Request:
    intake.request_submit(request_pk=request.pk, user=s.leader)
    intake.request_confirm(request_pk=request.pk, user=s.amr)
    request.refresh_from_db()
    if request.status == Status.AWAITING_REGION:
        intake.request_region_approve(request_pk=request.pk, user=s.coordinator)
    return request


def _new(s: Side, title: str) -> Request:
    return factories.complete_request(
        leader=s.leader, counterpart=s.amr, provider_slug=s.provider.slug, title=title
    )


def _in_dialogue(s: Side, title: str) -> Request:
    request = _reach_provider(s, _new(s, title))
    intake.request_start_dialogue(
        request_pk=request.pk, user=s.staff, started_on=timezone.localdate()
    )
    return request


def _contract(s: Side, request: Request, *, accept: bool) -> None:
    contracts.contract_draft(
        request_pk=request.pk,
        user=s.staff,
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    if accept:
        for user in (s.staff, s.leader):
            contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)


def _requests(name: str, s: Side) -> None:
    r = s.requests
    r["draft"] = _new(s, f"{name}: kladde")
    r["awaiting_counterpart"] = _new(s, f"{name}: venter på AMR")
    intake.request_submit(request_pk=r["awaiting_counterpart"].pk, user=s.leader)
    r["awaiting_region"] = _new(s, f"{name}: venter på regionen")
    intake.request_submit(request_pk=r["awaiting_region"].pk, user=s.leader)
    if s.region.slug == REGIONS["A"]:  # model 2 never waits for the region: set it instead
        Request.objects.filter(pk=r["awaiting_region"].pk).update(status=Status.AWAITING_REGION)
    else:
        intake.request_confirm(request_pk=r["awaiting_region"].pk, user=s.amr)
    r["at_provider"] = _reach_provider(s, _new(s, f"{name}: hos udbyderen"))
    r["dialogue"] = _in_dialogue(s, f"{name}: i dialog")
    r["proposed"] = _in_dialogue(s, f"{name}: kontraktudkast")
    _contract(s, r["proposed"], accept=False)
    r["contracted"] = _in_dialogue(s, f"{name}: kontrakt")
    _contract(s, r["contracted"], accept=True)
    r["delivered"] = _in_dialogue(s, f"{name}: leveret")
    _contract(s, r["delivered"], accept=True)
    contracts.delivery_attest(
        request_pk=r["delivered"].pk, user=s.amr, delivered_on=timezone.localdate()
    )
    for kind, request in r.items():
        request.refresh_from_db()
        assert request.status == {"proposed": Status.DIALOGUE}.get(kind, kind), kind


def _around_delivery(name: str, s: Side) -> None:
    delivered = s.requests["delivered"]
    s.invoice = invoices.invoice_submit(
        request_pk=delivered.pk,
        user=s.staff,
        number=f"{name}-1",
        invoice_date=timezone.localdate(),
        amount=Decimal("10000.00"),
        pdf=_pdf("faktura.pdf"),
    )
    s.round = EvaluationRound.objects.get(request=delivered, kind=RoundKind.IMMEDIATE)
    s.token = evaluation_tokens.token_for(s.round)
    assert s.token, "the round's answer link"
    delivery_report_save(
        request_pk=delivered.pk,
        user=s.staff,
        data={"delivered": "To workshops", "hours": Decimal("6.0"), "participants": 12},
    )


def _around_dialogue(s: Side) -> None:
    request = s.requests["dialogue"]
    message = dialogue.message_post(
        request_pk=request.pk, user=s.leader, body="Referat", files=[_pdf("referat.pdf")]
    )
    s.attachment = message.attachments.get()
    starts = timezone.now() + datetime.timedelta(days=5)

    def propose(days):
        return dialogue.proposal_create(
            request_pk=request.pk,
            user=s.staff,
            mode=MeetingProposal.Mode.PHONE,
            slots=[(starts + datetime.timedelta(days=days), 60)],
        )

    # New times replace an open proposal: the accepted meeting first, then the open one.
    s.meeting = propose(1)
    dialogue.proposal_accept(proposal_pk=s.meeting.pk, user=s.amr, slot_pk=s.meeting.slots.get().pk)
    s.meeting.refresh_from_db()
    s.proposal = propose(0)
    newcomer = factories.UserFactory()
    s.pending = Membership.objects.create(
        user=newcomer,
        workplace=s.requests["draft"].workplace,
        role=Membership.Role.TR,
        invited_by=s.leader,
        confirmed_at=None,
    )


def build() -> World:
    sides = {side: _people(side) for side in SIDES}
    central = factories.CentralPartyFactory().user
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    for name, s in sides.items():
        _requests(name, s)
        _around_delivery(name, s)
        _around_dialogue(s)
    a, b = sides["A"], sides["B"]
    users = {
        "anonymous": None,
        "leader": a.leader,
        "amr": a.amr,
        "other_leader": b.leader,
        "staff": a.staff,
        "other_staff": b.staff,
        "coordinator": a.coordinator,
        "other_coordinator": b.coordinator,
        "central": central,
        "superuser": superuser,
    }
    notifications = {
        user.pk: Notification.objects.create(
            user=user, key=f"matrix:{role}", subject="Besked", url="/"
        )
        for role, user in users.items()
        if user is not None
    }
    failed = OutgoingMail.objects.create(
        kind="matrix",
        recipients="x@example.dk",
        subject="Fejlet",
        failed_at=timezone.now(),
        attempts=5,
        last_error="smtp",
    )
    return World(
        sides=sides,
        users=users,
        notifications=notifications,
        failed_mail=failed,
        programme=Programme.objects.order_by("pk").first(),
        tool=Item.objects.filter(kind=Kind.TOOL).order_by("pk").first(),
        item=Item.objects.exclude(kind=Kind.TOOL).order_by("pk").first(),
    )


def _notification(world: World, role: str, side: str) -> Notification:
    """Side A: the person's own notification; side B: somebody else's."""
    user = world.users[role]
    mine = user is not None and side == "A"
    owner = user if mine else world.users["superuser" if role != "superuser" else "central"]
    return world.notifications[owner.pk]


def kwargs(world: World, obj: str, role: str, side: str) -> dict:
    """The URL's arguments for the object ``obj`` of the side (see ``table.OBJECTS``)."""
    s = world.sides[side]
    kind, _, detail = obj.partition(":")
    if kind == "request":
        return {"pk": s.requests[detail].pk}
    return {
        "step": lambda: {"pk": s.requests["draft"].pk, "step": "basics"},
        "contract_pdf": lambda: {"pk": s.requests["delivered"].pk, "number": 1},
        "invoice": lambda: {"pk": s.invoice.pk},
        "round": lambda: {"pk": s.round.pk},
        "token": lambda: {"token": s.token},
        "attachment": lambda: {"pk": s.attachment.pk},
        "proposal": lambda: {"pk": s.proposal.pk},
        "meeting": lambda: {"pk": s.meeting.pk},
        "pending": lambda: {"pk": s.pending.pk},
        "notification": lambda: {"pk": _notification(world, role, side).pk},
        "provider": lambda: {"slug": s.provider.slug},
        "experience": lambda: {"pk": world.programme.pk, "region": s.region.slug},
        "mail": lambda: {"kind": "outbox", "pk": world.failed_mail.pk},
        "programme": lambda: {"pk": world.programme.pk},
        "tool": lambda: {"slug": world.tool.slug},
        "item": lambda: {"slug": world.item.slug},
        "export": lambda: {"fmt": "csv"},
        "email_key": lambda: {"key": "x"},
        "reset_key": lambda: {"uidb36": "x", "key": "y"},
    }[kind]()
