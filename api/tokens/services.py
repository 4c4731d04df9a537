"""Creating, revoking and using personal API tokens: the only writers of ``ApiToken``, each
recording the person and the action in the audit trail."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import get_digest_token
from knox.settings import CONSTANTS

from api.tokens.models import ApiToken
from register import workflow
from register.audit import audit_context
from register.models import Organisation
from register.permissions import role_in

# The roles whose members may have tokens: those who may edit a record (the workflow table).
TOKEN_ROLES = workflow.ACTIONS["edit"].roles


def may_have_tokens(user: AbstractBaseUser, organisation: Organisation) -> bool:
    """Whether ``user`` may create a token acting for ``organisation``."""
    return role_in(user, organisation.pk) in TOKEN_ROLES


@transaction.atomic
def token_create(
    *,
    user: AbstractBaseUser,
    organisation: Organisation,
    name: str,
    scope: str,
    days: int,
) -> tuple[ApiToken, str]:
    """A new token of ``user`` for ``organisation``, expiring in ``days`` days (at most
    ``settings.API_TOKEN_MAX_DAYS``), and its secret, which is never stored: only its digest is.

    ``PermissionDenied`` unless the user is an editor or approver of the organisation;
    ``ValidationError`` for an expiry out of bounds or too many live tokens.
    """
    if not may_have_tokens(user, organisation):
        raise PermissionDenied
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "days": ValidationError(
                    _("A token expires within %(max)d days."),
                    code="expiry_out_of_bounds",
                    params={"max": settings.API_TOKEN_MAX_DAYS},
                )
            }
        )
    if ApiToken.objects.live().filter(user=user).count() >= settings.API_TOKENS_PER_USER:
        raise ValidationError(
            _("You have %(count)d tokens in use, the most allowed. Revoke one first."),
            code="too_many_tokens",
            params={"count": settings.API_TOKENS_PER_USER},
        )
    digest, secret = get_digest_token()
    token = ApiToken(
        user=user,
        organisation=organisation,
        name=name.strip(),
        scope=scope,
        digest=digest,
        token_key=secret[: CONSTANTS.TOKEN_KEY_LENGTH],
        expiry=timezone.now() + datetime.timedelta(days=days),
    )
    token.full_clean(exclude=["created"])
    with audit_context(user=user.pk, action="api_token.create"):
        token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: AbstractBaseUser) -> ApiToken:
    """Revoke ``token`` for good (its owner only); revoking it again changes nothing."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        with audit_context(user=actor.pk, action="api_token.revoke"):
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def token_used(token: ApiToken) -> None:
    """Record that ``token`` was used now: at most one write per
    ``settings.API_TOKEN_LAST_USE_INTERVAL`` seconds, and not in the audit trail (the
    history leaves the last use out)."""
    now = timezone.now()
    interval = datetime.timedelta(seconds=settings.API_TOKEN_LAST_USE_INTERVAL)
    if token.last_used_at is not None and now - token.last_used_at < interval:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
