"""The privacy page, the accessibility statement and the download of one's own data."""

import datetime
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.privacy import personal_data


@require_GET
def privacy(request):
    return render(
        request,
        "portal/privacy.html",
        {
            "retention_years": settings.FREE_TEXT_RETENTION_DAYS // 365,
            "contact": settings.PORTAL_CONTACT_EMAIL,
        },
    )


@require_GET
def accessibility(request):
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact": settings.PORTAL_CONTACT_EMAIL,
            "reviewed_on": datetime.date.fromisoformat(settings.ACCESSIBILITY_REVIEWED_ON),
        },
    )


@never_cache
@login_required
@require_GET
def my_data(request):
    """Everything the portal holds about the logged-in user, as a JSON download."""
    body = json.dumps(
        personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mine-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
