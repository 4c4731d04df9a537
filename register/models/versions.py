from __future__ import annotations

import hashlib
import json
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import track


class ImmutableError(Exception):
    """A published version was about to be changed or removed."""


def canonical_json(data: Any) -> bytes:
    """The canonical serialisation that is hashed: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def snapshot_digest(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


class PublishedVersionQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Published versions cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Published versions cannot be deleted.")


@track
class PublishedVersion(models.Model):
    """An immutable snapshot of a public card as it was published.

    Rows are written once. Python refuses to update or delete them, and on PostgreSQL a trigger
    refuses it too, so raw SQL cannot rewrite what the public was shown.
    """

    system = models.ForeignKey(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    four_eyes_waived = models.BooleanField(
        _("published by the person who submitted it"),
        default=False,
        help_text=_("Allowed only for an organisation with a single approver."),
    )
    snapshot = models.JSONField(_("public card"))
    sha256 = models.CharField(_("SHA-256 of the canonical JSON"), max_length=64)

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["system", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="version_number_positive"
            ),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="version_sha256_length"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="published_version_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("Published versions cannot be changed.")
        # Always computed here: a caller cannot supply a hash that does not match.
        self.sha256 = snapshot_digest(self.snapshot)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Published versions cannot be deleted.")

    def verify(self) -> bool:
        """The stored hash matches the stored snapshot."""
        return self.sha256 == snapshot_digest(self.snapshot)
