from django.db import migrations


class Migration(migrations.Migration):
    """The API's first migration: its models come in the ones after it."""

    initial = True
    dependencies = [("register", "0014_organisation_identifier_and_external_ids")]
    operations: list = []
