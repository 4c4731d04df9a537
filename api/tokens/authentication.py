"""``Authorization: Bearer <token>`` for the draft API, on top of django-rest-knox.

knox finds the token by its first characters and compares the SHA-512 digests in constant
time; here a token also stops working when it is revoked, when it has expired (it stays listed
in the workspace, where knox would delete it), and when its person is no longer an editor or
approver of its organisation.
"""

from __future__ import annotations

from hmac import compare_digest
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions

from api.tokens.models import ApiToken
from api.tokens.services import may_have_tokens, token_used

# The longest secret worth hashing: knox's prefix and characters, with room to spare.
MAX_TOKEN_CHARS = 128


def _refused() -> exceptions.AuthenticationFailed:
    return exceptions.AuthenticationFailed(
        _("The API token is not valid: it is unknown, has expired or was revoked.")
    )


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, token: bytes) -> tuple[Any, ApiToken]:
        try:
            text = token.decode("ascii")
        except UnicodeDecodeError:
            raise _refused() from None
        if not text or len(text) > MAX_TOKEN_CHARS or not text.isprintable():
            raise _refused()
        digest = hash_token(text)
        candidates = (
            ApiToken.objects.live()
            .filter(token_key=text[: CONSTANTS.TOKEN_KEY_LENGTH])
            .select_related("user", "organisation")
        )
        for candidate in candidates:
            if compare_digest(digest, candidate.digest):
                return self._validate(candidate)
        raise _refused()

    def _validate(self, token: ApiToken) -> tuple[Any, ApiToken]:
        user = token.user
        if not user.is_active or not may_have_tokens(user, token.organisation):
            raise _refused()
        token_used(token)
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema: HTTP bearer authentication."""

    target_class = "api.tokens.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        definition = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 — a scheme's name
        )
        definition["description"] = str(
            _(
                "A personal API token, created in the workspace (Workspace → API tokens). It acts "
                "for one organisation, with the scope chosen when it was created."
            )
        )
        return definition
