"""Webhooks: a signed POST to re-users' addresses when a record is published, changed or
withdrawn (``register.extensions.publication_changed``), sent by Celery with retries.

Site administrators register the addresses in the Django admin. Each event makes one
``WebhookDelivery`` per matching active webhook in the publication's transaction; the task
``api.deliver_webhook`` sends it once the transaction is committed.
"""
