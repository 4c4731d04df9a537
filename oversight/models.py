"""A regulator's requests to an agency about one of its records: a question or a note with a
due date, visible to the agency, answered by it and closed by the regulator. Regulators never
edit records; this is how they ask. Every change is in the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.fields import BoundedTextField

SUBJECT_LENGTH = 200
TEXT_LENGTH = 4000


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the agency's answer")
    ANSWERED = "answered", _("Answered by the agency")
    CLOSED = "closed", _("Closed by the regulator")


@track
class RegulatorRequest(models.Model):
    system = models.ForeignKey(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.CASCADE,
        related_name="regulator_requests",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_LENGTH)
    body = BoundedTextField(_("request"), max_length=TEXT_LENGTH)
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(
        _("state"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answer = BoundedTextField(_("answer"), max_length=TEXT_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("regulator's request")
        verbose_name_plural = _("regulator's requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The overview's concern "requests past their due date" and the agency's list.
            models.Index(fields=["due_on"], condition=Q(status="open"), name="request_open_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(answer="") | Q(status="closed"),
                name="request_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN
