from __future__ import annotations

from api.webhooks.admin import WebhookAdmin, WebhookDeliveryAdmin  # noqa: F401
