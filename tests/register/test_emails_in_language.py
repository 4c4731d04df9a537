"""E-mails are written in the recipient's language: a Kazakh or Russian reader finds no English
phrase of the catalogues in the subject or the body (the record's own texts aside)."""

from __future__ import annotations

import re

import pytest

from register import workflow
from register.models import Profile
from register.services import publication
from tests.factories import complete_system
from tests.register.test_no_english import english_on

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[А-Яа-яЁёӘәІіҢңҒғҮүҰұҚқӨөҺһ]")


def _assert_in(language, message):  # type: ignore[no-untyped-def]
    assert CYRILLIC.search(message.subject), message.subject
    assert english_on(f"<p>{message.subject}</p><pre>{message.body}</pre>", language) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_workflow_mails_are_in_the_recipients_language(
    agency, editor, approver, mailoutbox, django_capture_on_commit_callbacks, settings, language
):
    settings.LANGUAGE_CODE = "en"
    for user in (editor, approver):
        Profile.objects.create(user=user, language=language)
    system = complete_system(agency, editor)
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_submit(system=system, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_return(system=system, actor=approver, comment="Толықтырыңыз.")
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_submit(system=system, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_publish(
            system=system, actor=approver, confirmed=workflow.confirmation_names("publish")
        )
    to_editor = [m for m in mailoutbox if m.to == [editor.email]]
    to_approver = [m for m in mailoutbox if m.to == [approver.email]]
    assert to_editor and to_approver
    for message in to_editor + to_approver:
        _assert_in(language, message)
    link = f"/{language}/workspace/systems/{system.public_id}/"
    assert any(link in message.body for message in to_editor)
    assert any(link in message.body for message in to_approver)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_password_reset_mail_is_in_the_users_language(
    client, editor, mailoutbox, django_capture_on_commit_callbacks, language
):
    Profile.objects.create(user=editor, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password_reset/", {"email": editor.email})
    (message,) = mailoutbox
    _assert_in(language, message)
    assert f"/{language}/accounts/reset/" in message.body
