"""Seed themes, the four providers with their offerings (000 Bilag 2) and the programme."""

import datetime
from decimal import Decimal

from django.db import migrations

from providers import seed_data


def seed_catalogue(apps, schema_editor):
    Theme = apps.get_model("providers", "Theme")
    Provider = apps.get_model("providers", "Provider")
    Offering = apps.get_model("providers", "Offering")
    Programme = apps.get_model("providers", "Programme")
    BudgetPeriod = apps.get_model("providers", "BudgetPeriod")
    BudgetFrame = apps.get_model("providers", "BudgetFrame")

    themes = {}
    for position, row in enumerate(seed_data.THEMES):
        themes[row["slug"]], _ = Theme.objects.update_or_create(
            slug=row["slug"],
            defaults={"name": row["name_da"], "name_en": row["name_en"], "position": position},
        )

    providers = []
    provider_fields = [
        "short_name", "name", "description", "competences", "address", "phone", "email",
        "website", "contact_person", "contact_title", "contact_phone", "contact_email",
    ]
    for position, row in enumerate(seed_data.PROVIDERS):
        provider, _ = Provider.objects.update_or_create(
            slug=row["slug"],
            defaults={**{field: row[field] for field in provider_fields}, "position": position},
        )
        provider.themes.set([themes[slug] for slug in row["themes"]])
        for offering_position, item in enumerate(row["offerings"]):
            offering, _ = Offering.objects.update_or_create(
                provider=provider,
                title=item["title"],
                defaults={
                    "description": item["description"],
                    "format": item["format"],
                    "typical_duration": item["typical_duration"],
                    "position": offering_position,
                },
            )
            offering.themes.set([themes[slug] for slug in item["themes"]])
        providers.append(provider)

    spec = seed_data.PROGRAMME
    programme, _ = Programme.objects.update_or_create(
        name=spec["name"],
        defaults={
            "starts_on": datetime.date.fromisoformat(spec["starts_on"]),
            "ends_on": datetime.date.fromisoformat(spec["ends_on"]),
        },
    )
    programme.providers.set(providers)
    for period_spec in spec["periods"]:
        period, _ = BudgetPeriod.objects.update_or_create(
            programme=programme,
            name=period_spec["name"],
            defaults={
                "starts_on": datetime.date.fromisoformat(period_spec["starts_on"]),
                "ends_on": datetime.date.fromisoformat(period_spec["ends_on"]),
            },
        )
        for provider in providers:
            BudgetFrame.objects.get_or_create(
                period=period,
                provider=provider,
                defaults={"amount": Decimal(spec["frame_per_provider"])},
            )


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogue, migrations.RunPython.noop)]
