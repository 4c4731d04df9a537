# Each system's open findings by severity, counted once when its findings change instead of on
# every page that shows them; the rows are filled in from the findings already there.

import django.db.models.deletion
import django.db.models.expressions
from django.db import migrations, models


# compliance.standing.refresh_all as it was when the table was made.
BACKFILL = """
INSERT INTO compliance_systemstanding (system_id, blocker, major, minor, waived)
SELECT s.id,
       count(f.id) FILTER (WHERE f.status = 'open' AND f.severity = 'blocker'),
       count(f.id) FILTER (WHERE f.status = 'open' AND f.severity = 'major'),
       count(f.id) FILTER (WHERE f.status = 'open' AND f.severity = 'minor'),
       count(f.id) FILTER (WHERE f.status = 'waived')
FROM register_aisystem s
LEFT JOIN compliance_finding f ON f.system_id = s.id AND f.status IN ('open', 'waived')
GROUP BY s.id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0006_findings_listed_index'),
        ('register', '0014_organisation_identifier_and_external_ids'),
    ]

    operations = [
        migrations.CreateModel(
            name='SystemStanding',
            fields=[
                ('system', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='standing', serialize=False, to='register.aisystem', verbose_name='AI system')),
                ('blocker', models.PositiveIntegerField(default=0, verbose_name='open blocker findings')),
                ('major', models.PositiveIntegerField(default=0, verbose_name='open major findings')),
                ('minor', models.PositiveIntegerField(default=0, verbose_name='open minor findings')),
                ('waived', models.PositiveIntegerField(default=0, verbose_name='waived findings')),
                ('open', models.GeneratedField(db_persist=True, expression=django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('blocker'), '+', models.F('major')), '+', models.F('minor')), output_field=models.PositiveIntegerField(verbose_name='open findings'))),
            ],
            options={
                'verbose_name': 'standing of a system',
                'verbose_name_plural': 'standings of systems',
            },
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
