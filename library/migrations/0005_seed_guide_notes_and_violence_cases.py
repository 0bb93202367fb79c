"""What the library's content gained after 0003: the cases about violence and threats written
from the regional examples of 002, the tools' main themes and the notes on guide fields that
are not a section of the source (0004 added both fields). ``seed_additions`` creates missing
items and fills empty fields only, so edits made in the admin since are kept.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from library.seed import seed_additions

    seed_additions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0004_item_main_theme_guide_notes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
