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


def allowed(action: str, status: str) -> bool:
    sources, _ = TRANSITIONS[action]
    return status in sources
