"""What the request page shows besides the request itself: its deadlines card, the
statements it was sent with, the local parties' contacts, and whether the contract's pending
version fits in its frame. Reads only, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from requests_app.models import ContractVersion, Deadline, Request
from requests_app.permissions import can_view
from requests_app.selectors.contracts import frame_for, own_usage, remaining_in_frame
from requests_app.selectors.ledger import ZERO

# --- The request with what its page reads of it (issue 12, point 2) ---


def page_request(*, user, pk) -> Request:
    """The request with everything its page shows of it read at once: the contract with all
    its versions (``Contract.current`` and ``.accepted`` then read no more), their acceptors
    and activities, the invoices and the themes. 404 when the user may not see it: the same
    as ``selectors.requests.requests_for``, asked of the row (the permission tests keep
    ``can_view`` and that filter in step) with the roles the page's buttons ask anyway."""
    versions = ContractVersion.objects.select_related(
        "workplace_accepted_by", "provider_accepted_by"
    ).prefetch_related("activities")
    request = (
        Request.objects.select_related(
            "workplace__region",
            "workplace__parent",
            "provider",
            "initiator",
            "counterpart",
            "contract",
        )
        .prefetch_related(
            "themes", Prefetch("contract__versions", queryset=versions), "contract__invoices"
        )
        .filter(pk=pk)
        .first()
    )
    if request is None or not can_view(user, request):
        raise Http404
    return request


# --- The deadlines card (issue 11, point 4) ---

MET, OPEN, MISSED, LAPSED = "met", "open", "missed", "lapsed"


@dataclass(frozen=True)
class DeadlineLine:
    """One deadline as the pages show it: met (on time or ``days`` late, on ``met_on``),
    open (``days`` left, 0 = due today), missed (``days`` over) or lapsed (the provider
    declined or the workplace withdrew before it was met)."""

    kind: str
    label: str
    due: datetime.date
    state: str
    days: int = 0
    met_on: datetime.date | None = None

    @property
    def html_id(self) -> str:
        return f"{self.kind.replace('_', '-')}-due"


def deadline_line(kind, label, due, met_on=None, *, lapsed=False, today=None) -> DeadlineLine:
    """The state of one deadline in Copenhagen calendar days; ``due`` is aware or a date."""
    due_on = timezone.localdate(due) if isinstance(due, datetime.datetime) else due
    if met_on is not None:
        late = max((met_on - due_on).days, 0)
        return DeadlineLine(kind, label, due_on, MET, late, met_on)
    if lapsed:
        return DeadlineLine(kind, label, due_on, LAPSED)
    left = (due_on - (today or timezone.localdate())).days
    if left < 0:
        return DeadlineLine(kind, label, due_on, MISSED, -left)
    return DeadlineLine(kind, label, due_on, OPEN, left)


ROW_KINDS = {
    Deadline.Kind.DELIVERY: gettext_lazy("Delivery attested by"),
    Deadline.Kind.EVALUATION: gettext_lazy("Immediate evaluation due"),
    Deadline.Kind.FOLLOW_UP: gettext_lazy("Follow-up evaluation due"),
}


def deadline_card(request: Request, *, today=None) -> list[DeadlineLine]:
    """Every deadline of the request, once it reached the provider: the dialogue and the
    contract from the request, then delivery and the evaluations from their rows (the newest
    row of each kind: an amendment to the delivery date replaces the delivery deadline)."""
    if request.reached_provider_at is None:
        return []
    lapsed = not request.provider_clock_running
    contract = getattr(request, "contract", None)
    concluded = contract.concluded_at if contract is not None else None
    lines = [
        deadline_line(
            "dialogue",
            _("Dialogue due"),
            request.dialogue_due,
            request.dialogue_started_on,
            lapsed=lapsed,
            today=today,
        ),
        deadline_line(
            "contract",
            _("Contract due"),
            request.contract_due,
            timezone.localdate(concluded) if concluded else None,
            lapsed=lapsed,
            today=today,
        ),
    ]
    newest = {}
    for row in request.deadlines.filter(kind__in=list(ROW_KINDS)).order_by("pk"):
        newest[row.kind] = row
    for kind, label in ROW_KINDS.items():
        row = newest.get(kind)
        if row is None:
            continue
        lines.append(
            deadline_line(
                kind,
                str(label),
                row.due_at,
                timezone.localdate(row.met_at) if row.met_at else None,
                lapsed=row.cancelled_at is not None,
                today=today,
            )
        )
    return lines


# --- What the provider needs to start (issue 11, point 12) ---

ATTESTATIONS = [
    "attest_not_improvement_notice",
    "attest_not_crisis_help",
    "attest_not_personal_support",
    "attest_beyond_current_effort",
]


def attestations(request: Request) -> list[tuple[str, bool]]:
    """The four statements the request is sent with, by their verbose names."""
    return [
        (str(Request._meta.get_field(name).verbose_name), getattr(request, name))
        for name in ATTESTATIONS
    ]


@dataclass(frozen=True)
class Contact:
    side: str
    name: str
    role: str
    email: str


def contacts_and_pending(request: Request) -> tuple[list[Contact], bool]:
    """The local parties to contact: the initiator and the other party (or the MED committee's
    members). There is no phone number on a user account, so the e-mail is what we have. And
    whether the named other party was invited by e-mail and nobody has vouched for them yet,
    from the same read of the memberships."""
    people = [(_("Initiated by"), request.initiator)]
    if request.counterpart_is_med:
        med = Membership.objects.filter(
            workplace_id=request.workplace_id, role=Membership.Role.MED, confirmed_at__isnull=False
        ).select_related("user")
        people += [(_("The local MED committee"), membership.user) for membership in med]
    elif request.counterpart_id:
        people.append((_("Other party"), request.counterpart))
    user_ids = {user.pk for _side, user in people}
    if request.counterpart_id is not None:
        user_ids.add(request.counterpart_id)
    roles, pending = {}, False
    for membership in Membership.objects.filter(
        workplace_id=request.workplace_id, user__in=user_ids
    ).order_by("role"):
        roles.setdefault(membership.user_id, []).append(membership.get_role_display())
        if membership.user_id == request.counterpart_id and membership.confirmed_at is None:
            pending = True
    shown = [
        Contact(str(side), str(user), ", ".join(roles.get(user.pk, [])), user.email)
        for side, user in people
    ]
    return shown, pending


# --- The frame a pending contract version needs (issue 11, point 6) ---


@dataclass(frozen=True)
class Shortfall:
    frame: object  # None: no frame for the planned delivery date
    room: object  # what the frame has for this version (Decimal)
    price: object


def contract_shortfall(contract) -> Shortfall | None:
    """When the current version awaits acceptance and its frame cannot hold it, the room it
    has — the same sums the conclusion and the amendment check under their locks: what
    remains in the frame plus ``own_usage`` (``selectors.contracts``)."""
    version = contract.current if contract is not None else None
    if version is None or version.is_fully_accepted or contract.is_closed:
        return None
    frame = frame_for(contract.request.provider, version.planned_delivery_on)
    if frame is None:
        return Shortfall(None, ZERO, version.price)
    room = remaining_in_frame(frame) + own_usage(contract, frame)
    if version.price <= room:
        return None
    return Shortfall(frame, room, version.price)
