"""An autocomplete widget for the admin that a hostile or mistyped value cannot break, used
by every admin and inline with ``autocomplete_fields`` (accounts, providers)."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

# No database key is wider than a signed 64-bit integer.
KEY_LIMIT = 2**63 - 1


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the posted value up to show it again; text in an id
    field made that lookup raise, a 500 where the form should show its error (found by the form
    fuzzing, issue 16), as did a number beyond 64 bits. Values that cannot be a key are left
    out of the lookup; the field's own validation still reports them."""

    def optgroups(self, name, value, attr=None):
        keys = []
        for item in value:
            try:
                key = self.field.target_field.to_python(item)
            except (ValidationError, TypeError, ValueError):
                continue
            if isinstance(key, int) and not -KEY_LIMIT <= key <= KEY_LIMIT:
                continue
            keys.append(item)
        return super().optgroups(name, keys, attr)


class SafeAutocompleteMixin:
    """An admin or inline whose ``autocomplete_fields`` use ``SafeAutocompleteSelect``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
