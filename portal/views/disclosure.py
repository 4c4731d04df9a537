"""The disclosure kit of a published system: the embeddable notice (shown, and as HTML to
copy), the same facts as JSON for agencies' sites, and a printable poster with a QR code.
Public, cached pages; an unknown or never-published record is not found."""

from __future__ import annotations

import json

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from portal import disclosure
from portal.cache import public_page
from register.i18n import CONTENT_LANGUAGES, columns, content_language
from register.languages import LANGUAGE_NAMES, SUBMISSION_LANGUAGES
from register.models import PublicRecord

ALL_LANGUAGES = "all"


class NoticeForm(forms.Form):
    """Which language the notice is in: one of the register's, or all of them."""

    lang = forms.ChoiceField(
        label=_("Language of the notice"),
        choices=[
            *((code, LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGES),
            (ALL_LANGUAGES, _("All three languages")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def languages(self, default: str) -> tuple[str, ...]:
        choice = (self.cleaned_data.get("lang") if self.is_valid() else "") or default
        return CONTENT_LANGUAGES if choice == ALL_LANGUAGES else (choice,)


class PosterForm(forms.Form):
    """Whether the poster adds English to the state and the official languages."""

    english = forms.BooleanField(label=_("Add the text in English"), required=False)

    def languages(self) -> tuple[str, ...]:
        extra = ("en",) if self.is_valid() and self.cleaned_data["english"] else ()
        return (*SUBMISSION_LANGUAGES, *extra)


def _record(public_id: str) -> PublicRecord:
    """The current public record, with what the kit reads, in one query."""
    return get_object_or_404(
        PublicRecord.objects.select_related("version", "system", "organisation").defer(
            "version__record", *columns("search"), "words"
        ),
        system__public_id=public_id,
    )


@require_safe
@public_page
def notice(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(public_id)
    language = content_language()
    form = NoticeForm(request.GET or None, initial={"lang": language})
    notices = disclosure.notices(record, form.languages(default=language))
    # The template's own output (every record text in it escaped), without the blank lines
    # around it, to copy.
    snippet = mark_safe(  # noqa: S308
        render_to_string("portal/disclosure/snippet.html", {"notices": notices}).strip()
    )
    return render(
        request,
        "portal/disclosure/notice.html",
        {
            "record": record,
            "name": disclosure.notice(record, language).name,
            "form": form,
            "snippet": snippet,
            "notice_css": disclosure.notice_css(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_safe
@public_page
def notice_json(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(public_id)
    response = HttpResponse(
        json.dumps(disclosure.notice_json(record), ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    # Agencies' pages read it from their own sites.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@public_page
def poster(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(public_id)
    form = PosterForm(request.GET or None)
    language = content_language()
    url = disclosure.card_url(record.system.public_id)
    return render(
        request,
        "portal/disclosure/poster.html",
        {
            "record": record,
            "name": disclosure.notice(record, language).name,
            "notices": disclosure.notices(record, form.languages()),
            "form": form,
            "qr_url": url,
            "qr": disclosure.qr_svg(url, title=str(_("QR code of the card's address"))),
        },
    )
