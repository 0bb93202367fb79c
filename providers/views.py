"""The public provider catalogue a TRIO reads before choosing a provider."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from library import selectors as library
from providers.forms import CatalogueFilterForm
from providers.selectors import catalogue_providers
from providers.usage import capacity


@require_safe
def provider_list(request):
    form = CatalogueFilterForm(request.GET or None)
    criteria = form.cleaned_data if form.is_bound and form.is_valid() else {}
    criteria = {key: value for key, value in criteria.items() if value}
    providers = list(catalogue_providers(**criteria, offering_themes=False))
    # Which provider has room now (issue 18, point 7), at most five minutes old.
    figures = capacity()
    for provider in providers:
        provider.capacity = figures.get(provider.pk)
    return render(
        request,
        "providers/provider_list.html",
        {
            "form": form,
            "providers": providers,
            "is_filtered": bool(criteria),
            "computed_at": next(
                (cap.computed_at for cap in figures.values() if cap.computed_at), None
            ),
        },
    )


@require_safe
def provider_detail(request, slug):
    provider = get_object_or_404(catalogue_providers(), slug=slug)
    return render(
        request,
        "providers/provider_detail.html",
        # Cases from the knowledge library in which this provider's researchers helped.
        {"provider": provider, "cases": library.cases_for_provider(provider.slug)},
    )
