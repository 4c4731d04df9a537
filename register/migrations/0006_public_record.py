"""The public read model (``PublicRecord``), and a published record always has a version.

Records marked published without a version could only come from the old bulk seeding, which
published no version: they become drafts. The public rows of existing versions are then
projected with the same functions the services use (nothing to do on a new database).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

UNPUBLISH_WITHOUT_VERSION = """
    UPDATE register_aisystem SET status = 'draft'
    WHERE status = 'published' AND published_version_id IS NULL
"""


def project_existing_versions(apps, schema_editor):
    from register.services.projection import BATCH_SIZE, project_public_records

    AISystem = apps.get_model("register", "AISystem")
    systems = list(
        AISystem.objects.filter(published_version__isnull=False)
        .select_related("published_version")
        .order_by("pk")
    )
    for start in range(0, len(systems), BATCH_SIZE):
        project_public_records(systems[start : start + BATCH_SIZE])


class Migration(migrations.Migration):

    dependencies = [
        ("register", "0005_version_full_record"),
    ]

    operations = [
        migrations.CreateModel(
            name='PublicRecord',
            fields=[
                ('system', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='public_record', serialize=False, to='register.aisystem', verbose_name='AI system')),
                ('risk_class', models.CharField(blank=True, max_length=16, verbose_name='risk class')),
                ('annex_iii', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=8), default=list, size=None, verbose_name='Annex III points')),
                ('application_area', models.CharField(blank=True, max_length=32, verbose_name='application area')),
                ('techniques', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=32), default=list, size=None, verbose_name='AI techniques')),
                ('channels', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=32), default=list, size=None, verbose_name='service channels')),
                ('phase', models.CharField(blank=True, max_length=16, verbose_name='lifecycle phase')),
                ('decision_role', models.CharField(blank=True, max_length=16, verbose_name='role in decisions')),
                ('withdrawn', models.BooleanField(default=False, verbose_name='withdrawn')),
                ('search_kk', django.contrib.postgres.search.SearchVectorField(verbose_name='search document (Kazakh)')),
                ('search_ru', django.contrib.postgres.search.SearchVectorField(verbose_name='search document (Russian)')),
                ('search_en', django.contrib.postgres.search.SearchVectorField(verbose_name='search document (English)')),
                ('published_at', models.DateTimeField(verbose_name='first published')),
                ('updated_at', models.DateTimeField(help_text='When the current version was published, or the record withdrawn.', verbose_name='last changed in public')),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True, verbose_name='withdrawn')),
            ],
            options={
                'verbose_name': 'public record',
                'verbose_name_plural': 'public records',
                'ordering': ['-published_at', 'system'],
            },
        ),
        migrations.RemoveIndex(
            model_name='aisystem',
            name='system_public_by_class',
        ),
        migrations.RunSQL(UNPUBLISH_WITHOUT_VERSION, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='aisystem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_version__isnull', False), _connector='OR'), name='system_published_has_version', violation_error_code='published_without_version'),
        ),
        migrations.AddField(
            model_name='publicrecord',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='register.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='publicrecord',
            name='version',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='register.publishedversion', verbose_name='version the public sees'),
        ),
        migrations.AddIndex(
            model_name='publicrecord',
            index=models.Index(fields=['risk_class', '-published_at'], name='public_by_class'),
        ),
        migrations.AddIndex(
            model_name='publicrecord',
            index=django.contrib.postgres.indexes.GinIndex(fields=['annex_iii', 'techniques', 'channels'], name='public_array_facets'),
        ),
        migrations.AddIndex(
            model_name='publicrecord',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_kk'], name='public_search_kk'),
        ),
        migrations.AddIndex(
            model_name='publicrecord',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_ru'], name='public_search_ru'),
        ),
        migrations.AddIndex(
            model_name='publicrecord',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_en'], name='public_search_en'),
        ),
        migrations.RunPython(project_existing_versions, migrations.RunPython.noop),
    ]
