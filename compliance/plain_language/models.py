"""What the plain-language assistant keeps: the jargon list, the link checks and each record's
review. ``compliance.models`` imports these, so they belong to the compliance app."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.languages import CONTENT_LANGUAGES, LANGUAGE_NAMES

PHRASE_LENGTH = 200


@track
class JargonPhrase(models.Model):
    """A passive official phrase that makes a public text hard to read, with a plainer way to
    say it. Site administrators keep the list in the admin, one list per content language."""

    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[(code, LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGES],
    )
    phrase = models.CharField(_("phrase"), max_length=PHRASE_LENGTH)
    suggestion = models.CharField(_("plainer wording"), max_length=PHRASE_LENGTH, blank=True)
    active = models.BooleanField(_("flag it"), default=True)

    class Meta:
        verbose_name = _("jargon phrase")
        verbose_name_plural = _("jargon phrases")
        ordering = ["language", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "phrase"], name="jargon_phrase_unique_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.phrase}"


class LinkStatus(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    OK = "ok", _("Answers")
    FAILED = "failed", _("Does not answer")
    REFUSED = "refused", _("Not checked: not a public address")


class LinkCheck(models.Model):
    """The last check of one web address that some record names. Derived data, kept like a
    cache: the link check service alone writes it, and it is not in the audit trail."""

    url = models.CharField(_("address"), max_length=2000, unique=True)
    host = models.CharField(_("host"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.PENDING
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=32, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    # Set while a worker checks the link, so that two workers never check it at once.
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        indexes = [
            # links_due(): the links never checked or checked before the TTL.
            models.Index(fields=["checked_at"], name="link_check_checked_at")
        ]

    def __str__(self) -> str:
        return self.url

    def is_due(self, now: dt.datetime | None = None) -> bool:
        if self.checked_at is None:
            return True
        ttl = dt.timedelta(hours=settings.LINK_CHECK_TTL_HOURS)
        return self.checked_at < (now or timezone.now()) - ttl


class PlainLanguageReview(models.Model):
    """The assistant's hints on one record, as of its last change or link check: a list of
    ``Hint.as_json()``. Derived from the record; the review service alone writes it."""

    system = models.OneToOneField(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="plain_language_review",
        verbose_name=_("AI system"),
    )
    hints = models.JSONField(_("hints"), default=list, blank=True)
    links = models.ManyToManyField(
        LinkCheck, related_name="reviews", blank=True, verbose_name=_("links named")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        verbose_name = _("plain-language review")
        verbose_name_plural = _("plain-language reviews")

    def __str__(self) -> str:
        return str(self.system_id)
