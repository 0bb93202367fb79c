"""Proposals that new times replaced before the state "Replaced by new times" existed were
set to "Cancelled"; the cancel event written then names them (``replaced_by_new_times``)."""

from django.db import migrations


def mark_replaced(apps, schema_editor):
    RequestEvent = apps.get_model("requests_app", "RequestEvent")
    MeetingProposal = apps.get_model("dialogue", "MeetingProposal")
    replaced = []
    events = RequestEvent.objects.filter(
        action="meeting.cancelled", data__has_key="replaced_by_new_times"
    )
    for data in events.values_list("data", flat=True):
        replaced += [pk for pk in data.get("replaced_by_new_times") or [] if isinstance(pk, int)]
    MeetingProposal.objects.filter(pk__in=replaced, state="cancelled").update(state="replaced")


def mark_cancelled(apps, schema_editor):
    MeetingProposal = apps.get_model("dialogue", "MeetingProposal")
    MeetingProposal.objects.filter(state="replaced").update(state="cancelled")


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0003_meeting_replaced_state"),
        ("requests_app", "0018_contract_invoiced_amount"),
    ]

    operations = [migrations.RunPython(mark_replaced, mark_cancelled)]
