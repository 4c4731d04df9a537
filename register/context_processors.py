from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from register.i18n import CONTENT_LANGUAGES


def site(request: HttpRequest) -> dict[str, Any]:
    return {"DEMO_MODE": settings.DEMO_MODE, "CONTENT_LANGUAGES": CONTENT_LANGUAGES}
