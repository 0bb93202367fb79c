"""The results' and the programme evaluation's pages (included in ``evaluations.urls``)."""

from django.urls import path

from evaluations.views import exports, report, results

urlpatterns = [
    path("anmodning/<int:pk>/resultater/", results.request_results, name="request_results"),
    path("resultater/", results.overview, name="results"),
    path("resultater/eksport/<str:fmt>/", exports.export, name="results_export"),
    path("programevaluering/", report.programmes, name="programmes"),
    path("programevaluering/<int:pk>/", report.programme_report, name="programme_report"),
    path(
        "programevaluering/<int:pk>/pdf/", report.programme_report_pdf, name="programme_report_pdf"
    ),
    path(
        "programevaluering/<int:pk>/region/<slug:region>/",
        report.experience_edit,
        name="experience_edit",
    ),
]
