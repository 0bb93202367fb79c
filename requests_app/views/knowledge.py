"""The knowledge library where a request is written: suggestions for the chosen themes.

The wizard's "themes and needs" step (wishes and needs, expected outcome) loads this fragment
with htmx whenever a theme is ticked, so the local parties see tools, cases and
recommendations without leaving the step. The library is a lower floor: it knows themes by
slug, so the theme ids of the form are turned into slugs here. Only ids a 64-bit column can
hold are looked up: SQLite raises OverflowError (a 500) on a larger one, as ``offerings_of``
found (commit ac8ae95).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from library import selectors as library
from providers.models import Theme


def _is_id(value: str) -> bool:
    # isascii: "²".isdigit() is true, but int("²") is a ValueError.
    return value.isascii() and value.isdigit() and 0 < int(value) < 2**63


@login_required
@require_GET
def theme_suggestions(http_request):
    ids = [int(value) for value in http_request.GET.getlist("themes") if _is_id(value)]
    slugs = list(Theme.objects.filter(pk__in=ids).values_list("slug", flat=True)) if ids else []
    return render(
        http_request,
        "library/_suggestions.html",
        {"suggestions": library.suggestions(slugs), "chosen": bool(slugs)},
    )
