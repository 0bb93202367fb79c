"""The notification centre: the list behind the bell, opening one, marking all read; and
for the central parties, the e-mails that could not be sent."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.mail import failed_mails, mail_retry, mail_summary
from accounts.models import Notification, OutgoingMail
from accounts.rules import is_coordinator
from accounts.selectors import pending_memberships
from accounts.services import MembershipError, membership_confirm


@login_required
@require_safe
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/notifications.html", {"notifications": page, "page_obj": page})


@login_required
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if notification.url and safe else "notifications")


@login_required
@require_POST
def notification_read_all(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("notifications")


MAIL_MODELS = {"outbox": OutgoingMail, "notification": Notification}


@login_required
@require_safe
def mail_failures(request):
    """E-mails that could not be sent after every try, for the central parties to resend."""
    if not request.user.has_perm("accounts.view_mail_failures"):
        raise PermissionDenied
    outbox, notifications = failed_mails()
    outbox_page = Paginator(outbox, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for mail in outbox_page:
        # What the mail says and to whom, as it would go out if sent again.
        mail.shown_subject, mail.shown_recipients = mail_summary(mail)
    return render(
        request,
        "accounts/mail_failures.html",
        {
            "outbox": outbox_page,
            "notifications": Paginator(notifications, settings.PAGE_SIZE).get_page(
                request.GET.get("npage")
            ),
        },
    )


@login_required
@require_POST
def mail_failure_retry(request, kind, pk):
    if not request.user.has_perm("accounts.view_mail_failures") or kind not in MAIL_MODELS:
        raise PermissionDenied
    if mail_retry(model=MAIL_MODELS[kind], pk=pk):
        messages.success(request, _("The e-mail is sent again with the next run."))
    else:
        messages.error(
            request, _("There is no such failed e-mail (it may have been sent again already).")
        )
    return redirect("mail_failures")


@login_required
@require_safe
def pending_members(request):
    """Members invited by a local party, waiting for the region or the central parties."""
    if not (is_coordinator(request.user) or request.user.has_perm("accounts.invite_user")):
        raise PermissionDenied
    page = Paginator(pending_memberships(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/pending_members.html", {"memberships": page})


@login_required
@require_POST
def member_confirm(request, pk):
    if not pending_memberships(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    try:
        membership = membership_confirm(membership_pk=pk, user=request.user)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(member)s is confirmed as a member.") % {"member": membership.user}
        )
    return redirect("pending_members")
