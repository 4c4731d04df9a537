"""What a token's scope allows, for DRF views: reading with either scope, writing with the
write scope only. The organisation a token acts for scopes every query (``api/drafts``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import SimpleRateThrottle

from api.tokens.models import ApiToken


class TokenScopeAllows(BasePermission):
    """An authenticated token; for anything but reading, one with the write scope."""

    message = _("This token may only read drafts: create a token with the write scope.")
    code = "insufficient_scope"

    def has_permission(self, request: Any, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        return request.method in SAFE_METHODS or token.can_write


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (the ``token`` rate of ``REST_FRAMEWORK``), whoever sends them."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
