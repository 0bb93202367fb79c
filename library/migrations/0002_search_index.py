"""The GIN index on the stored search vector, on PostgreSQL only.

SQLite has no GIN indexes (nor tsvector: the column is a plain, empty column there), so the
index is created by a RunPython that looks at the database instead of a ``GinIndex`` in the
model's Meta, which would break ``migrate`` on SQLite.
"""

from django.db import migrations

INDEX = "library_item_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON library_item USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
