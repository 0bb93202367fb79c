"""Pages that belong to no single app: the start page, health check and error pages."""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from accounts.rules import is_central_or_admin
from accounts.services import InviteError, user_invite
from dialogue.selectors import start_page_items as dialogue_start_page
from portal.celery import app as celery_app
from portal.forms import InviteForm
from requests_app.selectors.knowledge import start_page_tool
from requests_app.selectors.start_page import start_page, themes

logger = logging.getLogger(__name__)


def _is_central_only(user) -> bool:
    """A central party (or superuser) with no workplace, region or provider role: one who
    also holds another role keeps the start page, which lists that role's tasks too."""
    if not is_central_or_admin(user):
        return False
    other_role = (
        Q(memberships__confirmed_at__isnull=False)
        | Q(coordinator_roles__isnull=False)
        | Q(provider_roles__isnull=False)
    )
    return not get_user_model().objects.filter(other_role, pk=user.pk).exists()


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "portal/landing.html", {"themes": themes()})
    if _is_central_only(request.user):
        # The central parties watch budgets, deadlines and reach: their start page is the
        # dashboard, which also carries what waits for them (invoices to pay, failed mail).
        return redirect("dashboards:overview")
    context = start_page(user=request.user)
    context.update(dialogue_start_page(request.user))  # unread threads, agreed meetings
    # A TRIO is shown a tool from the knowledge library for its latest request's themes.
    context["library_tool"] = start_page_tool(request.user) if context["memberships"] else None
    return render(request, "portal/home.html", context)


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: database is down")
        return False


def _check_broker() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("Health check: broker is down")
        return False


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """ "ok"; "degraded" when the broker is down (pages work, mail waits in the outbox and
    goes out once it is back), answered 200 so the portal stays in service; "down" (503)
    when the database is, since then nothing works."""
    checks = {
        "database": "ok" if _check_database() else "down",
        "broker": "ok" if _check_broker() else "down",
    }
    if checks["database"] == "down":
        status, code = "down", 503
    elif checks["broker"] == "down":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if _is_api(request):
        # A program asked: it gets the API's own JSON answer, not the site's page.
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def _is_api(request) -> bool:
    """A path under ``/api/`` but for the documentation page, which is a page of the site."""
    return request.path_info.startswith("/api/") and not request.path_info.startswith("/api/docs")


@login_required
def invite_user(request):
    if not request.user.has_perm("accounts.invite_user"):
        raise PermissionDenied
    form = InviteForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, created = user_invite(
                **form.cleaned_data,
                invited_by=request.user,
            )
        except InviteError as error:  # the roles changed between the form's check and now
            form.add_error("email", str(error))
            return render(request, "portal/invite.html", {"form": form})
        if created:
            messages.success(request, _("%(email)s is invited by e-mail.") % {"email": user.email})
        else:
            messages.success(
                request,
                _("%(email)s already had an account; the role is added.") % {"email": user.email},
            )
        return redirect("invite_user")
    return render(request, "portal/invite.html", {"form": form})
