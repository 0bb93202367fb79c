from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts.admin import RoleAuditMixin
from accounts.admin_widgets import SafeAutocompleteMixin
from accounts.selectors import user_is_admin_privileged
from accounts.services import side_conflict
from providers.forms import BudgetFrameAdminForm, BudgetPeriodAdminForm
from providers.models import (
    BudgetFrame,
    BudgetPeriod,
    Offering,
    Programme,
    Provider,
    ProviderStaff,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position"]


class OfferingInline(admin.StackedInline):
    model = Offering
    extra = 0


class ProviderStaffFormSet(BaseInlineFormSet):
    """Refuses a non-superuser's change to the provider role of themself or a privileged user,
    and anyone's making a workplace's local party or a coordinator provider staff."""

    request_user = None

    def clean(self):
        super().clean()
        for form in self.forms:  # the two sides stay apart, as the invitation keeps them
            user = form.cleaned_data.get("user") if form.has_changed() else None
            refusal = side_conflict(user, "provider") if user is not None else None
            if refusal and not self._should_delete_form(form):
                form.add_error("user", refusal)
        if self.request_user is None or self.request_user.is_superuser:
            return
        stored = [form.initial.get("user") for form in self.initial_forms if form.has_changed()]
        stored += [form.initial.get("user") for form in self.deleted_forms]
        users = get_user_model().objects.filter(pk__in=[pk for pk in stored if pk])
        if any(user.pk == self.request_user.pk or user_is_admin_privileged(user) for user in users):
            raise forms.ValidationError(
                _("You may not change the roles of your own account or of a privileged account.")
            )


class ProviderStaffInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ProviderStaff
    formset = ProviderStaffFormSet
    extra = 0
    autocomplete_fields = ["user"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A central party may not make themself, or another privileged account, provider staff.
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=False, is_superuser=False, central_party__isnull=True)
                .exclude(Q(pk=request.user.pk))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Provider)
class ProviderAdmin(RoleAuditMixin, admin.ModelAdmin):
    list_display = ["short_name", "name", "contact_person", "is_active", "position"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [OfferingInline, ProviderStaffInline]


class BudgetPeriodInline(admin.TabularInline):
    model = BudgetPeriod
    form = BudgetPeriodAdminForm
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    filter_horizontal = ["providers"]
    inlines = [BudgetPeriodInline]


class BudgetFrameInline(admin.TabularInline):
    model = BudgetFrame
    form = BudgetFrameAdminForm
    extra = 0


@admin.register(BudgetPeriod)
class BudgetPeriodAdmin(admin.ModelAdmin):
    form = BudgetPeriodAdminForm
    list_display = ["name", "programme", "starts_on", "ends_on"]
    inlines = [BudgetFrameInline]
