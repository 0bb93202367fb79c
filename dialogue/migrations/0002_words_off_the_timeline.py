"""The dialogue's words off the request's timeline for rows written before they were kept
there (issue 18 audit, point 1): the answer asking for other times, a cancellation's reason
and a recorded contact's participants and note stay on the dialogue's own rows; the events
lose them, and a "dialogue started" note that named a contact's participants becomes the
neutral one. The event log is append-only; this one-off correction updates it as the
retention job does (``bulk_update``, past ``RequestEvent.save``'s guard)."""

from django.db import migrations

DIALOGUE_ACTIONS = ["meeting.other_times", "meeting.cancelled", "contact.recorded"]
WORDS = ("note", "reason")
CONTACT_PREFIXES = ("Kontakt registreret: ", "Contact recorded: ")
NEUTRAL = "Udbyderen registrerede et opkald eller møde"


def forwards(apps, schema_editor):
    RequestEvent = apps.get_model("requests_app", "RequestEvent")
    Request = apps.get_model("requests_app", "Request")
    changed = []
    for event in RequestEvent.objects.filter(action__in=DIALOGUE_ACTIONS).iterator():
        if any(key in event.data for key in WORDS):
            event.data = {k: v for k, v in event.data.items() if k not in WORDS}
            changed.append(event)
    for event in RequestEvent.objects.filter(action="request.dialogue_started").iterator():
        if str(event.data.get("note", "")).startswith(CONTACT_PREFIXES):
            event.data = {**event.data, "note": NEUTRAL}
            changed.append(event)
    RequestEvent.objects.bulk_update(changed, ["data"], batch_size=500)
    for prefix in CONTACT_PREFIXES:
        Request.objects.filter(dialogue_note__startswith=prefix).update(dialogue_note=NEUTRAL)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_initial"),
        ("requests_app", "0013_event_actions_dialogue"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
