"""Account pages the register changes from Django's own: asking for a password reset."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from register import ratelimit
from register.services.accounts import password_reset_request


class PasswordResetView(auth_views.PasswordResetView):
    """Queues the reset in the outbox; the same response, and the same work, for every address.

    Limited per e-mail address (the account asked about) and per client address, whether the
    account exists or not, so the limit tells nothing either.
    """

    form_class = PasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        allowed = ratelimit.hit(
            "password-reset-email",
            email,
            limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            window=window,
        )
        allowed &= ratelimit.hit(
            "password-reset-client",
            get_client_ip_address(self.request) or "",
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            window=window,
        )
        if not allowed:
            form.add_error(
                None,
                _("Too many requests to reset a password. Try again later."),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        password_reset_request(email=form.cleaned_data["email"], language=get_language())
        return super(auth_views.PasswordResetView, self).form_valid(form)
