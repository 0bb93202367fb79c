"""The library's content: recommendations (002), tools and cases (004), models (003, 004)."""

from django.db import migrations


def seed(apps, schema_editor):
    from library.seed import seed_library

    seed_library(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
