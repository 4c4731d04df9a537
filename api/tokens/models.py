"""The personal API token: django-rest-knox's token (a SHA-512 digest of the secret and its
first characters to find it by), with the register's facts about it."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

from register.audit import no_truncate
from register.models import Organisation


class TokenScope(models.TextChoices):
    """What a token may do with its organisation's drafts. The one table of scopes: the form,
    the permission classes (``api/tokens/permissions.py``) and the schema read it."""

    READ = "read", _("Read drafts")
    WRITE = "write", _("Read and write drafts")


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> ApiTokenQuerySet:
        """Tokens that authenticate now: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expiry__gt=timezone.now())


class ApiToken(AbstractAuthToken):
    """A person's token for one organisation they are a member of (chosen at creation).

    The secret is shown once, when it is created; only its digest is stored. It acts with the
    person's current role in the organisation: a token of someone who has left it, or whose
    account is deactivated, no longer authenticates.
    """

    Scope = TokenScope

    id = models.BigAutoField(primary_key=True)
    # knox's digest is its primary key; here it is a unique column, so that the workspace can
    # address a token by a number that reveals nothing of it.
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices)
    expiry = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expiry <= timezone.now()

    @property
    def is_live(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE


# Creations and revocations in the audit trail, with the person and the action
# (``api/tokens/services.py``); neither the digest nor each use is history.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["digest", "last_used_at"],
    append_only=True,
    meta={"triggers": [no_truncate()]},
)(ApiToken)
