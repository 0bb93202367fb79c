"""The library in the admin: central users edit items, their themes and examples."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from library.models import GUIDE_FIELDS, Example, Item, Theme
from library.services import item_reindex


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]


class ExampleInline(admin.StackedInline):
    model = Example
    extra = 0


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "source_document", "source_section", "position"]
    list_filter = ["kind", "themes", "source_document"]
    search_fields = ["title", "title_en", "summary", "keywords"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ExampleInline]
    fieldsets = [
        (
            None,
            {"fields": ["kind", "title", "title_en", "slug", "themes", "main_theme", "position"]},
        ),
        (_("Text"), {"fields": ["summary", "summary_en", "body", "keywords"]}),
        (_("Source"), {"fields": ["source_document", "source_section", "provider_slug"]}),
        (
            _("Tool guide"),
            {
                "fields": [*GUIDE_FIELDS, "guide_notes"],
                "classes": ["collapse"],
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item_reindex(item=form.instance)
