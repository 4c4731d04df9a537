"""Personal API tokens in the workspace: the person's tokens, creating one (its secret shown
once) and revoking one. Only editors and approvers of an organisation have tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api.tokens.forms import TokenCreateForm
from api.tokens.models import ApiToken
from api.tokens.services import TOKEN_ROLES, token_create, token_revoke
from register.models import Membership


def _require_member(request: HttpRequest) -> None:
    """403 unless the user is an editor or approver of an organisation (regulators, site
    administrators and other accounts without such a role have no tokens)."""
    if not Membership.objects.filter(user=request.user, role__in=TOKEN_ROLES).exists():
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    form = TokenCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown in this response only, never stored: no redirect to a page that could
            # show it again. The page is not cached (signed-in pages are "no-store").
            form = TokenCreateForm(user=request.user)
    listed = ApiToken.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": listed,
            "created": created,
            "secret": secret,
            "drafts_url": request.build_absolute_uri(reverse("api:drafts")),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_member(request)
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    if request.method == "POST":
        token_revoke(token=token, actor=request.user)
        messages.success(request, _("The token is revoked. It no longer works."))
        return redirect("data:tokens")
    return render(
        request,
        "register/workspace/confirm.html",
        {
            "title": _("Revoke this token?"),
            "item": _("“%(name)s” stops working at once. This cannot be undone.")
            % {"name": token.name},
            "button": _("Revoke token"),
            "cancel": reverse("data:tokens"),
        },
    )
