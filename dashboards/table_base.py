"""What the list tables share: the money and date columns, the cells as the page and the
exports show them, and ``ListTable``, the base of ``dashboards.tables``' three tables."""

from decimal import Decimal

import django_tables2 as tables
from django.db.models import Sum, Value
from django.utils import formats, timezone
from django.utils.html import format_html

from providers.money import format_dkk

TEMPLATE = "dashboards/lists/_table.html"


def local_time(value):
    return timezone.localtime(value) if value is not None else None


def local_day(value):
    return timezone.localdate(value) if value is not None else None


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"th": {"class": "text-end"}, "td": {"class": "text-end text-nowrap"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_dkk(value)


class DateColumn(tables.Column):
    """A date (or the local date of a moment) in the short Danish style, "23. nov. 2026".
    django-tables2's own DateColumn is a TemplateColumn that compiles its template for every
    cell: a quarter of a list page's time (issue 12)."""

    def render(self, value):
        return short_date(value)


def short_date(value, default="—"):
    """A date, or a moment in local time, the short Danish way (``DateColumn``)."""
    if value is None:
        return default
    if hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def money(value, default="–"):
    return default if value is None else format_dkk(value)


def link(url, text):
    return format_html('<a href="{}">{}</a>', url, text)


class ListTable(tables.Table):
    """Shared: the Danish empty text, the project's template and export by column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("order_by_field", "sort")
        kwargs.setdefault("template_name", TEMPLATE)
        super().__init__(*args, **kwargs)

    def body(self) -> list[list[tuple]]:
        """The page's rows as ``(td attributes, cell)`` pairs, each cell made by the table's
        ``cells`` in one call. django-tables2 renders a cell through accessors, signature
        inspection and attribute dictionaries: two thirds of a list page's time at 50 rows
        (issue 12). A test keeps the two in step, cell for cell."""
        attrs = [column.attrs["td"].as_html() for column in self.columns]
        rows = self.page.object_list if getattr(self, "page", None) else self.rows
        return [list(zip(attrs, self.cells(row.record), strict=True)) for row in rows]

    def cells(self, record) -> list:
        raise NotImplementedError

    # The columns ``cells`` reads, of the rows and of the related rows read with them; empty:
    # every column.
    shown: tuple[str, ...] = ()

    @classmethod
    def page_queryset(cls, queryset):
        """The rows as a page reads them: only the columns its cells show. A request has
        seven free texts besides its workplace's, region's, provider's and contract's
        columns: reading a page of 50 without them saves 4-5 ms of the request list's 55 at
        100,000 requests (issue 12); the contracts' and invoices' rows are narrow, and
        gained nothing measurable. A column shown but not read costs a query a row, which
        the query-count tests catch."""
        return queryset.only(*cls.shown) if cls.shown else queryset

    def export_headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    @classmethod
    def export_queryset(cls, queryset):
        """The rows as the export reads them: everything in the one streamed query."""
        return queryset

    @classmethod
    def export_row(cls, record) -> list:
        raise NotImplementedError

    # The money columns whose total over every filtered row the table's foot shows.
    totalled: tuple[str, ...] = ()
    totals: dict | None = None

    @classmethod
    def totals_of(cls, queryset) -> dict:
        """The ``totalled`` columns summed over ``queryset`` (one query; none without any)."""
        if not cls.totalled:
            return {}
        # Grouped by a constant, not ``aggregate()``: over annotations holding subqueries
        # Django wraps that in a subquery whose select list it prunes to nothing (5.2).
        sums = (
            queryset.order_by()
            .annotate(_all=Value(1))
            .values("_all")
            .annotate(**{name: Sum(name) for name in cls.totalled})
            .values(*cls.totalled)
        )
        return next(iter(sums), {})


def total(name: str):
    """A column's foot: its total (``ListTable.totals``; of no rows nothing), the Danish way."""

    def footer(table):
        return format_dkk((table.totals or {}).get(name) or Decimal("0.00"))

    return footer
