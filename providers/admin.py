from django.contrib import admin

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


class ProviderStaffInline(admin.TabularInline):
    model = ProviderStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "contact_person", "is_active", "position"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [OfferingInline, ProviderStaffInline]


class BudgetPeriodInline(admin.TabularInline):
    model = BudgetPeriod
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    filter_horizontal = ["providers"]
    inlines = [BudgetPeriodInline]


class BudgetFrameInline(admin.TabularInline):
    model = BudgetFrame
    extra = 0


@admin.register(BudgetPeriod)
class BudgetPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on"]
    inlines = [BudgetFrameInline]
