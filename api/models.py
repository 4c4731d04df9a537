"""The API's models, each piece in a module of its own."""

from api.tokens.models import ApiToken, TokenScope  # noqa: F401
from api.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
