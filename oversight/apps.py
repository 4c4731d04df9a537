from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """The regulator's workspace: the overview of every agency's systems and findings, requests
    to agencies, and the audit reports."""

    name = "oversight"
    verbose_name = _("Oversight")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oversight import (
            integration,
            permissions,  # noqa: F401 — registers the report's rule
        )

        integration.connect()
