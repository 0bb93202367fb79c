"""The one table of allowed status changes of a request, next to the services that make them.

Each action is one service function in ``requests_app.services`` named ``request_<action>``;
a test checks that every action here has its service and every service its test.
"""

from requests_app.models import Status

# action: (statuses it may start from, status it ends in). ``None`` as the target means the
# service decides (confirmation goes to the region under model 1, else to the provider).
TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    "submit": (frozenset({Status.DRAFT}), Status.AWAITING_COUNTERPART),
    "update": (
        frozenset({Status.DRAFT, Status.AWAITING_COUNTERPART, Status.AWAITING_REGION}),
        None,
    ),
    "confirm": (frozenset({Status.AWAITING_COUNTERPART}), None),
    "send_back": (frozenset({Status.AWAITING_COUNTERPART}), Status.DRAFT),
    "region_approve": (frozenset({Status.AWAITING_REGION}), Status.AT_PROVIDER),
    "region_return": (frozenset({Status.AWAITING_REGION}), Status.DRAFT),
    "start_dialogue": (frozenset({Status.AT_PROVIDER}), Status.DIALOGUE),
    "decline": (frozenset({Status.AT_PROVIDER, Status.DIALOGUE}), Status.DECLINED),
    "redirect": (frozenset({Status.DECLINED}), Status.AWAITING_COUNTERPART),
    "withdraw": (
        frozenset(
            {
                Status.DRAFT,
                Status.AWAITING_COUNTERPART,
                Status.AWAITING_REGION,
                Status.AT_PROVIDER,
                Status.DIALOGUE,
                Status.DECLINED,
            }
        ),
        Status.WITHDRAWN,
    ),
}


# The contract of a request (``requests_app.contracts``): drafted and accepted while the
# request is in dialogue; conclusion moves the request on; delivery is attested after.
CONTRACT_TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    "contract_draft": (frozenset({Status.DIALOGUE}), None),
    # After conclusion an edit is an amendment: a new version both sides must accept again.
    "contract_edit": (frozenset({Status.DIALOGUE, Status.CONTRACTED, Status.DELIVERED}), None),
    "contract_comment": (frozenset({Status.DIALOGUE, Status.CONTRACTED, Status.DELIVERED}), None),
    "contract_accept": (frozenset({Status.DIALOGUE, Status.CONTRACTED, Status.DELIVERED}), None),
    "contract_conclude": (frozenset({Status.DIALOGUE}), Status.CONTRACTED),
    "contract_amend": (frozenset({Status.CONTRACTED, Status.DELIVERED}), None),
    "delivery_attest": (frozenset({Status.CONTRACTED}), Status.DELIVERED),
}


def allowed(action: str, status: str) -> bool:
    sources, _ = {**TRANSITIONS, **CONTRACT_TRANSITIONS}[action]
    return status in sources
