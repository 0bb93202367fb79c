"""The data set the query-count tests render against, grown from a small to a large size.

It is ``seed_scale``'s bulk machinery (the benchmarks' data) with the statuses dealt in turn
instead of drawn, so that ten requests already hold every status; one workplace holds them
all and one provider receives them, so the local parties, the region's coordinator and the
provider's staff see every request there is (the worst case of each role). Around the
requests each size adds what the other lists show: notifications for every role,
memberships waiting for confirmation and mails that failed, a tenth of the size each, and
messages in the dialogue request's thread, half the size; once, an attachment and an
accepted meeting on that thread. (``seed_scale`` gives every delivery its evaluation rounds
and responses; the probed delivery's first round is topped up to the threshold.)

``World`` names the people (one per role) and the objects a page is opened on; both stay the
same while the data grows, so a page is rendered on the same object at both sizes.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import CentralPartyMember, Membership, Notification, OutgoingMail
from portal.management.commands import seed_scale
from providers.models import ProviderStaff
from requests_app.models import Contract, ContractVersion, Invoice, Request, Status

ROLES = ["anonymous", "leader", "amr", "staff", "coordinator", "central"]
# Every status within the first nine requests; the tenth is delivered again.
DEALT = [
    Status.DELIVERED,
    Status.CONTRACTED,
    Status.DIALOGUE,
    Status.AT_PROVIDER,
    Status.AWAITING_REGION,
    Status.AWAITING_COUNTERPART,
    Status.DRAFT,
    Status.DECLINED,
    Status.WITHDRAWN,
]


class _DealtSeed(seed_scale.Command):
    def _people(self, count):
        people = super()._people(count)
        people["providers"] = people["providers"][:1]  # one provider's staff sees them all
        return people

    def _status(self):
        self.dealt = getattr(self, "dealt", -1) + 1
        return DEALT[self.dealt % len(DEALT)]


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> user (None for anonymous)
    delivered: Request | None = None  # with a concluded contract and an invoice
    contracted: Request | None = None
    dialogue: Request | None = None
    draft: Request | None = None
    invoice: Invoice | None = None
    notification: Notification | None = None
    attachment: object = None  # dialogue.models.Attachment on the dialogue's thread
    meeting: object = None  # an accepted dialogue.models.MeetingProposal
    newest_message: object = None
    size: int = 0


def _first(status) -> Request:
    return (
        Request.objects.filter(title__startswith=seed_scale.PREFIX, status=status)
        .select_related("workplace__region", "provider")
        .order_by("pk")
        .first()
    )


def _probe_invoice(request: Request) -> Invoice:
    """The delivered request's invoice, waiting for the region (every role's list and the
    coordinator's queue show it), and a PDF behind it and behind the contract."""
    contract = Contract.objects.get(request=request)
    invoice = Invoice.objects.filter(contract=contract).first()
    if invoice is None:
        invoice = Invoice.objects.create(
            contract=contract,
            provider_id=request.provider_id,
            frame=contract.frame,
            number=f"QC-{contract.pk}",
            invoice_date=contract.delivered_on,
            amount=contract.reserved_amount or Decimal("10000.00"),
            pdf=f"invoices/{request.pk}/skala.pdf",
            submitted_by_id=request.initiator_id,
            submitted_at=timezone.now(),
        )
    Invoice.objects.filter(pk=invoice.pk).update(state=Invoice.State.AWAITING_REGION)
    default_storage.save(invoice.pdf.name, ContentFile(b"%PDF-1.4 faktura"))
    version = ContractVersion.objects.get(contract=contract, number=1)
    version.pdf.name = default_storage.save(
        f"contracts/{request.pk}/v1.pdf", ContentFile(b"%PDF-1.4 kontrakt")
    )
    ContractVersion.objects.filter(pk=version.pk).update(pdf=version.pdf.name)
    invoice.refresh_from_db()
    return invoice


def _people(request: Request) -> dict:
    User = get_user_model()
    return {
        "anonymous": None,
        "leader": User.objects.get(pk=request.initiator_id),
        "amr": User.objects.get(pk=request.counterpart_id),
        "staff": ProviderStaff.objects.filter(provider_id=request.provider_id)
        .order_by("pk")
        .first()
        .user,
        "coordinator": request.workplace.region.coordinators.order_by("pk").first().user,
        "central": CentralPartyMember.objects.order_by("pk").first().user,
    }


