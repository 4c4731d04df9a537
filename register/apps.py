from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The object permissions (django-rules) are declared when the module is imported.
        from register import permissions  # noqa: F401
