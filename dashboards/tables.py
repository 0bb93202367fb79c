"""The tables of the request, contract and invoice lists (django-tables2, Bootstrap 5).

Each table names its columns once; ``export_headers`` and ``export_row`` give the CSV and
XLSX exports the same columns in the same order, with money and dates as values (numbers,
dates) where the page shows them the Danish way.
"""

import django_tables2 as tables
from django.db.models import Case, CharField, Exists, OuterRef, Value, When
from django.db.models.functions import Concat
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dashboards.filters import reference
from providers.models import Theme
from providers.money import format_dkk
from requests_app.models import Request

TEMPLATE = "dashboards/lists/_table.html"


def _local(value):
    return timezone.localtime(value) if value is not None else None


def _local_date(value):
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


class RequestTable(ListTable):
    reference = tables.Column(
        verbose_name=_("Reference"), accessor="pk", linkify=lambda record: record.get_absolute_url()
    )
    title = tables.Column(verbose_name=_("Title"), order_by=("title", "pk"))
    workplace = tables.Column(verbose_name=_("Workplace"), order_by=("workplace__name", "pk"))
    region = tables.Column(
        verbose_name=_("Region"),
        accessor="workplace__region__name",
        order_by=("workplace__region__name", "pk"),
    )
    provider = tables.Column(
        verbose_name=_("Provider"),
        accessor="provider__short_name",
        order_by=("provider__position", "pk"),
        default="–",
    )
    themes = tables.Column(verbose_name=_("Themes"), accessor="pk", orderable=False)
    status = tables.Column(verbose_name=_("Status"), order_by=("status", "pk"))
    reached_provider_at = DateColumn(
        verbose_name=_("Reached the provider"), order_by=("reached_provider_at", "pk")
    )
    dialogue_due = DateColumn(verbose_name=_("Dialogue due"), order_by=("dialogue_due", "pk"))
    contract_due = DateColumn(verbose_name=_("Contract due"), order_by=("contract_due", "pk"))
    amount = MoneyColumn(
        verbose_name=_("Amount"),
        accessor="contract__reserved_amount",
        order_by=("contract__reserved_amount", "pk"),
        default="–",
    )

    shown = (  # the request's own columns, then its workplace's, provider's and contract's
        *("title", "status", "other_theme", "reached_provider_at", "dialogue_due", "contract_due"),
        *("workplace__name", "workplace__parent__name", "workplace__region__name"),
        *("provider__short_name", "contract__reserved_amount"),
    )

    class Meta:
        empty_text = _("No requests match the filter.")
        attrs = {"class": "table table-sm align-middle", "id": "list-table"}

    def render_reference(self, value):
        return reference(value)

    def render_themes(self, record):
        return themes_text(record)

    def cells(self, r) -> list:
        contract = getattr(r, "contract", None)
        return [
            link(r.get_absolute_url(), reference(r.pk)),
            r.title,
            r.workplace,
            r.workplace.region.name,
            r.provider.short_name if r.provider_id else "–",
            themes_text(r),
            r.get_status_display(),
            short_date(r.reached_provider_at),
            short_date(r.dialogue_due),
            short_date(r.contract_due),
            money(contract.reserved_amount if contract is not None else None),
        ]

    def render_status(self, record):
        return record.get_status_display()

    @classmethod
    def export_queryset(cls, queryset):
        return with_theme_names(queryset)

    @classmethod
    def export_row(cls, r) -> list:
        contract = getattr(r, "contract", None)
        return [
            reference(r.pk),
            r.title,
            str(r.workplace),
            r.workplace.region.name,
            r.provider.short_name if r.provider_id else None,
            themes_text(r),
            r.get_status_display(),
            _local(r.reached_provider_at),
            _local_date(r.dialogue_due),
            _local_date(r.contract_due),
            contract.reserved_amount if contract is not None else None,
        ]


# Between the theme names an export reads in its one query (a character no name holds).
THEME_SEPARATOR = "\x1f"


def with_theme_names(requests):
    """The requests with their themes' names in one column (``theme_names``), in the themes'
    order: an export then reads every row in one query however many chunks it streams (a
    prefetch would cost a query per chunk). One query for the themes, a few of them."""
    through = Request.themes.through.objects
    parts = [
        Case(
            When(
                Exists(through.filter(request=OuterRef("pk"), theme=theme.pk)),
                then=Value(theme.name + THEME_SEPARATOR),
            ),
            default=Value(""),
            output_field=CharField(),
        )
        for theme in Theme.objects.order_by("position", "pk")
    ]
    names = Concat(*parts, Value(""), output_field=CharField()) if parts else Value("")
    return requests.prefetch_related(None).annotate(theme_names=names)


def themes_text(request) -> str:
    """The request's themes (prefetched, or read by ``with_theme_names``) and its other
    theme, comma-separated."""
    listed = getattr(request, "theme_names", None)
    if listed is not None:
        names = [name for name in listed.split(THEME_SEPARATOR) if name]
    else:
        names = [theme.name for theme in request.themes.all()]
    if request.other_theme:
        names.append(request.other_theme)
    return ", ".join(names)


