"""Seed the plain-language assistant's jargon list from compliance/plain_language/jargon.yaml.

The file is read as it stands when the migration runs; from then on site administrators keep
the list in the admin. Phrases already in the list are left as they are.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "plain_language" / "jargon.yaml"


def seed(apps, schema_editor):
    JargonPhrase = apps.get_model("compliance", "JargonPhrase")
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    JargonPhrase.objects.bulk_create(
        [
            JargonPhrase(language=language, phrase=item["phrase"], suggestion=item["suggestion"])
            for language, items in data.items()
            for item in items
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    JargonPhrase = apps.get_model("compliance", "JargonPhrase")
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for language, items in data.items():
        JargonPhrase.objects.filter(
            language=language, phrase__in=[item["phrase"] for item in items]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0004_plain_language_assistant")]

    operations = [migrations.RunPython(seed, unseed)]
