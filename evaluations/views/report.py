"""The programme's final evaluation (001 section 7): the coordinators write their main
committee's experiences; the central parties read the report, on the page and as a PDF."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Region
from accounts.rules import is_central_or_admin
from evaluations.forms.experience import ExperienceForm
from evaluations.models import ProgrammeExperience
from evaluations.selectors import programme as selectors
from evaluations.services.experience import FIELDS, programme_experience_save, writes_experience
from providers.models import Programme
from requests_app.services.base import RequestError


def _coordinated_regions(user) -> list[Region]:
    return list(Region.objects.filter(coordinators__user=user).order_by("name"))


@login_required
@require_GET
def programmes(http_request):
    """The programmes: the report for the central parties, the forms for a coordinator."""
    user = http_request.user
    central = bool(is_central_or_admin(user))
    regions = _coordinated_regions(user)
    if not central and not regions:
        raise Http404
    page = Paginator(selectors.programmes(), settings.PAGE_SIZE).get_page(
        http_request.GET.get("page")
    )
    recorded = set(
        ProgrammeExperience.objects.filter(
            region__in=regions, programme__in=list(page.object_list)
        ).values_list("programme_id", "region_id")
    )
    lines = [
        {
            "programme": programme,
            "regions": [(region, (programme.pk, region.pk) in recorded) for region in regions],
        }
        for programme in page.object_list
    ]
    return render(
        http_request,
        "evaluations/results/programmes.html",
        {"lines": lines, "central": central, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_edit(http_request, pk, region):
    programme = get_object_or_404(Programme, pk=pk)
    region = get_object_or_404(Region, slug=region)
    if not writes_experience(http_request.user, region):
        raise Http404
    experience = ProgrammeExperience.objects.filter(programme=programme, region=region).first()
    initial = {}
    if experience is not None:
        initial = {name: getattr(experience, name) for name in [*FIELDS, "discussed_on"]}
    # Bound on every POST, an empty one included (``POST or None`` would show a blank form).
    form = ExperienceForm(
        http_request.POST if http_request.method == "POST" else None, initial=initial
    )
    if http_request.method == "POST" and form.is_valid():
        try:
            programme_experience_save(
                programme=programme, region=region, user=http_request.user, data=form.cleaned_data
            )
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http_request, _("The main committee's experiences are saved."))
            return redirect("evaluations:programmes")
    return render(
        http_request,
        "evaluations/results/experience_form.html",
        {"programme": programme, "region": region, "form": form, "experience": experience},
    )


def _report(http_request, pk):
    if not is_central_or_admin(http_request.user):
        raise Http404
    programme = get_object_or_404(Programme, pk=pk)
    return selectors.programme_report(http_request.user, programme)


@login_required
@require_GET
def programme_report(http_request, pk):
    return render(
        http_request,
        "evaluations/results/programme_report.html",
        {"report": _report(http_request, pk)},
    )


@login_required
@require_GET
def programme_report_pdf(http_request, pk):
    from weasyprint import HTML

    report = _report(http_request, pk)
    with translation.override("da"):
        html = render_to_string("evaluations/results/programme_report_pdf.html", {"report": report})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="programevaluering-{report.programme.pk}.pdf"'
    )
    return response
