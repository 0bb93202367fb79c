"""The rules' clock: calendar days in Copenhagen time, whatever daylight saving does."""

from datetime import timedelta

from django.utils import timezone

DIALOGUE_DAYS = 7
CONTRACT_DAYS = 28


def due_after(start, days: int):
    """``days`` calendar days after ``start`` at the same wall-clock time in Copenhagen.

    Arithmetic on the local time keeps a daylight-saving change from moving the due date.
    """
    local = timezone.localtime(start)
    naive = local.replace(tzinfo=None) + timedelta(days=days)
    return timezone.make_aware(naive, timezone.get_current_timezone())
