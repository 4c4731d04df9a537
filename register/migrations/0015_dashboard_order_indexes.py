# The dashboards' order and the regulator's concern of a prohibited practice, served by
# indexes. Built concurrently: the systems table of a national register is large and in use.

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('register', '0014_organisation_identifier_and_external_ids'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # A concurrent build that failed leaves an invalid index of its name behind.
        *(
            migrations.RunSQL(
                f"DROP INDEX CONCURRENTLY IF EXISTS {name}", reverse_sql=migrations.RunSQL.noop
            )
            for name in ('system_org_changed', 'system_changed', 'system_prohibited')
        ),
        AddIndexConcurrently(
            model_name='aisystem',
            index=models.Index(fields=['organisation', '-updated_at', 'public_id'], name='system_org_changed'),
        ),
        AddIndexConcurrently(
            model_name='aisystem',
            index=models.Index(fields=['-updated_at', 'public_id'], name='system_changed'),
        ),
        AddIndexConcurrently(
            model_name='aisystem',
            index=models.Index(condition=models.Q(('risk_class', 'prohibited'), ('classification__kz__prohibited', True), _connector='OR'), fields=['id'], name='system_prohibited'),
        ),
    ]
