"""What the form fuzzing shares (issue 16, Input): the settings, the odd input, and one way to
post that checks both promises: no 500 on any input, and nothing stored on a refusal.

Each post runs in a savepoint that is rolled back afterwards, so every example starts from the
fixture's state: an input that happens to be valid does not change what the next one meets.
"""

from contextlib import contextmanager

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from accounts.models import Membership, Notification, OutgoingMail, RoleChange
from dialogue.models import Attachment, MeetingProposal, MeetingSlot, Message, RecordedContact
from evaluations.models import (
    Answer,
    Choice,
    DeliveryReport,
    EvaluationRound,
    ProgrammeExperience,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    RoundEvent,
)
from providers.models import BudgetFrame, BudgetPeriod
from requests_app.models import (
    Contract,
    ContractActivity,
    ContractVersion,
    Deadline,
    Invoice,
    Request,
    RequestEvent,
)

# The fixtures are made once per test, the examples many times over them (rolled back after
# each post, see ``post_checked``), hence the function-scoped fixture check is off.
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text of any kind: unicode, control characters, NUL, bidi, very long, number- and date-like.
odd = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\u202e",
            "x" * 20000,
            "9" * 400,
            "-1",
            "0",
            "1e309",
            "NaN",
            "Infinity",
            "12.500,00",
            "2016-02-30",
            "0001-01-01",
            "9999-12-31",
            "99999-01-01",
            "25:61",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "😀" * 100,
        ]
    ),
)

# Every table a form in the portal writes to (requests, dialogue, evaluations, accounts, the
# admin's budget and questionnaire pages), compared row by row: an update counts, too.
STORED = [
    Request,
    RequestEvent,
    Deadline,
    Contract,
    ContractVersion,
    ContractActivity,
    Invoice,
    Message,
    Attachment,
    MeetingProposal,
    MeetingSlot,
    RecordedContact,
    EvaluationRound,
    RoundEvent,
    Response,
    Answer,
    DeliveryReport,
    ProgrammeExperience,
    Questionnaire,
    QuestionnaireVersion,
    Question,
    Choice,
    BudgetPeriod,
    BudgetFrame,
    get_user_model(),
    Membership,
    RoleChange,
    Notification,
    OutgoingMail,
    LogEntry,
]


def counts() -> tuple:
    """How many rows each table in STORED holds."""
    return tuple(model.objects.count() for model in STORED)


def stored() -> dict:
    """Every row of every table in STORED, with all its values."""
    return {model.__name__: list(model.objects.order_by("pk").values_list()) for model in STORED}


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def refused(response) -> bool:
    """A form answered again with its errors, a 4xx, or a redirect carrying an error message
    (the action buttons' way of refusing)."""
    if response.status_code not in (302, 303):
        return True
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    return any(message.level >= constants.ERROR for message in queued)


def post_checked(client, url, data, *, was_refused=refused, **kwargs):
    """Post ``data``; no 5xx, and if the post is refused (``was_refused``), the database is as
    it was."""
    client.cookies.pop("messages", None)
    cache.clear()  # rate limits and cached figures start afresh with every example
    before = stored()
    with rolled_back():
        response = client.post(url, data, **kwargs)
        assert response.status_code < 500, response.status_code
        if was_refused(response):
            assert stored() == before, "a refused post changed the database"
    return response
