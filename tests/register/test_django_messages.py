"""Django's messages that its Kazakh catalogue lacks are provided by the register's catalogue
(register/django_messages.py), so that sign-in, passwords, form errors and the admin site read in
Kazakh and Russian."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils import translation

import register.django_messages
from tests.register.catalogues import DJANGO_DOMAINS, djangos, ours
from tests.register.test_no_english import english_on


def _listed() -> list[tuple[str, str | None]]:
    """(msgid, msgid_plural) of every message the module lists, read as makemessages reads it."""
    tree = ast.parse(Path(register.django_messages.__file__).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
            "gettext_noop",
            "ngettext_lazy",
        ):
            strings = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            found.append((strings[0], strings[1] if len(strings) > 1 else None))
    return found


LISTED = _listed()


def test_the_module_lists_the_messages_users_meet():
    msgids = {msgid for msgid, _plural in LISTED}
    assert len(LISTED) == len(msgids) > 100
    assert (
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive." in msgids
    )
    assert "The two password fields didn’t match." in msgids
    assert "This password is too common." in msgids


@pytest.mark.parametrize("msgid, plural", LISTED, ids=[msgid[:40] for msgid, _ in LISTED])
def test_each_listed_message_is_djangos_and_translated_in_ours(msgid, plural):
    djangos_entries = {
        entry.msgid: entry for domain in DJANGO_DOMAINS for entry in djangos("en", domain)
    }
    assert msgid in djangos_entries, "no longer a message of Django: remove it"
    assert djangos_entries[msgid].plural == plural
    for language in ("kk", "ru"):
        entry = next((e for e in ours(language) if e.msgid == msgid and not e.context), None)
        assert entry is not None, f"missing from locale/{language}: run make messages"
        assert entry.translated
        assert entry.plural == plural


@pytest.mark.parametrize(
    "language, expected",
    [
        ("kk", "Дұрыс "),
        ("ru", "Пожалуйста, введите правильные "),
    ],
)
def test_the_sign_in_error_is_in_the_page_language(db, rf, language, expected):
    with translation.override(language):
        form = AuthenticationForm(
            rf.post("/accounts/login/"), data={"username": "nobody", "password": "wrong"}
        )
        assert not form.is_valid()
        error = " ".join(form.non_field_errors())
    assert error.startswith(expected)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_password_rules_are_in_the_page_language(editor, language):
    with translation.override(language):
        form = SetPasswordForm(editor, data={"new_password1": "12345", "new_password2": "12345"})
        assert not form.is_valid()
        errors = " ".join(form.errors["new_password2"])
    assert errors
    assert english_on(f"<p>{errors}</p>", language) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    "path",
    ["", "auth/user/", "auth/user/{user}/change/", "auth/user/{user}/password/", "auth/user/add/"],
)
def test_the_admin_pages_a_site_admin_meets_have_no_english(client, site_admin, language, path):
    client.force_login(site_admin)
    response = client.get(f"/{language}/admin/{path.format(user=site_admin.pk)}")
    assert response.status_code == 200
    # Left out: the names of permissions, which Django stores in English in the database
    # ("Can add AI system"); only the site administrator reads them.
    html = re.sub(
        r'<select name="user_permissions".*?</select>', "", response.content.decode(), flags=re.S
    )
    assert english_on(html, language) == []
