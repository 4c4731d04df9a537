"""Background work of the portal, registered with the worker through this module (Celery
discovers each app's ``tasks``). ``BEAT_SCHEDULE`` declares the portal's periodic work; settings
read it before the app registry is ready, so nothing here imports a model at the top."""

from __future__ import annotations

from portal.feedback.tasks import BEAT_SCHEDULE, escalate_feedback

__all__ = ["BEAT_SCHEDULE", "escalate_feedback"]
