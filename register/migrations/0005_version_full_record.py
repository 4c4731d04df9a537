"""Versions freeze the full record next to the public card, each with its own hash.

Versions published before this keep their card (format ``kz-ai-register/card/1``) and no record;
the check constraint allows a missing record for that format only. Adding the columns rewrites no
row, so the immutability trigger is not involved.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

# The cards and records are a few kilobytes of JSON each and compress well; lz4 compresses them
# several times faster than PostgreSQL's default (pglz). A server built without lz4 keeps pglz.
LZ4_JSON = """
DO $$ BEGIN
    ALTER TABLE register_publishedversion
        ALTER COLUMN snapshot SET COMPRESSION lz4, ALTER COLUMN record SET COMPRESSION lz4;
    ALTER TABLE register_publishedversionevent
        ALTER COLUMN snapshot SET COMPRESSION lz4, ALTER COLUMN record SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("register", "0004_classification_outcome"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='publishedversion',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='publishedversion',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='publishedversion',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='publishedversion',
            name='record',
            field=models.JSONField(blank=True, null=True, verbose_name='full record'),
        ),
        migrations.AddField(
            model_name='publishedversion',
            name='record_sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name="SHA-256 of the full record's canonical JSON"),
        ),
        migrations.AddField(
            model_name='publishedversionevent',
            name='record',
            field=models.JSONField(blank=True, null=True, verbose_name='full record'),
        ),
        migrations.AddField(
            model_name='publishedversionevent',
            name='record_sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name="SHA-256 of the full record's canonical JSON"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='publishedversion',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "register_publishedversionevent" ("four_eyes_waived", "id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_at", "published_by_id", "record", "record_sha256", "sha256", "snapshot", "system_id") VALUES (NEW."four_eyes_waived", NEW."id", NEW."number", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."published_at", NEW."published_by_id", NEW."record", NEW."record_sha256", NEW."sha256", NEW."snapshot", NEW."system_id"); RETURN NULL;', hash='b95b1044e4ab42dd2a4317eb7a0be4dad14ff087', operation='INSERT', pgid='pgtrigger_insert_insert_4a2be', table='register_publishedversion', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='publishedversion',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "register_publishedversionevent" ("four_eyes_waived", "id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_at", "published_by_id", "record", "record_sha256", "sha256", "snapshot", "system_id") VALUES (NEW."four_eyes_waived", NEW."id", NEW."number", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."published_at", NEW."published_by_id", NEW."record", NEW."record_sha256", NEW."sha256", NEW."snapshot", NEW."system_id"); RETURN NULL;', hash='45695c8d41c36f78244634ad7f00a3424612fa64', operation='UPDATE', pgid='pgtrigger_update_update_57a84', table='register_publishedversion', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='publishedversion',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "register_publishedversionevent" ("four_eyes_waived", "id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_at", "published_by_id", "record", "record_sha256", "sha256", "snapshot", "system_id") VALUES (OLD."four_eyes_waived", OLD."id", OLD."number", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."published_at", OLD."published_by_id", OLD."record", OLD."record_sha256", OLD."sha256", OLD."snapshot", OLD."system_id"); RETURN NULL;', hash='389383e6ff30e045692c60744cfcddf58719c461', operation='DELETE', pgid='pgtrigger_delete_delete_5d4dd', table='register_publishedversion', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='publishedversion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('record__isnull', False), ('record_sha256__regex', '^[0-9a-f]{64}$')), models.Q(('record__isnull', True), ('record_sha256', ''), ('snapshot__contains', {'schema': 'kz-ai-register/card/1'})), _connector='OR'), name='version_has_record'),
        ),
        migrations.RunSQL(LZ4_JSON, migrations.RunSQL.noop),
    ]
