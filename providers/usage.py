"""How much of a frame is used is known one floor up: requests_app's ledger registers its
reader here when the app is ready (``RequestsAppConfig.ready``), so providers — a ground-floor
app — can validate a frame without importing a higher floor."""

from django.core.exceptions import ImproperlyConfigured

_frame_used = None


def register_frame_usage(reader) -> None:
    global _frame_used
    _frame_used = reader


def frame_used(frame):
    """Committed plus invoiced on ``frame`` (see ``requests_app.selectors.ledger``)."""
    if _frame_used is None:
        raise ImproperlyConfigured("No app has registered how frames are used.")
    return _frame_used(frame)


# Which provider can take a request now (the share of the frame used, medians, requests in
# progress) is known two floors up: the dialogue registers its reader here
# (``DialogueConfig.ready``); the catalogue and the wizard ask through ``capacity``.
_capacity = None


def register_capacity(reader) -> None:
    global _capacity
    _capacity = reader


def capacity(*, fresh: bool = False) -> dict:
    """Provider id -> its figures (``dialogue.capacity.Capacity``); empty when none is known.
    ``fresh``: the frames as they are now, not as cached (for a write that depends on them)."""
    return _capacity(fresh=fresh) if _capacity is not None else {}
