"""Demo citizen reports (fictional), sent and answered through the feedback services: one
answered with the reply published on the card (Russian), one open (Kazakh) and one left
unanswered for 40 days and escalated to the regulator (English). Loaded once: a register
that has reports already gets none."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from portal.feedback import services
from portal.models import Report
from register.models import Membership, PublicRecord

REPORTS = [
    {
        "kind": "question",
        "language": "ru",
        "message": "Почему чат-бот не ответил, какие документы нужны для пособия по уходу?",
        "sender_name": "Айгуль",
        "reply": (
            "Спасибо за вопрос. Чат-бот отвечает только по опубликованным правилам; список "
            "документов для пособия по уходу мы добавили в его базу знаний."
        ),
        "public_summary": "Какие документы нужны для пособия по уходу?",
        "days_ago": 12,
        "answered_after_days": 4,
    },
    {
        "kind": "error",
        "language": "kk",
        "message": "Карточкада байланыс телефоны қате көрсетілген сияқты.",
        "sender_name": "",
        "days_ago": 3,
    },
    {
        "kind": "review",
        "language": "en",
        "message": "I would like a person to review the decision the system suggested on my case.",
        "sender_name": "Daniyar",
        "days_ago": 40,
    },
]


def load_feedback() -> int:
    """Send the demo reports about the first published records; returns how many."""
    if Report.objects.exists():
        return 0
    records = list(
        PublicRecord.objects.filter(withdrawn=False)
        .select_related("system")
        .order_by("system__public_id")[: len(REPORTS)]
    )
    if not records:
        return 0
    now = timezone.now()
    for index, data in enumerate(REPORTS):
        system = records[index % len(records)].system
        sent = services.report_create(
            system=system,
            kind=data["kind"],
            message=data["message"],
            language=data["language"],
            sender_name=data["sender_name"],
        )
        received = now - dt.timedelta(days=data["days_ago"])
        Report.objects.filter(pk=sent.report.pk).update(
            created_at=received,
            due_on=timezone.localdate(received) + dt.timedelta(days=30),
        )
        if "reply" in data:
            approver = _approver(system.organisation_id)
            report = services.report_reply(
                report=Report.objects.get(pk=sent.report.pk), actor=approver, reply=data["reply"]
            )
            Report.objects.filter(pk=report.pk).update(
                replied_at=received + dt.timedelta(days=data["answered_after_days"])
            )
            services.report_publish_reply(
                report=report, actor=approver, public_summary=data["public_summary"]
            )
    services.reports_escalate()
    return len(REPORTS)


def _approver(organisation_id: int) -> AbstractBaseUser:
    return (
        Membership.objects.filter(organisation_id=organisation_id, role=Membership.Role.APPROVER)
        .select_related("user")
        .order_by("user__username")
        .first()
        .user
    )
