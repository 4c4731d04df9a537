from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import connections, models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import no_truncate, track


class ImmutableError(Exception):
    """A published version was about to be changed or removed."""


def canonical_text(data: Any) -> str:
    """The canonical serialisation: sorted keys, no whitespace, no ``\\u`` escapes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(data: Any) -> bytes:
    """The canonical serialisation that is hashed, in UTF-8."""
    return canonical_text(data).encode()


def snapshot_digest(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


# Every writer of versions holds this transaction-level advisory lock while it reads the head of
# the chain and inserts: the chain is register-wide, so publications are serialised (they are
# rare, human acts; bulk seeding takes it once per batch). An advisory lock needs no privilege
# beyond connecting, unlike a row lock or LOCK TABLE in a mode that excludes other writers.
CHAIN_LOCK = 0x6B7A5F636861696E  # "kz_chain"


def chain_digest(version: PublishedVersion, previous: str) -> str:
    """The link of ``version`` in the register-wide chain: the SHA-256 of the canonical JSON of
    the previous link and of what identifies this version (system, number, time, publisher,
    four-eyes waiver) and its two content hashes."""
    published_at = version.published_at
    return snapshot_digest(
        {
            "previous": previous,
            "system": version.system_id,
            "number": version.number,
            "published_at": published_at.astimezone(UTC).isoformat(),
            "published_by": version.published_by_id,
            "four_eyes_waived": version.four_eyes_waived,
            "sha256": version.sha256,
            "record_sha256": version.record_sha256,
        }
    )


def lock_chain(using: str = "default") -> str:
    """Take the chain lock for the rest of the transaction and return the head's link ("" for
    an empty register). Versions inserted after this, in id order, extend the chain."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        cursor.execute(
            "SELECT chain_sha256 FROM register_publishedversion ORDER BY id DESC LIMIT 1"
        )
        row = cursor.fetchone()
    return row[0] if row else ""


def link_versions(versions: Sequence[PublishedVersion], previous: str) -> str:
    """Chain sealed ``versions``, in the order given, after the link ``previous``; return the
    new head. Bulk writers call it under ``lock_chain`` and insert in this order."""
    for version in versions:
        version.previous_chain_sha256 = previous
        version.chain_sha256 = previous = chain_digest(version, previous)
    return previous


class PublishedVersionQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Published versions cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Published versions cannot be deleted.")


# Versions published before the full record was frozen keep only their card, in this format.
CARD_WITHOUT_RECORD = "kz-ai-register/card/1"


@track
class PublishedVersion(models.Model):
    """A record as it was published: the full record frozen (``register.snapshots``) and the
    public card derived from it (``register.cards``), each with the SHA-256 of its canonical
    JSON. The card's hash is the public one, printed on the card.

    Each version is also a link in one register-wide hash chain: ``chain_sha256`` covers the
    previous version's link and this version's identity and hashes (``chain_digest``), so a
    changed, removed or inserted row breaks the chain at that row (``manage.py verify_chain``).

    Rows are written once. Python refuses to update or delete them, and a trigger refuses it
    too, so raw SQL cannot rewrite what the public was shown. Only versions of the first card
    format (``CARD_WITHOUT_RECORD``), published before records were frozen, lack the record.
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
    record = models.JSONField(_("full record"), null=True, blank=True)
    record_sha256 = models.CharField(
        _("SHA-256 of the full record's canonical JSON"), max_length=64, blank=True
    )
    previous_chain_sha256 = models.CharField(
        _("link of the previous version in the register"), max_length=64, blank=True
    )
    chain_sha256 = models.CharField(_("link in the register's chain"), max_length=64)

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
            # Every version freezes the full record, except those of the first card format.
            models.CheckConstraint(
                condition=models.Q(record__isnull=False, record_sha256__regex=r"^[0-9a-f]{64}$")
                | models.Q(
                    record__isnull=True,
                    record_sha256="",
                    # @> is false, not null, for a card without the key.
                    snapshot__contains={"schema": CARD_WITHOUT_RECORD},
                ),
                name="version_has_record",
            ),
            models.CheckConstraint(
                condition=models.Q(chain_sha256__regex=r"^[0-9a-f]{64}$"),
                name="version_chain_sha256_hex",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="published_version_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            ),
            # TRUNCATE … CASCADE would remove every version, and every record with them, with
            # no delete event: row-level guards do not see it.
            no_truncate(),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("Published versions cannot be changed.")
        self.seal()
        using = kwargs.get("using") or "default"
        with transaction.atomic(using=using):
            link_versions([self], lock_chain(using))
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Published versions cannot be deleted.")

    def seal(self) -> None:
        """Compute both hashes from the JSON. ``save()`` always does, so a caller cannot supply
        a hash that does not match; bulk writers that bypass ``save()`` call it themselves (and
        may write the canonical texts it keeps in ``canonical_texts``)."""
        texts = {"snapshot": canonical_text(self.snapshot)}
        if self.record is not None:
            texts["record"] = canonical_text(self.record)
        self.sha256 = hashlib.sha256(texts["snapshot"].encode()).hexdigest()
        self.record_sha256 = (
            hashlib.sha256(texts["record"].encode()).hexdigest() if "record" in texts else ""
        )
        self.canonical_texts = texts

    def verify(self) -> bool:
        """Both stored hashes match the stored card and full record."""
        record_ok = (
            self.record_sha256 == ""
            if self.record is None
            else self.record_sha256 == snapshot_digest(self.record)
        )
        return self.sha256 == snapshot_digest(self.snapshot) and record_ok
