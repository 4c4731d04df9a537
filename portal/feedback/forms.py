"""Forms of citizen feedback: the public form, and the organisation's actions on a report.

Every text field refuses NUL bytes and other control characters with a clear message, and is
bounded as its column is; line endings are counted as one character, as the browser counts
them for ``maxlength``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.feedback.validators import NoControlCharacters
from portal.models import (
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PUBLIC_SUMMARY_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    ReportKind,
    ReportStatus,
)


class TextField(forms.CharField):
    """A bounded text: ``\\r\\n`` counts as one character, and control characters (NUL
    included) get one clear error instead of Django's NUL message beside ours."""

    def __init__(self, *args: Any, multiline: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(NoControlCharacters(multiline=multiline))

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


class KindChoiceForm(forms.Form):
    """``?kind=`` of a link on the card: which choice the form starts with; anything else is
    ignored."""

    kind = forms.ChoiceField(choices=ReportKind.choices, required=False)


class FeedbackForm(forms.Form):
    """The public form. ``website`` is a trap for robots: hidden from people, labelled to be
    left empty; a form with it filled is answered as sent and stored nowhere."""

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you would like to do.")},
    )
    message = TextField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        help_text=format_lazy(
            _(
                "Say what is wrong or what you want to know, in up to {limit} characters. Do "
                "not include personal details that are not needed."
            ),
            limit=MESSAGE_MAX_LENGTH,
        ),
        error_messages={
            "required": _("Write your message."),
            "max_length": _(
                "Your message is too long: write at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    sender_name = TextField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        multiline=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    sender_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text=_(
            "Only to send you a link to confirm the address and then the reply. It is shown "
            "only to the organisation that answers, never in public."
        ),
        error_messages={"invalid": _("Enter an e-mail address like name@example.kz.")},
    )
    wants_reply = forms.BooleanField(
        label=_("I would like a reply by e-mail"),
        required=False,
    )
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_sender_email(self) -> str:
        return self.cleaned_data["sender_email"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("wants_reply")
            and not cleaned.get("sender_email")
            and ("sender_email" not in self.errors)
        ):
            self.add_error(
                "sender_email",
                forms.ValidationError(
                    _("Enter your e-mail address to get a reply, or untick the box."),
                    code="required_for_reply",
                ),
            )
        return cleaned

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website"))


class ConfirmForm(forms.Form):
    """The button that confirms an address (a POST, so that a mail scanner's visit confirms
    nothing)."""


class QueueFilterForm(forms.Form):
    """The queue's status filter: open reports unless another is chosen."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Open reports")),
            ("escalated", _("Escalated to the regulator")),
            *ReportStatus.choices,
            ("all", _("All reports")),
        ],
    )
    system = forms.CharField(
        label=_("Register number of the AI system"),
        help_text=_("For example KZ-AI-000001. Leave it empty for every system."),
        required=False,
        max_length=32,
    )

    def clean_system(self) -> str:
        return self.cleaned_data["system"].strip().upper()


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or (user.get_username())
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from portal.feedback.services import MANUAL_STATUSES

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in MANUAL_STATUSES]


class ReplyForm(forms.Form):
    reply = TextField(
        label=_("Reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Written to the sender. It is e-mailed to them if they asked for a reply and "
            "confirmed their address, and shown on their status page."
        ),
        error_messages={"required": _("Write the reply.")},
    )


class PublishForm(forms.Form):
    public_summary = TextField(
        label=_("Summary of the question for the public"),
        max_length=PUBLIC_SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the public card above the reply. Write it in your own words, with no "
            "name, address or other detail that identifies the sender."
        ),
        error_messages={"required": _("Summarise the question for the public.")},
    )


class UnpublishForm(forms.Form):
    """Taking the reply off the card: nothing to fill in."""


#: The case page's actions: the form of each, by the value of the posted ``action`` (each
#: form's fields are prefixed with it).
CASE_FORMS: dict[str, type[forms.Form]] = {
    "assign": AssignForm,
    "status": StatusForm,
    "reply": ReplyForm,
    "publish": PublishForm,
    "unpublish": UnpublishForm,
}
