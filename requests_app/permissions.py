"""Who may see and do what on a request, its contract and its invoices: the one place.

Every action of ``requests_app.transitions`` has one ``rules`` predicate here. The services
refuse an action its predicate refuses (``services.base.check_permission``); the pages show a
button only for what ``available_actions`` returns, which is the transition table and the
predicates together — so a button is shown exactly when the service would accept the click.

Drafts belong to the workplace alone; the region and the central parties see a request once
it has been sent to the other party; provider staff only once it has reached their provider.
Objects a user may not see answer 404 (see ``views.actions``).
"""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from accounts.roles import portal_roles
from accounts.rules import is_central_or_admin
from accounts.selectors import user_holds_self_granted_role
from requests_app import transitions
from requests_app.models import Action, Invoice, Request, RequestEvent, Status

# --- Who the user is to a request ---


# A membership someone was invited to counts once someone else confirmed it (accounts).
CONFIRMED = {"confirmed_at__isnull": False}
# The user's own roles are read once per HTTP request (``accounts.roles.portal_roles``): the
# request page asks them for every button and panel.


def is_local_party(user, request) -> bool:
    """A confirmed member of the request's workplace, who is not on the staff of the provider
    it asks: nobody speaks for the workplace to their own employer (QA: provider staff given
    a leader role attested their own provider's delivery)."""
    if not user.is_authenticated:
        return False
    roles = portal_roles(user)
    return (
        roles.is_member_of(request.workplace_id) and request.provider_id not in roles.provider_ids
    )


def is_invited_counterpart(user, request) -> bool:
    """The named other party, whose membership may still wait for confirmation."""
    return user.is_authenticated and request.counterpart_id == user.pk


def sides(user, workplace_id) -> set[str]:
    """Which side(s) of the local parties the user sits on at the workplace."""
    roles = portal_roles(user).roles_at(workplace_id) if user.is_authenticated else frozenset()
    sides = set()
    if roles & Membership.MANAGEMENT_SIDE:
        sides.add("management")
    if roles & Membership.EMPLOYEE_SIDE:
        sides.add("employee")
    if Membership.Role.MED in roles:
        sides.add("med")
    return sides


def other_side_roles(user, workplace_id) -> list[str]:
    """The roles a counterpart of ``user`` may hold: those of the other side."""
    own = sides(user, workplace_id)
    other = set()
    if "management" in own:
        other |= Membership.EMPLOYEE_SIDE
    if "employee" in own:
        other |= Membership.MANAGEMENT_SIDE
    return sorted(other)


def can_confirm(user, request) -> bool:
    """The other side than the last editor confirms; never the person who last edited.

    Any local party may help draft, so an editor outside the named pair counts as the
    initiator's side: the counterpart (or the MED committee) must then confirm.
    """
    if not user.is_authenticated or user.pk == request.last_editor_id:
        return False
    if not is_local_party(user, request):  # an invited member waits for confirmation first
        return False
    if request.counterpart_kind == Request.CounterpartKind.MED:
        editor_is_med = request.last_editor_id != request.initiator_id and (
            Membership.objects.filter(
                user_id=request.last_editor_id,
                workplace_id=request.workplace_id,
                role=Membership.Role.MED,
            ).exists()
        )
        if editor_is_med:
            return user.pk == request.initiator_id
        return "med" in sides(user, request.workplace_id)
    if request.counterpart_id is None:
        return False
    if request.last_editor_id == request.counterpart_id:
        return user.pk == request.initiator_id
    return user.pk == request.counterpart_id


def coordinates_region_of(user, request) -> bool:
    """A coordinator of the request's region: sees the request, party to it or not."""
    return user.is_authenticated and request.workplace.region_id in portal_roles(user).region_ids


def is_request_coordinator(user, request) -> bool:
    """The coordinator who acts for the region on the request: of its region and no party to
    it, so the region approves and attests with eyes of its own. A coordinator who is also
    a leader at the workplace would otherwise attest its delivery as a local party and then
    its invoice for the region; the region's other coordinators act instead
    (``region_coordinators``), or, with none, the central parties (``acts_for_region``)."""
    if not coordinates_region_of(user, request):
        return False
    roles = portal_roles(user)
    return not roles.is_member_of(request.workplace_id) and user.pk not in (
        request.initiator_id,
        request.counterpart_id,
    )


def acts_for_region(user, request) -> bool:
    """Who approves and attests for the region: its coordinators who are no party to the
    request, or the central parties when the region has none such (every coordinator is a
    party to it, or the region has none), so the request or invoice never waits for nobody."""
    if is_request_coordinator(user, request):
        return True
    return bool(is_central_or_admin(user)) and not region_coordinators(request).exists()