class ContractTable(ListTable):
    reference = tables.Column(
        verbose_name=_("Reference"),
        accessor="request_id",
        linkify=lambda record: record.request.get_absolute_url(),
        order_by=("request_id",),
    )
    title = tables.Column(
        verbose_name=_("Request"), accessor="request__title", order_by=("request__title", "pk")
    )
    workplace = tables.Column(
        verbose_name=_("Workplace"),
        accessor="request__workplace",
        order_by=("request__workplace__name", "pk"),
    )
    region = tables.Column(
        verbose_name=_("Region"),
        accessor="request__workplace__region__name",
        order_by=("request__workplace__region__name", "pk"),
    )
    provider = tables.Column(
        verbose_name=_("Provider"),
        accessor="request__provider__short_name",
        order_by=("request__provider__position", "pk"),
    )
    period = tables.Column(
        verbose_name=_("Budget period"),
        accessor="frame__period",
        order_by=("frame__period__starts_on", "pk"),
        default="–",
    )
    state = tables.Column(verbose_name=_("Status"), order_by=("state", "pk"))
    concluded_at = DateColumn(verbose_name=_("Concluded"), order_by=("concluded_at", "pk"))
    delivered_on = DateColumn(verbose_name=_("Delivered on"), order_by=("delivered_on", "pk"))
    amount = MoneyColumn(
        verbose_name=_("Amount"), accessor="amount", order_by=("amount", "pk"), default="–"
    )

    class Meta:
        empty_text = _("No contracts match the filter.")
        attrs = {"class": "table table-sm align-middle", "id": "list-table"}

    def render_reference(self, value):
        return reference(value)

    def render_state(self, record):
        return record.get_state_display()

    def cells(self, c) -> list:
        request = c.request
        return [
            link(request.get_absolute_url(), reference(request.pk)),
            request.title,
            request.workplace,
            request.workplace.region.name,
            request.provider.short_name if request.provider_id else "—",
            c.frame.period if c.frame_id else "–",
            c.get_state_display(),
            short_date(c.concluded_at),
            short_date(c.delivered_on),
            money(c.amount),
        ]

    @classmethod
    def export_row(cls, c) -> list:
        request = c.request
        return [
            reference(request.pk),
            request.title,
            str(request.workplace),
            request.workplace.region.name,
            request.provider.short_name if request.provider_id else None,
            str(c.frame.period) if c.frame_id else None,
            c.get_state_display(),
            _local(c.concluded_at),
            c.delivered_on,
            c.amount,
        ]


class InvoiceTable(ListTable):
    number = tables.Column(
        verbose_name=_("Invoice number"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("number", "pk"),
    )
    reference = tables.Column(
        verbose_name=_("Reference"),
        accessor="contract__request_id",
        order_by=("contract__request_id", "pk"),
    )
    provider = tables.Column(
        verbose_name=_("Provider"),
        accessor="provider__short_name",
        order_by=("provider__position", "pk"),
    )
    workplace = tables.Column(
        verbose_name=_("Workplace"),
        accessor="contract__request__workplace",
        order_by=("contract__request__workplace__name", "pk"),
    )
    region = tables.Column(
        verbose_name=_("Region"),
        accessor="contract__request__workplace__region__name",
        order_by=("contract__request__workplace__region__name", "pk"),
    )
    period = tables.Column(
        verbose_name=_("Budget period"),
        accessor="frame__period",
        order_by=("frame__period__starts_on", "pk"),
    )
    invoice_date = DateColumn(verbose_name=_("Invoice date"), order_by=("invoice_date", "pk"))
    amount = MoneyColumn(verbose_name=_("Amount"), order_by=("amount", "pk"))
    state = tables.Column(verbose_name=_("Status"), order_by=("state", "pk"))
    paid_on = DateColumn(verbose_name=_("Paid on"), order_by=("paid_on", "pk"))

    class Meta:
        empty_text = _("No invoices match the filter.")
        attrs = {"class": "table table-sm align-middle", "id": "list-table"}

    def render_reference(self, value):
        return reference(value)

    def render_state(self, record):
        return record.get_state_display()

    def cells(self, i) -> list:
        request = i.contract.request
        return [
            link(i.get_absolute_url(), i.number),
            reference(request.pk),
            i.provider.short_name,
            request.workplace,
            request.workplace.region.name,
            i.frame.period,
            short_date(i.invoice_date),
            money(i.amount),
            i.get_state_display(),
            short_date(i.paid_on),
        ]

    @classmethod
    def export_row(cls, i) -> list:
        request = i.contract.request
        return [
            i.number,
            reference(request.pk),
            i.provider.short_name,
            str(request.workplace),
            request.workplace.region.name,
            str(i.frame.period),
            i.invoice_date,
            i.amount,
            i.get_state_display(),
            i.paid_on,
        ]
