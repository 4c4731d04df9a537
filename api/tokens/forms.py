"""The workspace's form to create a personal API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.tokens.models import TokenScope
from api.tokens.services import TOKEN_ROLES
from register.models import Organisation

# The lifetimes offered, in days; those above ``settings.API_TOKEN_MAX_DAYS`` are left out.
LIFETIMES = (7, 30, 90, 180, 365)


def lifetime_choices() -> list[tuple[int, str]]:
    days = [d for d in LIFETIMES if d <= settings.API_TOKEN_MAX_DAYS] or [
        settings.API_TOKEN_MAX_DAYS
    ]
    return [(d, ngettext("%(days)d day", "%(days)d days", d) % {"days": d}) for d in days]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so that you recognise it. Example: inventory sync."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The token acts for this organisation only."),
    )
    scope = forms.ChoiceField(
        label=_("What the token may do"),
        choices=TokenScope.choices,
        widget=forms.RadioSelect,
        initial=TokenScope.READ,
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        help_text=_("A token stops working when it expires. Create a new one then."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user, memberships__role__in=TOKEN_ROLES
        ).order_by("short_code")
        self.fields["days"].choices = lifetime_choices()
        self.fields["days"].initial = settings.API_TOKEN_DEFAULT_DAYS
