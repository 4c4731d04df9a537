from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _remember_language(sender, request, user, **kwargs):  # type: ignore[no-untyped-def]
    """A user's e-mails come in the language they last signed in with (the page's language)."""
    from django.utils.translation import get_language

    from register.services.accounts import profile_set_language

    profile_set_language(user=user, language=get_language())


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # The object permissions (django-rules) are declared when the module is imported.
        from register import permissions  # noqa: F401

        user_logged_in.connect(_remember_language, dispatch_uid="register.remember_language")
