"""The tables of the request, contract and invoice lists (django-tables2, Bootstrap 5).

Each table names its columns once; ``export_headers`` and ``export_row`` give the CSV and
XLSX exports the same columns in the same order, with money and dates as values (numbers,
dates) where the page shows them the Danish way.
"""

import django_tables2 as tables
from django.db.models import Case, CharField, Exists, OuterRef, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from dashboards.filters import reference
from dashboards.table_base import (
    DateColumn,
    ListTable,
    MoneyColumn,
    link,
    local_day,
    local_time,
    money,
    short_date,
    total,
)
from providers.models import Theme
from requests_app.models import Request


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
            local_time(r.reached_provider_at),
            local_day(r.dialogue_due),
            local_day(r.contract_due),
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
                then=Value(str(theme) + THEME_SEPARATOR),
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
        names = [str(theme) for theme in request.themes.all()]  # in the reader's language
    if request.other_theme:
        names.append(request.other_theme)
    return ", ".join(names)


class ContractTable(ListTable):
    """Beside each contract's amount, what has been invoiced on it and what it still commits
    (``budgets.contract_rest``, annotated by ``ContractFilter``): the list behind a budget's
    or a burn-down month's "committed" figure adds up to it in the foot."""

    reference = tables.Column(
        verbose_name=_("Reference"),
        accessor="request_id",
        linkify=lambda record: record.request.get_absolute_url(),
        order_by=("request_id",),
        footer=_("Total"),
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
        verbose_name=_("Amount"),
        accessor="amount",
        order_by=("amount", "pk"),
        default="–",
        footer=total("amount"),
    )
    invoiced = MoneyColumn(
        verbose_name=_("Invoiced"), order_by=("invoiced", "pk"), footer=total("invoiced")
    )
    committed = MoneyColumn(
        verbose_name=_("Committed"),
        order_by=("committed", "pk"),
        default="–",
        footer=total("committed"),
    )

    totalled = ("amount", "invoiced", "committed")

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
            money(c.invoiced),
            money(c.committed),
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
            local_time(c.concluded_at),
            c.delivered_on,
            c.amount,
            c.invoiced,
            c.committed,
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
