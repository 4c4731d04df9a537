"""Fill ``AISystem.classification`` for records classified before it existed.

The classification logic is a pure function of the stored answers, so the outcome is recomputed
from them; the columns are then derived from it by ``AISystem.apply_classification``, the one
place that writes them. This lives in ``compliance`` because ``register`` does not import the
classification logic.
"""

from django.db import migrations


def fill_outcomes(apps, schema_editor):
    from compliance.classification import ClassificationInputError, classify, language_neutral
    from register.models import AISystem as CurrentAISystem

    AISystem = apps.get_model("register", "AISystem")
    classified = AISystem.objects.filter(classified_at__isnull=False, classification={})
    for system in classified.only("pk", "classification_answers").iterator():
        try:
            outcome = language_neutral(classify(system.classification_answers or {}))
        except ClassificationInputError:
            continue  # answers this logic cannot read: left for the editor to classify again
        CurrentAISystem.apply_classification(system, outcome, system.classification_answers)
        AISystem.objects.filter(pk=system.pk).update(
            **{name: getattr(system, name) for name in CurrentAISystem.CLASSIFICATION_FIELDS}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("register", "0004_classification_outcome"),
    ]

    operations = [migrations.RunPython(fill_outcomes, migrations.RunPython.noop, elidable=True)]
