"""The questionnaires in the admin, for the central parties.

A version that has answers is shown read-only and cannot be deleted: it is replaced by a copy
("Copy as a new version"), edited and published. Rounds, responses and delivery reports are
read-only here; answers are not shown at all (results are aggregated on the results pages).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from evaluations.models import (
    Choice,
    DeliveryReport,
    EvaluationRound,
    Question,
    Questionnaire,
    QuestionnaireVersion,
)
from evaluations.services.questionnaires import version_copy, version_publish
from requests_app.services.base import RequestError


def _locked(version) -> bool:
    return version is not None and version.pk is not None and version.responses.exists()


class LockedWhenAnsweredMixin:
    """No change or deletion of a version (or its questions) once someone has answered it."""

    def version_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        if obj is not None and _locked(self.version_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (_locked(self.version_of(obj)) or self._in_use(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def _in_use(self, obj) -> bool:
        version = self.version_of(obj)
        return version is not None and version.rounds.exists()


class QuestionInline(LockedWhenAnsweredMixin, admin.TabularInline):
    model = Question
    fields = ["order", "code", "kind", "text_da", "text_en", "required"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title_da", "kind"]


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(LockedWhenAnsweredMixin, admin.ModelAdmin):
    list_display = ["questionnaire", "number", "published_at"]
    list_filter = ["questionnaire"]
    readonly_fields = ["published_at", "created_at"]
    inlines = [QuestionInline]
    actions = ["copy_version", "publish_version"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["questionnaire", "number"]
        return fields

    @admin.action(description=_("Copy as a new version (to edit)"))
    def copy_version(self, request, queryset):
        for version in queryset:
            copy = version_copy(version=version)
            self.message_user(request, _("Created %(version)s.") % {"version": copy})

    @admin.action(description=_("Publish: new rounds use this version"))
    def publish_version(self, request, queryset):
        for version in queryset:
            try:
                version_publish(version=version)
            except RequestError as error:
                self.message_user(request, f"{version}: {error}", messages.ERROR)
            else:
                self.message_user(request, _("Published %(version)s.") % {"version": version})


class ChoiceInline(LockedWhenAnsweredMixin, admin.TabularInline):
    model = Choice
    fields = ["order", "text_da", "text_en"]
    extra = 0

    def version_of(self, obj):
        return obj.version if isinstance(obj, Question) else obj.question.version

    def has_add_permission(self, request, obj=None):
        return not (obj and _locked(obj.version)) and super().has_add_permission(request, obj)


@admin.register(Question)
class QuestionAdmin(LockedWhenAnsweredMixin, admin.ModelAdmin):
    list_display = ["text_da", "code", "kind", "version"]
    list_filter = ["version__questionnaire", "kind"]
    inlines = [ChoiceInline]

    def version_of(self, obj):
        return obj.version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnlyAdmin):
    list_display = ["request", "kind", "opens_at", "closes_at", "closed_at"]
    list_filter = ["kind", "closed_without_responses"]
    exclude = ["token_salt", "token_hash"]
    list_select_related = ["request"]


@admin.register(DeliveryReport)
class DeliveryReportAdmin(ReadOnlyAdmin):
    list_display = ["request", "hours", "participants", "updated_at"]
    list_select_related = ["request"]
