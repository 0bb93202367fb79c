"""The admin for people and organisations.

Central parties manage people here, within limits a superuser does not have: they change
only non-privileged users (never staff, superusers or central parties, never themselves),
never a password or an e-mail address, and never hand out admin powers. Every role granted
or revoked here is written to the role-change audit log. Users who acted on a request are
deactivated, never deleted.
"""

from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_field
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_widgets import SafeAutocompleteMixin
from accounts.models import (
    CentralPartyMember,
    FocusArea,
    Membership,
    Region,
    RegionalCoordinator,
    RoleChange,
    User,
    Workplace,
)
from accounts.privacy import PrivacyError, is_anonymised, user_anonymise
from accounts.selectors import user_has_request_events, user_is_admin_privileged
from accounts.services import role_change_log, side_conflict

ROLE_MODELS = {
    "accounts.Membership",
    "accounts.RegionalCoordinator",
    "accounts.CentralPartyMember",
    "providers.ProviderStaff",
}


# The admin's own login form asks for no second factor: allauth's login (with TOTP) instead;
# a logged-in user who is not staff gets 403 rather than a redirect loop.
admin.site.login = secure_admin_login(admin.site.login)


def may_change_user(request, user) -> bool:
    """Superusers change anyone; others only non-privileged users other than themselves."""
    if request.user.is_superuser:
        return True
    return user.pk != request.user.pk and not user_is_admin_privileged(user)


