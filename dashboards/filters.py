"""The filters of the request, contract and invoice lists (django-filter), shared by the API.

Every filter is a query parameter, so a filtered list can be bookmarked and a dashboard
figure links to the list behind it: ``programme`` and ``period`` (primary keys), ``region``
and ``provider`` (slugs), ``theme`` (a theme's slug), ``status`` (the list's own status
values, and the groups a dashboard figure counts: requests ``contract_draft``, contracts
``in_force``, invoices ``booked``, ``unattested``, ``attested``), ``overdue=1`` (an open
deadline past due; ``overdue=dialogue`` or ``contract`` for that deadline only) and ``q``
(search); the requests also ``reached=1`` (those that reached the provider: the deadline
table's "Requests received"), ``met=dialogue|contract`` (the pipeline's medians count these)
and ``sla=dialogue_on_time|dialogue_late|contract_on_time|contract_late`` (the deadline
shares); for the burn-down's months the invoices ``submitted_by`` and ``paid_by`` and the
contracts ``concluded_by`` a month (``2026-11``: by its end in Copenhagen). A value that is
not one of the choices makes the FilterSet invalid; the page then says so in Danish and leaves
that filter out, the API answers 400 (``errors_text``). A region or provider outside the
user's scope is not among the choices (``Scope.offered_regions``), so it is such a value too.
The contract list also shows what each contract has invoiced and still commits
(``budgets.contract_rest``), so the list behind a "committed" figure adds up to it.

The five dashboard filters mean here exactly what they mean on the dashboards: they are
applied through ``dashboards.selectors.filters.DashboardFilters`` (a request belongs to a
period by the day it reached the provider, a contract and an invoice by their frame), and
the rows start from the dashboards' scope (``dashboards.permissions.dashboard_scope``), so a
figure and the list behind it count the same rows.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import Region
from dashboards.months import ByMonthFilter, month_end
from dashboards.permissions import dashboard_scope
from dashboards.rows import contracts_rows, invoices_rows, requests_rows  # noqa: F401 (the API's)
from dashboards.selectors import budgets
from dashboards.selectors.deadlines import (
    CONTRACT_DRAFTING,
    REACHED,
    SLA_DAYS,
    overdue_requests_q,
    sla_outcome_q,
)
from dashboards.selectors.filters import DashboardFilters
from providers.forms import PeriodOfProgrammeMixin
from providers.models import BudgetPeriod, Programme, Provider, Theme
from requests_app.models import Contract, Deadline, Invoice, Request, Status
from requests_app.models.requests import REFERENCE_PREFIX, request_reference

YES = [("1", gettext_lazy("Yes"))]
OVERDUE = [
    *YES,
    (Deadline.Kind.DIALOGUE.value, gettext_lazy("The dialogue deadline")),
    (Deadline.Kind.CONTRACT.value, gettext_lazy("The contract deadline")),
]
SHARED = ("programme", "period", "region", "provider", "theme")
# A request's reference (``A-000123``), as the lists, the exports and the API show it.
reference = request_reference


class ListFilterForm(PeriodOfProgrammeMixin, forms.Form):
    pass


def _regions(request):
    """The regions the user may choose: a coordinator their own (``Scope.offered_regions``);
    another is not among the choices, so it is named as not understood, not an empty list.
    Without a request (the API) every region, as before."""
    regions = Region.objects.order_by("name")
    if request is None:
        return regions
    return dashboard_scope(request.user).offered_regions_of(regions)


def _providers(request):
    """The providers the user may choose: provider staff their own."""
    providers = Provider.objects.order_by("position", "short_name")
    if request is None:
        return providers
    return dashboard_scope(request.user).offered_providers_of(providers)


def _keep(queryset, name, value):
    """The shared filters are applied together in ``filter_queryset``."""
    return queryset


class ListFilter(django_filters.FilterSet):
    """The filters every list has; ``request_path`` leads from a row to its request."""

    request_path = ""  # "" for requests, "request__" for contracts, "contract__request__" …

    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Programme"),
        queryset=Programme.objects.order_by("-starts_on", "-pk"),
        empty_label=gettext_lazy("All"),
        method=_keep,
    )
    period = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Budget period"),
        queryset=BudgetPeriod.objects.select_related("programme").order_by(
            "programme__starts_on", "programme_id", "starts_on"
        ),
        empty_label=gettext_lazy("All"),
        method=_keep,
    )
    region = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Region"),
        queryset=_regions,
        to_field_name="slug",
        empty_label=gettext_lazy("All"),
        method=_keep,
    )
    provider = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Provider"),
        queryset=_providers,
        to_field_name="slug",
        empty_label=gettext_lazy("All"),
        method=_keep,
    )
    theme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Theme"),
        queryset=Theme.objects.order_by("position", "pk"),
        to_field_name="slug",
        empty_label=gettext_lazy("All"),
        method=_keep,
    )
    overdue = django_filters.ChoiceFilter(
        label=gettext_lazy("Overdue"),
        choices=OVERDUE,
        empty_label=gettext_lazy("All"),
        method="is_overdue",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def get_form_class(self):
        return type("Form", (ListFilterForm, super().get_form_class()), {})

    def _path(self, rest: str) -> str:
        return f"{self.request_path}{rest}"

    def dashboard_filters(self) -> DashboardFilters:
        data = self.form.cleaned_data if self.is_bound else {}
        return DashboardFilters(**{name: data.get(name) for name in SHARED})

    def shared_q(self, filters: DashboardFilters) -> Q:
        return filters.requests_q(self.request_path)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.filter(self.shared_q(self.dashboard_filters()))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(**{self._path("title__icontains"): value}) | Q(
            **{self._path("workplace__name__icontains"): value}
        )
        digits = value.upper().removeprefix(REFERENCE_PREFIX)
        if digits.isdecimal():  # "²".isdigit() is true, but int("²") is a ValueError
            match |= Q(**{self._path("pk"): int(digits)})
        return queryset.filter(match | self.search_more(value))

    def search_more(self, value) -> Q:
        return Q(pk__in=[])

    def is_overdue(self, queryset, name, value):
        if not value:
            return queryset
        kind = None if value == "1" else value
        if not self.request_path:
            return queryset.filter(overdue_requests_q(kind=kind))
        overdue = Request.objects.filter(overdue_requests_q(kind=kind)).values("pk")
        return queryset.filter(**{self._path("pk__in"): overdue})


FIELDS = ["q", "programme", "period", "region", "provider", "theme", "status", "overdue"]


class RequestFilter(ListFilter):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            *[c for c in Status.choices if c[0] != Status.DRAFT],
            ("contract_draft", gettext_lazy("Contract being drafted")),
        ],
        empty_label=gettext_lazy("All"),
        method="by_status",
    )
    # The pipeline's medians count the requests that reached the provider and met this.
    met = django_filters.ChoiceFilter(
        label=gettext_lazy("Reached"),
        choices=[
            ("dialogue", gettext_lazy("Dialogue taken up")),
            ("contract", gettext_lazy("Contract concluded")),
        ],
        empty_label=gettext_lazy("All"),
        method="has_met",
    )
    # The deadline shares: a decided deadline met on time, or late (``sla_outcome_q``).
    sla = django_filters.ChoiceFilter(
        label=gettext_lazy("Deadline kept"),
        choices=[
            ("dialogue_on_time", gettext_lazy("Dialogue within 7 days")),
            ("dialogue_late", gettext_lazy("Dialogue late")),
            ("contract_on_time", gettext_lazy("Contract within 28 days")),
            ("contract_late", gettext_lazy("Contract late")),
        ],
        empty_label=gettext_lazy("All"),
        method="kept",
    )

    # The deadline table's "Requests received": those that reached the provider.
    reached = django_filters.ChoiceFilter(
        label=gettext_lazy("Reached the provider"),
        choices=YES,
        empty_label=gettext_lazy("All"),
        method="has_reached",
    )

    class Meta:
        model = Request
        fields = [*FIELDS, "met", "sla", "reached"]

    def by_status(self, queryset, name, value):
        if not value:
            return queryset
        if value == "contract_draft":
            return queryset.filter(CONTRACT_DRAFTING)
        return queryset.filter(status=value)

    def has_met(self, queryset, name, value):
        met = {
            "dialogue": Q(dialogue_started_on__isnull=False),
            "contract": Q(contract__concluded_at__isnull=False),
        }.get(value)
        if met is None:
            return queryset
        return queryset.filter(met, reached_provider_at__isnull=False)

    def has_reached(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(REACHED)

    def kept(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.annotate(**SLA_DAYS).filter(REACHED).filter(sla_outcome_q(value, today))


def _states(groups: dict):
    """A status filter that also takes the budget figures' groups of states."""

    def by_state(queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state__in=groups.get(value, [value]))

    return by_state


