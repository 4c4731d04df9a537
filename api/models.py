from api.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
