# The candidates for a card's similar systems, newest first, without reading the register. Built
# concurrently: the projection of a national register is large and read by every public page.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('register', '0017_system_by_class_index'),
    ]

    operations = [
        # A concurrent build that failed leaves an invalid index of this name behind.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS public_changed", reverse_sql=migrations.RunSQL.noop
        ),
        AddIndexConcurrently(
            model_name='publicrecord',
            index=models.Index(fields=['withdrawn', '-updated_at'], name='public_changed'),
        ),
    ]
