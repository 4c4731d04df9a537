# The newest cards first without sorting the register. Built concurrently: the projection of
# a national register is large and read by every public page.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('register', '0015_dashboard_order_indexes'),
    ]

    operations = [
        # A concurrent build that failed leaves an invalid index of this name behind.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS public_newest", reverse_sql=migrations.RunSQL.noop
        ),
        AddIndexConcurrently(
            model_name='publicrecord',
            index=models.Index(fields=['-published_at', 'system'], name='public_newest'),
        ),
    ]
