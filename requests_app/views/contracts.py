"""Contract pages: drafting and amending, acceptance, comments, delivery, closing, and the
PDF and calendar downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from providers.money import format_dkk
from requests_app import calendar, permissions, transitions
from requests_app.forms import contracts as forms
from requests_app.forms.answers import CommentForm
from requests_app.panels import contract_panels
from requests_app.selectors.contracts import contract_initial, version_initial
from requests_app.services import contracts
from requests_app.services.base import RequestError
from requests_app.views.actions import cleaned_or_error, request_action, visible_request


def _contract_or_404(request):
    contract = getattr(request, "contract", None)
    if contract is None:
        raise Http404
    return contract


@login_required
def contract_edit(http_request, pk):
    """Draft the contract, or edit it into a new version (which clears acceptances)."""
    user = http_request.user
    request = visible_request(user, pk)
    if permissions.contract_side(user, request) is None:
        raise PermissionDenied
    existing = getattr(request, "contract", None)
    action = "contract_edit" if existing else "contract_draft"
    if transitions.refusal(action, request=request, contract=existing):
        messages.info(
            http_request,
            _(
                "The contract can be drafted while the request is in dialogue, and amended "
                "until it is closed."
            ),
        )
        return redirect(request)
    if existing:
        initial, initial_activities = version_initial(existing)
    else:
        initial, initial_activities = contract_initial(request), []
    data = http_request.POST if http_request.method == "POST" else None
    form = forms.ContractForm(data, initial=initial)
    formset = forms.ActivityFormSet(data, initial=initial_activities, prefix="activities")
    if data is not None and form.is_valid() and formset.is_valid():
        activities = [
            activity.cleaned_data
            for activity in formset.forms
            if activity.cleaned_data and not activity.cleaned_data.get("DELETE")
        ]
        for activity in activities:
            activity.pop("DELETE", None)
        service = contracts.contract_edit if existing else contracts.contract_draft
        try:
            service(request_pk=request.pk, user=user, data=form.cleaned_data, activities=activities)
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http_request, _("The contract is saved as a new version."))
            return redirect(request)
    return render(
        http_request,
        "requests_app/contract_form.html",
        {
            "request_obj": request,
            "form": form,
            "formset": formset,
            "contract": existing,
            "side_panels": contract_panels(user, request),
        },
    )


@request_action
def contract_accept(http_request, request):
    try:
        number = int(http_request.POST.get("version", ""))
    except ValueError as error:
        raise RequestError(_("Choose the version you accept.")) from error
    contract = contracts.contract_accept(
        request_pk=request.pk, user=http_request.user, version_number=number
    )
    version = contract.versions.get(number=number)
    both = version.workplace_accepted_by_id and version.provider_accepted_by_id
    if (
        both
        and contract.versions.filter(
            number__lt=number,
            provider_accepted_by__isnull=False,
            workplace_accepted_by__isnull=False,
        ).exists()
    ):
        messages.success(
            http_request,
            _("Both sides have accepted version %(number)s. The amended contract applies.")
            % {"number": number},
        )
    elif both:
        messages.success(http_request, _("Both sides have accepted. The contract is concluded."))
    else:
        messages.success(
            http_request,
            _("Your acceptance is recorded. The other side must accept the same version."),
        )


@request_action
def contract_comment(http_request, request):
    data = cleaned_or_error(CommentForm(http_request.POST))
    contracts.contract_comment(
        request_pk=request.pk, user=http_request.user, comment=data["comment"]
    )
    messages.success(http_request, _("Your comment is added to the timeline."))


@request_action
def delivery_attest(http_request, request):
    in_force = request.contract.accepted
    planned_on = in_force.planned_delivery_on if in_force else None
    data = cleaned_or_error(forms.DeliveryForm(http_request.POST, planned_on=planned_on))
    contracts.delivery_attest(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The delivery is attested. The evaluations can begin."))


@request_action
def contract_close(http_request, request):
    contract = contracts.contract_close(request_pk=request.pk, user=http_request.user)
    messages.success(
        http_request,
        _("The contract is closed: %(amount)s is invoiced, and the rest goes back to the frame.")
        % {"amount": format_dkk(contract.reserved_amount or 0)},
    )


@login_required
@require_safe
def contract_pdf(http_request, pk, number):
    request = visible_request(http_request.user, pk)
    if not permissions.may_download_contract(http_request.user, request):
        raise PermissionDenied
    version = get_object_or_404(_contract_or_404(request).versions, number=number)
    if not version.pdf:
        raise Http404
    response = FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"kontrakt-{request.pk}-v{number}.pdf",
    )
    response["X-Content-SHA256"] = version.pdf_sha256
    return response


@login_required
@require_safe
def contract_ics(http_request, pk):
    request = visible_request(http_request.user, pk)
    if not permissions.may_download_contract(http_request.user, request):
        raise PermissionDenied
    contract = _contract_or_404(request)
    if not contract.is_concluded:
        raise Http404
    body = calendar.contract_ics(contract, host=http_request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kontrakt-{request.pk}.ics"'
    return response
