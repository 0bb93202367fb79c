"""What the page layout needs on every page: the bell's unread count, whether the user
may file a request (only confirmed workplace members may; everyone else would meet "no
access" behind a "New request" button) and whether they may invite users (the rule itself:
``perms.accounts.invite_user`` would ask Django's model permissions too, two queries on every
page of everyone else, for a permission no group holds)."""

from accounts.models import Notification
from accounts.rules import is_central_or_admin, is_workplace_member


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count(),
        "may_file_request": lambda: is_workplace_member(user),
        "may_invite_users": lambda: is_central_or_admin(user),
    }
