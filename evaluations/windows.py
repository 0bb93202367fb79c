"""When a delivery's rounds collect answers, counted from the contract's delivery date.

The immediate round opens when the delivery is attested and runs until its EVALUATION
deadline; the follow-up round opens at midnight (Copenhagen) three months after the delivery
date and closes at midnight six months after it (the FOLLOW_UP deadline follows the round).

A round closed without responses may be reopened by the local parties, but not beyond where
its evaluation belongs: the follow-up within the six months; the immediate round until the
follow-up opens (three months after delivery) — after that the follow-up asks the workplace
anyway, and two questionnaires at once would only confuse.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from evaluations.models import RoundKind

FOLLOW_UP_OPENS = relativedelta(months=3)
FOLLOW_UP_CLOSES = relativedelta(months=6)
REOPEN_UNTIL = {RoundKind.IMMEDIATE: FOLLOW_UP_OPENS, RoundKind.FOLLOW_UP: FOLLOW_UP_CLOSES}


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The closing time of a closing date chosen by the local parties."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def follow_up_window(delivered_on: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        local_midnight(delivered_on + FOLLOW_UP_OPENS),
        local_midnight(delivered_on + FOLLOW_UP_CLOSES),
    )


def delivered_on_of(round) -> datetime.date:
    """The round's delivery date (the contract's), or the day the round was created."""
    contract = getattr(round.request, "contract", None)
    if contract is not None and contract.delivered_on is not None:
        return contract.delivered_on
    return timezone.localdate(round.created_at)


def last_reopen_day(round) -> datetime.date:
    """The latest closing date a round closed without responses may be reopened until."""
    return delivered_on_of(round) + REOPEN_UNTIL[round.kind] - datetime.timedelta(days=1)
