"""The Celery application. Periodic tasks are declared once, in ``CELERY_BEAT_SCHEDULE``."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("register")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
