"""The API's models, each piece in a module of its own."""

from api.imports.models import ImportJob  # noqa: F401
from api.tokens.models import ApiToken, TokenScope  # noqa: F401
from api.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
