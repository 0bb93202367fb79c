# The workplace-and-status index covers the id (issue 12, point 3).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('requests_app', '0011_page_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='request',
            name='request_workplace_status_idx',
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['workplace', 'status'], include=('id',), name='request_workplace_status_idx'),
        ),
    ]
