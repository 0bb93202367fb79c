"""Seed the five regions with the model each main committee chose (001 section 5)."""

import datetime

from django.db import migrations

from providers import seed_data


def seed_regions(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    FocusArea = apps.get_model("accounts", "FocusArea")
    for row in seed_data.REGIONS:
        region, _ = Region.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "model": row["model"],
                "model_decided_on": datetime.date.fromisoformat(row["decided_on"]),
                "notes": row.get("notes", ""),
            },
        )
        for position, name in enumerate(row["focus_areas"]):
            FocusArea.objects.update_or_create(
                region=region, name=name, defaults={"position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed_regions, migrations.RunPython.noop)]
