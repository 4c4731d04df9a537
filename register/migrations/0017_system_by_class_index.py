# The regulator's counts by class under either framework. Built concurrently: the systems
# table of a national register is large and in use.

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('register', '0016_public_newest_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # A concurrent build that failed leaves an invalid index of this name behind.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS system_by_class", reverse_sql=migrations.RunSQL.noop
        ),
        AddIndexConcurrently(
            model_name='aisystem',
            index=models.Index(fields=['risk_class', 'kz_risk_degree'], name='system_by_class'),
        ),
    ]