# What a budget figure counts (``dashboards.selectors.budgets``, the ledger's formulas).
CONTRACT_GROUPS = {"in_force": [Contract.State.CONCLUDED, Contract.State.CLOSED]}
INVOICE_GROUPS = {
    "booked": [s for s in Invoice.State if s != Invoice.State.RETURNED],
    "unattested": [Invoice.State.AWAITING_DELIVERY, Invoice.State.AWAITING_REGION],
    "attested": [Invoice.State.AWAITING_PAYMENT, Invoice.State.PAID],
}


class ContractFilter(ListFilter):
    request_path = "request__"
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            *Contract.State.choices,
            ("in_force", gettext_lazy("Concluded or closed (committing the frame)")),
        ],
        empty_label=gettext_lazy("All"),
        method=_states(CONTRACT_GROUPS),
    )
    concluded_by = ByMonthFilter(
        field_name="concluded_at", label=gettext_lazy("Concluded by the end of the month")
    )

    class Meta:
        model = Contract
        fields = [*FIELDS, "concluded_by"]

    def shared_q(self, filters):
        return filters.contracts_q()

    @property
    def qs(self):
        """The rows with what each has invoiced and still commits (``contract_rest``): by the
        end of the ``concluded_by`` month when one is chosen, as the burn-down counts it."""
        if not hasattr(self, "_qs"):
            rows = super().qs  # validates the form first, when bound
            month = self.form.cleaned_data.get("concluded_by") if self.is_bound else None
            self._qs = rows.annotate(**budgets.contract_rest(by=month and month_end(month)))
        return self._qs


class InvoiceFilter(ListFilter):
    request_path = "contract__request__"
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            *Invoice.State.choices,
            ("booked", gettext_lazy("Invoiced (not returned)")),
            ("unattested", gettext_lazy("Invoiced, not attested")),
            ("attested", gettext_lazy("Attested (awaiting payment or paid)")),
        ],
        empty_label=gettext_lazy("All"),
        method=_states(INVOICE_GROUPS),
    )
    submitted_by = ByMonthFilter(
        field_name="submitted_at", label=gettext_lazy("Submitted by the end of the month")
    )
    paid_by = ByMonthFilter(
        field_name="paid_on", label=gettext_lazy("Paid by the end of the month")
    )

    class Meta:
        model = Invoice
        fields = [*FIELDS, "submitted_by", "paid_by"]

    def shared_q(self, filters):
        return filters.invoices_q()

    def search_more(self, value) -> Q:
        return Q(number__icontains=value)


def errors_text(filterset) -> str:
    """The FilterSet's errors, one Danish sentence per bad parameter."""
    form = filterset.form
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        parts.append(f"{label} ({name}): {' '.join(str(error) for error in errors)}")
    return " ".join(parts)
