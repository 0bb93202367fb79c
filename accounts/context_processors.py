"""What the page layout needs on every page: the bell's unread count, and whether the user
may file a request (only confirmed workplace members may; everyone else would meet "no
access" behind a "New request" button)."""

from accounts.models import Notification
from accounts.rules import is_workplace_member


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count(),
        "may_file_request": lambda: is_workplace_member(user),
    }
