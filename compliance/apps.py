from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from compliance import (
            integration,
            rules,  # noqa: F401 — registers the rule-catalogue system check
        )

        integration.connect()
