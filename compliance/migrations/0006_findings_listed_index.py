# The findings pages read a page at a time in this index's order. Built concurrently: the
# findings table of a national register is large and written by every check.

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('compliance', '0005_seed_jargon_phrases'),
        ('register', '0014_organisation_identifier_and_external_ids'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # A concurrent build that failed leaves an invalid index of this name behind.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS finding_listed", reverse_sql=migrations.RunSQL.noop
        ),
        AddIndexConcurrently(
            model_name='finding',
            index=models.Index(
                condition=models.Q(('status__in', ('open', 'waived'))),
                fields=['severity', 'system', 'rule_id'],
                name='finding_listed',
            ),
        ),
    ]
