"""Plausible dates: the range a date someone types in may lie in, for forms and services.

The offer was agreed at OK-15, so nothing in it happens before 2015; a wanted or planned date
lies at most five years ahead; a date that records something done (informed on, invoice
date, payment date, delivery, dialogue started) is never in the future.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST_DATE = datetime.date(2015, 1, 1)
YEARS_AHEAD = 5


def latest_planned(today: datetime.date | None = None) -> datetime.date:
    """The last day a wanted or planned date may fall on: five years from today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_refusal(day: datetime.date, *, planned: bool) -> str | None:
    """Why ``day`` is not plausible, as a sentence for the user; ``None`` when it is.

    ``planned`` dates (wanted, planned, activities) may lie up to five years ahead; the others
    record something done and may not lie in the future.
    """
    if day < EARLIEST_DATE:
        return _("The date cannot be before %(earliest)s.") % {
            "earliest": formats.date_format(EARLIEST_DATE, "j. N Y")
        }
    today = timezone.localdate()
    if not planned and day > today:
        return _("The date cannot be in the future.")
    latest = latest_planned(today)
    if planned and day > latest:
        return _("The date cannot be after %(latest)s.") % {
            "latest": formats.date_format(latest, "j. N Y")
        }
    return None