def party_to_q(user, prefix: str = "") -> Q:
    """The requests the user is a party to (``is_request_coordinator``'s exceptions), for
    a queryset of requests, or of rows reaching them through ``prefix``."""
    own = sorted(portal_roles(user).workplace_roles)
    return (
        Q(**{f"{prefix}workplace_id__in": own})
        | Q(**{f"{prefix}initiator_id": user.pk})
        | Q(**{f"{prefix}counterpart_id": user.pk})
    )


def region_coordinators(request):
    """The users who act for the region on ``request``: its region's coordinators who are
    no party to it (``is_request_coordinator``)."""
    from django.contrib.auth import get_user_model

    parties = Membership.objects.filter(workplace_id=request.workplace_id, **CONFIRMED).values(
        "user_id"
    )
    named = [pk for pk in (request.initiator_id, request.counterpart_id) if pk is not None]
    return (
        get_user_model()
        .objects.filter(coordinator_roles__region_id=request.workplace.region_id)
        .exclude(pk__in=parties)
        .exclude(pk__in=named)
        .order_by("pk")
    )


def is_request_provider_staff(user, request) -> bool:
    return (
        user.is_authenticated
        and request.reached_provider_at is not None
        and request.provider_id in portal_roles(user).provider_ids
    )


def contract_side(user, request) -> str | None:
    """The side of the contract the user signs for: "workplace", "provider" or None."""
    if is_local_party(user, request):
        return "workplace"
    if is_request_provider_staff(user, request):
        return "provider"
    return None


def _request_of(obj) -> Request:
    return obj.contract.request if isinstance(obj, Invoice) else obj


# --- Seeing ---


@rules.predicate
def can_view(user, request):
    if request is None or not user.is_authenticated:
        return False
    if is_local_party(user, request):
        return True
    if request.status == Status.DRAFT:
        return False
    return bool(
        is_invited_counterpart(user, request)
        or is_central_or_admin(user)
        or coordinates_region_of(user, request)
        or is_request_provider_staff(user, request)
    )


def visible_requests_filter(user) -> Q:
    """The queryset form of ``can_view``; the permission tests keep the two in step."""
    local = Q(workplace__memberships__user=user, workplace__memberships__confirmed_at__isnull=False)
    if is_central_or_admin(user):
        return local | ~Q(status=Status.DRAFT)
    others = (
        Q(counterpart=user)
        | Q(workplace__region__coordinators__user=user)
        | Q(provider__staff__user=user, reached_provider_at__isnull=False)
    )
    return local | (~Q(status=Status.DRAFT) & others)


@rules.predicate
def may_download_contract(user, request):
    """The contract's PDF and calendar: its two sides and the central parties."""
    return bool(contract_side(user, request) or is_central_or_admin(user))


# --- Acting: one predicate per action of the transition tables ---

local_party = rules.predicate(is_local_party)
confirmer = rules.predicate(can_confirm)
request_coordinator = rules.predicate(lambda user, obj: acts_for_region(user, _request_of(obj)))
request_provider_staff = rules.predicate(
    lambda user, obj: is_request_provider_staff(user, _request_of(obj))
)
contract_party = rules.predicate(lambda user, request: contract_side(user, request) is not None)


@rules.predicate
def can_accept_contract(user, request):
    """A side accepts the current version once; the other side's acceptance concludes it."""
    side = contract_side(user, request)
    contract = getattr(request, "contract", None)
    if side is None or contract is None or contract.current is None:
        return False
    return not getattr(contract.current, f"{side}_accepted_by_id")


@rules.predicate
def can_close_contract(user, request):
    return is_request_provider_staff(user, request) or is_central_or_admin(user)


@rules.predicate
def can_return_invoice(user, invoice):
    """Whoever the invoice waits for may send it back: workplace, region or central party."""
    request = invoice.contract.request
    if invoice.state == Invoice.State.AWAITING_DELIVERY:
        return is_local_party(user, request)
    if invoice.state == Invoice.State.AWAITING_REGION:
        return acts_for_region(user, request)
    if invoice.state == Invoice.State.AWAITING_PAYMENT:
        return bool(is_central_or_admin(user))
    return False


@rules.predicate
def four_eyes(user, invoice):
    """Money moves on two people's word: who attested an invoice never pays it, and nobody
    acts on money through a role they granted themself (the role-change log says who did)."""
    if invoice.attested_by_id is not None and invoice.attested_by_id == user.pk:
        return False
    return not user_holds_self_granted_role(user)


@rules.predicate
def attested_no_delivery(user, invoice):
    """Who attested the delivery never attests its invoice for the region, even once no
    longer a party to the request (the member who attested it may since have left)."""
    return not RequestEvent.objects.filter(
        contract_id=invoice.contract_id,
        action=Action.CONTRACT_DELIVERY_ATTESTED,
        actor_id=user.pk,
    ).exists()


