"""The knowledge library where a request is written: suggestions for the chosen themes.

The wizard's "themes and needs" step (wishes and needs, expected outcome) loads this fragment
with htmx whenever a theme is ticked, so the local parties see tools, cases and
recommendations without leaving the step. The library is a lower floor: it knows themes by
slug, so the theme ids of the form are turned into slugs here.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from library import selectors as library
from providers.models import Theme


@login_required
@require_GET
def theme_suggestions(http_request):
    ids = [value for value in http_request.GET.getlist("themes") if value.isdigit()]
    slugs = list(Theme.objects.filter(pk__in=ids).values_list("slug", flat=True)) if ids else []
    return render(
        http_request,
        "library/_suggestions.html",
        {"suggestions": library.suggestions(slugs), "chosen": bool(slugs)},
    )
