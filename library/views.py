"""The library's pages at /viden/: browse and search, one item, a tool as PDF. No login needed."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from library import selectors
from library.forms import LibraryFilterForm
from library.models import Item, Kind
from library.pdf import tool_pdf_bytes
from library.search import highlight


@require_GET
def item_list(request):
    form = LibraryFilterForm(request.GET or None)
    criteria = form.criteria()
    query = criteria.pop("q")
    items = selectors.search(query, **criteria) if query else selectors.browse(**criteria)
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    results = [(item, highlight(item, query) if query else None) for item in page.object_list]
    return render(
        request,
        "library/item_list.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "results": results,
            "themes": selectors.themes(),
            "kinds": Kind.choices,
            "chosen_theme": criteria["theme"],
            "chosen_kind": criteria["kind"],
        },
    )


def _item_or_404(slug) -> Item:
    try:
        return selectors.item_page(slug)
    except Item.DoesNotExist as missing:
        raise Http404 from missing


@require_GET
def item_detail(request, slug):
    item = _item_or_404(slug)
    return render(
        request,
        "library/item_detail.html",
        {"item": item, "related": selectors.related(item)},
    )


@require_GET
def tool_pdf(request, slug):
    item = _item_or_404(slug)
    if not item.is_tool:
        raise Http404
    response = HttpResponse(tool_pdf_bytes(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{item.slug}.pdf"'
    return response
