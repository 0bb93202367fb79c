from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    CentralPartyMember,
    FocusArea,
    Membership,
    Region,
    RegionalCoordinator,
    User,
    Workplace,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["workplace"]


class CoordinatorInline(admin.TabularInline):
    model = RegionalCoordinator
    extra = 0


class CentralPartyInline(admin.StackedInline):
    model = CentralPartyMember
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [MembershipInline, CoordinatorInline, CentralPartyInline]

    def get_readonly_fields(self, request, obj=None):
        # Central parties manage people here, but only a superuser hands out admin powers.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "is_staff", "groups"]
        return readonly


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "model", "model_decided_on"]
    inlines = [FocusAreaInline]


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "parent"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