@rules.predicate
def can_pay_invoice(user, invoice):
    return bool(is_central_or_admin(user)) and four_eyes(user, invoice)


ACTION_RULES = {
    "update": local_party,
    "submit": local_party,
    "confirm": confirmer,
    "send_back": confirmer,
    "region_approve": request_coordinator,
    "region_return": request_coordinator,
    "start_dialogue": request_provider_staff,  # automatic: the provider's first contact
    "decline": request_provider_staff,
    "redirect": local_party,
    "withdraw": local_party,
    "contract_draft": contract_party,
    "contract_edit": contract_party,
    "contract_comment": contract_party,
    "contract_accept": can_accept_contract,
    "contract_conclude": can_accept_contract,
    "contract_amend": can_accept_contract,
    "contract_discard_draft": local_party,
    "delivery_attest": local_party,
    "contract_close": can_close_contract,
    "invoice_submit": request_provider_staff,
    "invoice_resubmit": request_provider_staff,
    "invoice_withdraw": request_provider_staff,
    "invoice_return": can_return_invoice,
    "invoice_attest": request_coordinator & four_eyes & attested_no_delivery,
    "invoice_pay": can_pay_invoice,
    "invoice_delivery_confirm": local_party,
}

REFUSALS = {
    "update": _("Only the workplace's local parties may edit the request."),
    "submit": _("Only the workplace's local parties may send the request."),
    "confirm": _("The request must be confirmed by the other side."),
    "send_back": _("Only the other side can send the request back."),
    "region_approve": _(
        "Only the region's coordinator may approve the request, and not one who is a party to "
        "it at the workplace."
    ),
    "region_return": _(
        "Only the region's coordinator may return the request, and not one who is a party to "
        "it at the workplace."
    ),
    "start_dialogue": _("Only the provider's staff may start the dialogue."),
    "decline": _("Only the provider's staff may decline the request."),
    "redirect": _("Only the workplace's local parties may choose a new provider."),
    "withdraw": _("Only the workplace's local parties may withdraw the request."),
    "delivery_attest": _("Only the workplace's local parties may attest the delivery."),
    "invoice_delivery_confirm": _("Only the workplace's local parties may attest the delivery."),
    "contract_close": _("Only the provider or the central parties may close the contract."),
    "invoice_submit": _("Only the provider's staff may invoice."),
    "invoice_resubmit": _("Only the provider's staff may correct the invoice."),
    "invoice_withdraw": _("Only the provider's staff may withdraw the invoice."),
    "invoice_return": _("You cannot return this invoice now."),
    "invoice_attest": _(
        "Only the region's coordinator may attest the invoice: not one who is a party to the "
        "request at the workplace or attested its delivery, and never through a role they "
        "granted themself."
    ),
    "invoice_pay": _(
        "Only the central parties record payments, and never for an invoice they attested "
        "themself or through a role they granted themself."
    ),
}
CONTRACT_PARTY_REFUSAL = _("Only the workplace's local parties and the provider may do this.")

for _action, _predicate in ACTION_RULES.items():
    rules.add_perm(f"requests_app.{_action}", _predicate)
rules.add_perm("requests_app.view_request", can_view)
rules.add_perm("requests_app.download_contract", may_download_contract)


def may(user, action: str, obj) -> bool:
    """Whether ``user`` may do ``action`` on ``obj`` (a request; an invoice for its actions)."""
    return bool(ACTION_RULES[action].test(user, obj))


def refusal_message(action: str) -> str:
    return str(REFUSALS.get(action, CONTRACT_PARTY_REFUSAL))


def available_actions(user, obj) -> frozenset[str]:
    """The actions ``user`` can do on ``obj`` now: allowed by the table and by the rules.

    For a request: its own actions, its contract's and "invoice_submit"; for an invoice: its
    own. Actions another action does (conclusion, amendment) are never buttons of their own.
    """
    if isinstance(obj, Invoice):
        request, contract, invoice = obj.contract.request, obj.contract, obj
        names = [n for n in transitions.INVOICE_TRANSITIONS if n != "invoice_submit"]
    else:
        request, contract, invoice = obj, getattr(obj, "contract", None), None
        names = [*transitions.REQUEST_TRANSITIONS, *transitions.CONTRACT_TRANSITIONS]
        names.append("invoice_submit")
    actions = set()
    for name in names:
        if transitions.ALL_TRANSITIONS[name].automatic:
            continue
        if transitions.refusal(name, request=request, contract=contract, invoice=invoice):
            continue
        if may(user, name, obj):
            actions.add(name)
    if "invoice_submit" in actions and contract is not None and contract.is_fully_invoiced:
        actions.discard("invoice_submit")  # a new invoice could only be refused
    return frozenset(actions)