def _around(world: World, size: int, start: int) -> None:
    """A tenth of the size in notifications per role, pending members and failed mails."""
    User = get_user_model()
    now = timezone.now()
    extra = size // 10 - start // 10
    people = [user for user in world.users.values() if user is not None]
    Notification.objects.bulk_create(
        Notification(
            user=user,
            key=f"qc:{user.pk}:{start}:{n}",
            subject=f"Besked {n}",
            url=world.delivered.get_absolute_url(),
        )
        for user in people
        for n in range(extra)
    )
    newcomers = User.objects.bulk_create(
        User(email=f"qc-ny-{start}-{n}@example.dk", first_name="Ny") for n in range(extra)
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            workplace_id=world.delivered.workplace_id,
            role=Membership.Role.TR,
            confirmed_at=None,
            invited_by=world.users["leader"],
        )
        for user in newcomers
    )
    OutgoingMail.objects.bulk_create(
        OutgoingMail(
            kind="qc",
            recipients="x@example.dk",
            subject=f"Fejlet {n}",
            failed_at=now - datetime.timedelta(minutes=n),
            attempts=5,
            last_error="smtp",
        )
        for n in range(extra)
    )


def _thread(world: World, size: int, start: int) -> None:
    """Messages on the dialogue request's thread (half the size), and once an
    attachment and an accepted meeting."""
    from dialogue.models import Attachment, MeetingProposal, MeetingSlot, Message, ReadMarker

    request, staff = world.dialogue, world.users["staff"]
    now = timezone.now()
    Message.objects.bulk_create(
        Message(
            request=request,
            provider_id=request.provider_id,
            author=staff if n % 2 else world.users["leader"],
            author_role="NFA" if n % 2 else "Leder",
            from_provider=bool(n % 2),
            body=f"Besked {start + n} i dialogen",
            created_at=now - datetime.timedelta(minutes=size - start - n),
        )
        for n in range(size // 2 - start // 2)  # more than a page of the thread at 10
    )
    world.newest_message = Message.objects.filter(request=request).order_by("-pk").first()
    if world.attachment is None:
        message = Message.objects.filter(request=request).order_by("pk").first()
        name = default_storage.save(f"dialogue/{request.pk}/qc", ContentFile(b"%PDF-1.4 bilag"))
        world.attachment = Attachment.objects.create(
            message=message,
            file=name,
            original_name="bilag.pdf",
            content_type="application/pdf",
            size=15,
        )
        world.meeting = MeetingProposal.objects.create(
            request=request,
            provider_id=request.provider_id,
            proposed_by=staff,
            mode=MeetingProposal.Mode.VIDEO,
            place="https://møde.example.dk/1",
        )
        slot = MeetingSlot.objects.create(proposal=world.meeting, starts_at=now)
        MeetingProposal.objects.filter(pk=world.meeting.pk).update(
            state=MeetingProposal.State.ACCEPTED,
            accepted_slot=slot,
            decided_by=world.users["leader"],
            decided_at=now,
        )
        world.meeting.refresh_from_db()
        # Read by both sides: the start pages and the inbox count unread threads as they
        # did before the thread had messages (their unread marks are the dialogue's own test).
        ReadMarker.objects.bulk_create(
            ReadMarker(request=request, user=user, read_at=now + datetime.timedelta(days=1))
            for user in (world.users["leader"], world.users["amr"], staff)
        )


def _shown_round(request: Request) -> None:
    """The delivered request's opened round holds the threshold's responses from the start,
    so the results pages and exports read answers at both sizes (seed_scale draws 0 to 4
    responses a round, and ten requests may have no round over the threshold)."""
    from django.conf import settings

    from evaluations.models import EvaluationRound, Response

    round = (
        EvaluationRound.objects.filter(request=request, opens_at__lte=timezone.now())
        .order_by("pk")
        .first()
    )
    missing = settings.EVALUATION_MIN_RESPONSES - round.responses.count()
    Response.objects.bulk_create(
        Response(round=round, version=round.version, submitted_on=round.opens_at.date())
        for _n in range(max(missing, 0))
    )


def grow(world: World, size: int) -> World:
    """Add requests (and what surrounds them) until the world holds ``size`` requests."""
    start = world.size
    _DealtSeed(stdout=io.StringIO()).handle(requests=size, workplaces=1, seed=7)
    if world.delivered is None:
        world.delivered = _first(Status.DELIVERED)
        world.contracted = _first(Status.CONTRACTED)
        world.dialogue = _first(Status.DIALOGUE)
        world.draft = _first(Status.DRAFT)
        world.invoice = _probe_invoice(world.delivered)
        world.users = _people(world.delivered)
        _shown_round(world.delivered)
    _around(world, size, start)
    _thread(world, size, start)
    if world.notification is None:
        world.notification = Notification.objects.filter(user=world.users["leader"]).first()
    world.size = size
    return world
