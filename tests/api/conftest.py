"""Fixtures of the API's tests: personal tokens made through the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from api.tokens.models import TokenScope
from api.tokens.services import token_create


@pytest.fixture
def make_token() -> Callable[..., str]:
    """The secret of a new token of ``user`` for ``organisation`` (write scope by default)."""

    def _make(user, organisation, scope: str = TokenScope.WRITE, days: int = 30) -> str:  # type: ignore[no-untyped-def]
        _token, secret = token_create(
            user=user, organisation=organisation, name="Inventory sync", scope=scope, days=days
        )
        return secret

    return _make


@pytest.fixture
def api_client() -> Callable[[str | None], APIClient]:
    """A client sending ``Authorization: Bearer <secret>`` (none without a secret)."""

    def _client(secret: str | None = None) -> APIClient:
        client = APIClient(headers={"Accept-Language": "en"})
        if secret:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return _client
