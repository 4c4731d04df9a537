from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("open data and API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from api.webhooks import receivers
        from register.extensions import publication_changed

        publication_changed.connect(
            receivers.publication_changed, dispatch_uid="api.webhooks.publication_changed"
        )
