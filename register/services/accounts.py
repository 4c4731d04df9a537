"""Accounts: password-reset requests and the language a user reads e-mails in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from register.audit import audit_context
from register.languages import CONTENT_LANGUAGES
from register.models import EmailKind, OutgoingEmail, Profile
from register.services.outbox import Draft, email_enqueue, user_language


@transaction.atomic
def password_reset_request(*, email: str, language: str) -> list[OutgoingEmail]:
    """Queue a password reset for ``email``, asked for in ``language``.

    The same for every address, with an account or without: one outbox row and nothing else,
    so that neither the response nor its time tells whether the address has an account. Who
    gets a link is decided when the row is sent (``password_reset_drafts``).
    """
    return email_enqueue(
        kind=EmailKind.PASSWORD_RESET,
        drafts=[Draft(to_address=email, language=language, subject="", body="")],
    )


def password_reset_drafts(email: OutgoingEmail) -> list[Draft]:
    """The reset e-mails for an outbox row: one for each active account with a usable password
    at its address, in that user's language (else the language the reset was asked for), with
    a link on ``SITE_URL``. None for an address without such an account."""
    users = (
        get_user_model()
        .objects.filter(email__iexact=email.to_address, is_active=True)
        .select_related("profile")
        .order_by("pk")
    )
    drafts = []
    for user in users:
        if not user.has_usable_password():
            continue
        language = user_language(user) if hasattr(user, "profile") else email.language
        with translation.override(language):
            path = reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            context = {"user": user, "reset_url": settings.SITE_URL.rstrip("/") + path}
            subject = loader.render_to_string("registration/password_reset_subject.txt", context)
            body = loader.render_to_string("registration/password_reset_email.html", context)
        drafts.append(Draft(user.email, language, subject, body))
    return drafts


@transaction.atomic
def profile_set_language(*, user: AbstractBaseUser, language: str) -> Profile | None:
    """Remember ``language`` as the one ``user`` reads the register's e-mails in. Unknown
    codes are ignored; an unchanged choice writes nothing."""
    if language not in CONTENT_LANGUAGES or not user.pk:
        return None
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.language == language:
        return profile
    with audit_context(user=user.pk, action="profile.set_language"):
        profile = profile or Profile(user=user)
        profile.language = language
        profile.full_clean()
        profile.save()
    return profile