class RoleAuditMixin:
    """Writes a ``RoleChange`` for every role row added, changed or removed in the admin.

    On a ModelAdmin for a role model (``save_model``/``delete_model``) and for role inlines
    (``save_formset``) alike.
    """

    def save_model(self, request, obj, form, change):
        if self.model._meta.label not in ROLE_MODELS:
            return super().save_model(request, obj, form, change)
        before = type(obj).objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        self._log_change(request, before, obj)

    def delete_model(self, request, obj):
        if self.model._meta.label not in ROLE_MODELS:
            return super().delete_model(request, obj)
        snapshot = type(obj).objects.get(pk=obj.pk)
        super().delete_model(request, obj)
        role_change_log(actor=request.user, role=snapshot, granted=False)

    def delete_queryset(self, request, queryset):
        if self.model._meta.label not in ROLE_MODELS:
            return super().delete_queryset(request, queryset)
        snapshots = list(queryset)
        super().delete_queryset(request, queryset)
        for snapshot in snapshots:
            role_change_log(actor=request.user, role=snapshot, granted=False)

    def save_formset(self, request, form, formset, change):
        if formset.model._meta.label not in ROLE_MODELS:
            return super().save_formset(request, form, formset, change)
        # The forms' instances already carry the new values: read the old ones first.
        pks = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        stored = formset.model.objects.in_bulk(pks)
        before = {
            id(f.instance): stored[f.instance.pk]
            for f in formset.initial_forms
            if f.instance.pk in stored
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            role_change_log(actor=request.user, role=obj, granted=True)
        for obj, _fields in formset.changed_objects:
            self._log_change(request, before.get(id(obj)), obj)
        for obj in formset.deleted_objects:
            role_change_log(actor=request.user, role=before.get(id(obj), obj), granted=False)

    @staticmethod
    def _log_change(request, before, after):
        from accounts.services import _role_identity

        if before is not None:
            if (before.user_id, _role_identity(before)[1]) == (
                after.user_id,
                _role_identity(after)[1],
            ):
                return
            role_change_log(actor=request.user, role=before, granted=False)
        role_change_log(actor=request.user, role=after, granted=True)


class UserRoleInlineMixin:
    """A user's roles may be changed only by someone who may change that user."""

    def _may(self, request, obj):
        return obj is None or may_change_user(request, obj)

    def has_add_permission(self, request, obj):
        return self._may(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj) and super().has_delete_permission(request, obj)


class RoleSidesFormSet(BaseInlineFormSet):
    """A role added to a user here keeps the two sides apart, as the invitation does
    (``accounts.services.side_conflict``): no workplace role or coordinator role for a
    provider's staff."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:  # a user being added has no roles yet
            return
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            if self.model is RegionalCoordinator:
                role = "coordinator"
            else:
                role = form.cleaned_data.get("role")
            refusal = side_conflict(self.instance, role) if role else None
            if refusal:
                form.add_error(None, refusal)


class MembershipInline(SafeAutocompleteMixin, UserRoleInlineMixin, admin.TabularInline):
    model = Membership
    formset = RoleSidesFormSet
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["workplace"]
    fields = ["workplace", "role", "confirmed"]
    readonly_fields = ["confirmed"]

    @admin.display(description=_("confirmed"))
    def confirmed(self, membership):
        # The blank row for a new membership would show the default (now) before anything
        # is added; a membership added here is confirmed when it is saved.
        return display_for_field(
            membership.confirmed_at if membership.pk else None,
            Membership._meta.get_field("confirmed_at"),
            self.get_empty_value_display(),
        )


class CoordinatorInline(UserRoleInlineMixin, admin.TabularInline):
    model = RegionalCoordinator
    formset = RoleSidesFormSet
    extra = 0


class CentralPartyInline(admin.StackedInline):
    """Only a superuser makes someone a central party: it comes with admin access."""

    model = CentralPartyMember
    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class InvitedUserCreationForm(forms.ModelForm):
    """A new user as a central party creates one: no password; the person sets their own."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(RoleAuditMixin, BaseUserAdmin):
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
    central_add_fieldsets = ((None, {"fields": ("email", "first_name", "last_name")}),)
    inlines = [MembershipInline, CoordinatorInline, CentralPartyInline]
    actions = ["deactivate", "anonymise"]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return self.central_add_fieldsets
        # No password field, and with it no link to the password form.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in self.fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = InvitedUserCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser hands out admin powers, or changes where a password reset goes.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser and obj is not None:
            readonly += ["email", "is_superuser", "is_staff", "groups", "last_login", "date_joined"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_change_user(request, obj):
            return False  # shown read-only, if the user may view it
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (not may_change_user(request, obj) or user_has_request_events(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Only a superuser sets someone else's password; everyone else uses password reset.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_actions(self, request):
        # Bulk deletion would skip the per-user checks in has_delete_permission.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Deactivate"), permissions=["change"])
    def deactivate(self, request, queryset):
        """Users who acted on requests stay on the timeline: they are deactivated instead."""
        allowed = [user.pk for user in queryset if may_change_user(request, user)]
        count = User.objects.filter(pk__in=allowed, is_active=True).update(is_active=False)
        self.message_user(
            request,
            ngettext("%(count)d user was deactivated.", "%(count)d users were deactivated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        skipped = queryset.count() - len(allowed)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d user was skipped: you may not change that user.",
                    "%(count)d users were skipped: you may not change those users.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Anonymise former users"), permissions=["change"])
    def anonymise(self, request, queryset):
        """Forget former users (accounts.privacy): asks for confirmation first."""
        users = [u for u in queryset if may_change_user(request, u) and not is_anonymised(u)]
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/accounts/user/anonymise_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Anonymise former users"),
                    "users": users,
                    "skipped": queryset.count() - len(users),
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        done = 0
        for user in users:
            try:
                user_anonymise(user_pk=user.pk, by=request.user)
            except PrivacyError as error:
                self.message_user(request, f"{user}: {error}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d user was anonymised.", "%(count)d users were anonymised.", done)
            % {"count": done},
            messages.SUCCESS,
        )
        return None


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """The audit log is read-only for everyone."""

    list_display = ["created_at", "subject", "action", "description", "actor"]
    list_filter = ["action", "kind"]
    search_fields = ["subject__email", "actor__email", "description"]
    list_select_related = ["subject", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "model", "model_decided_on"]
    inlines = [FocusAreaInline]


@admin.register(Workplace)
class WorkplaceAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "region", "parent"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
