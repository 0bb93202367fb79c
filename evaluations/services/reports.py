"""The provider's delivery report: written and corrected by its staff on the request."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from evaluations import permissions
from evaluations.models import DeliveryReport
from requests_app.services.base import RequestError, lock_request
from requests_app.text import clean_text

TEXT_MAX_LENGTH = 4000
MAX_HOURS = Decimal("9999.9")
MAX_PARTICIPANTS = 100_000


def delivery_report_save(*, request_pk: int, user, data: dict) -> DeliveryReport:
    """Create or update the request's delivery report (only the fields that changed)."""
    with transaction.atomic():
        request = lock_request(request_pk)
        if not permissions.writes_delivery_report(user, request):
            raise RequestError(str(permissions.REPORT_REFUSAL))
        delivered = clean_text(
            data.get("delivered"), max_length=TEXT_MAX_LENGTH, field_label=_("What was delivered")
        )
        materials = clean_text(
            data.get("materials"), max_length=TEXT_MAX_LENGTH, field_label=_("Materials")
        )
        hours, participants = data.get("hours"), data.get("participants")
        if not delivered:
            raise RequestError(_("Describe what was delivered."))
        if hours is None or not Decimal(0) <= hours <= MAX_HOURS:
            raise RequestError(_("The hours must be a number between 0 and 9999.9."))
        if participants is None or not 0 <= participants <= MAX_PARTICIPANTS:
            raise RequestError(_("The number of participants must be between 0 and 100000."))
        values = {
            "delivered": delivered,
            "hours": hours,
            "participants": participants,
            "materials": materials,
        }
        report = DeliveryReport.objects.select_for_update().filter(request=request).first()
        if report is None:
            return DeliveryReport.objects.create(request=request, written_by=user, **values)
        changed = [name for name, value in values.items() if getattr(report, name) != value]
        for name in changed:
            setattr(report, name, values[name])
        report.written_by = user
        report.save(update_fields=[*changed, "written_by", "updated_at"])
        return report
