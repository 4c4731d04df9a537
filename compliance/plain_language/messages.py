"""What each hint says to the editor, in the interface language; the stored hint keeps only
its code and numbers (``Hint.detail``)."""

from __future__ import annotations

from typing import Any, Final

from django.utils.translation import gettext_lazy as _

from compliance.plain_language import Hint

MESSAGES: Final = {
    "long_sentence": _(
        "A sentence has %(words)s words (aim for %(limit)s at most): “%(start)s…”. "
        "Split it into shorter sentences."
    ),
    "jargon": _("“%(phrase)s” is official jargon. Try: %(suggestion)s."),
    "jargon_no_suggestion": _("“%(phrase)s” is official jargon. Say it as you would say it aloud."),
    "reading_level": _(
        "The text is hard to read (reading ease %(score)s; plain language scores %(floor)s or "
        "more). Use shorter words and sentences and speak to the reader as “you”."
    ),
    "phone": _(
        "“%(value)s” does not look like a phone number that can be dialled. Write it with the "
        "country or city code, for example +7 7172 00 00 00."
    ),
    "email": _("“%(value)s” does not look like a valid e-mail address."),
    "link_broken": _("The link %(url)s does not answer (%(reason)s). Check the address."),
    "link_not_public": _(
        "The link %(url)s points to an address that is not on the public internet, so people "
        "cannot open it."
    ),
}

REASONS: Final = {
    "timeout": _("no answer in time"),
    "unknown_host": _("the site does not exist"),
    "tls": _("the site's certificate is not valid"),
    "too_many_redirects": _("too many redirects"),
    "no_answer": _("the site did not answer"),
}


def reason(detail: dict[str, Any]) -> str:
    if detail.get("status_code"):
        return str(_("error %(code)s") % {"code": detail["status_code"]})
    return str(REASONS.get(detail.get("error", ""), REASONS["no_answer"]))


def text(hint: Hint) -> str:
    """The hint as a sentence in the active language."""
    detail: dict[str, Any] = dict(hint.detail)
    code = hint.code
    if code == "jargon" and not detail.get("suggestion"):
        code = "jargon_no_suggestion"
    if hint.kind == "link":
        detail["reason"] = reason(detail)
    return str(MESSAGES[code] % detail)
