"""A month as a list filter: ``2026-11`` means "by the end of November in Copenhagen", as the
burn-down counts its months (``TruncMonth``, ``dashboards.selectors.budgets._as_month``)."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import DateTimeField
from django.utils import timezone
from django.utils.translation import gettext_lazy


class MonthField(forms.DateField):
    """A month as ``2026-11`` (what ``<input type="month">`` sends), cleaned to its first day."""

    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    default_error_messages = {"invalid": gettext_lazy("Enter a month as YYYY-MM, e.g. 2026-11.")}

    def to_python(self, value):
        month = super().to_python(value)
        if month and (month.year, month.month) == (datetime.MAXYEAR, 12):
            # It has no end to count up to (the next month's first day does not exist).
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month


def next_month(month: datetime.date) -> datetime.date:
    """The first day of the month after ``month``."""
    return (month + datetime.timedelta(days=32)).replace(day=1)


def month_end(month: datetime.date) -> datetime.datetime:
    """The first moment after ``month`` in Copenhagen: a time before it is by the month's end."""
    return timezone.make_aware(datetime.datetime.combine(next_month(month), datetime.time()))


class ByMonthFilter(django_filters.Filter):
    """The rows whose date or time falls by the end of the month, in local time as the
    burn-down's months are: before the first moment of the next month in Copenhagen, or for a
    date up to the month's last day."""

    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        timed = isinstance(qs.model._meta.get_field(self.field_name), DateTimeField)
        bound = month_end(value) if timed else next_month(value)
        return qs.filter(**{f"{self.field_name}__lt": bound})
