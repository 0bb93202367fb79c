"""The provider's delivery report: a short form for provider staff on the request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from evaluations import permissions
from evaluations.forms.rounds import DeliveryReportForm
from evaluations.models import DeliveryReport
from evaluations.services.reports import delivery_report_save
from requests_app.services.base import RequestError
from requests_app.views.actions import visible_request

FIELDS = ("delivered", "hours", "participants", "materials")


@login_required
@require_http_methods(["GET", "POST"])
def delivery_report(http_request, pk):
    request = visible_request(http_request.user, pk)
    if not permissions.writes_delivery_report(http_request.user, request):
        raise PermissionDenied
    report = DeliveryReport.objects.filter(request=request).first()
    initial = {name: getattr(report, name) for name in FIELDS} if report else {}
    form = DeliveryReportForm(http_request.POST or None, initial=initial)
    if http_request.method == "POST" and form.is_valid():
        try:
            delivery_report_save(
                request_pk=request.pk, user=http_request.user, data=form.cleaned_data
            )
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http_request, _("The delivery report is saved."))
            return redirect(f"{request.get_absolute_url()}#evaluation")
    return render(
        http_request,
        "evaluations/delivery_report_form.html",
        {"request_obj": request, "form": form, "report": report},
    )
