# Indexes for the filters and orderings of the pages (issue 12, point 3).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('requests_app', '0010_danish_verbose_names'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='contract',
            index=models.Index(fields=['frame', 'state'], name='contract_frame_state_idx'),
        ),
        migrations.AddIndex(
            model_name='invoice',
            index=models.Index(fields=['submitted_at', 'id'], name='invoice_submitted_idx'),
        ),
        migrations.AddIndex(
            model_name='invoice',
            index=models.Index(fields=['state', 'submitted_at'], name='invoice_state_submitted_idx'),
        ),
        migrations.AddIndex(
            model_name='invoice',
            index=models.Index(fields=['frame', 'state'], include=('amount',), name='invoice_frame_idx'),
        ),
        migrations.AddIndex(
            model_name='invoice',
            index=models.Index(fields=['contract', 'state'], include=('amount',), name='invoice_contract_idx'),
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['updated_at', 'id'], name='request_updated_idx'),
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['status', 'updated_at'], name='request_status_updated_idx'),
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['workplace', 'status'], name='request_workplace_status_idx'),
        ),
    ]
