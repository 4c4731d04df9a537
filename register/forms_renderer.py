from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class GovUKFormRenderer(TemplatesSetting):
    """Render every form and field with GOV.UK Frontend markup.

    Templates come from the project's TEMPLATES engine, so ``templates/forms/`` and the
    overrides in ``templates/django/forms/widgets/`` win over Django's defaults; widgets
    we do not override fall back to ``django.forms`` (which must be in INSTALLED_APPS).
    """

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
