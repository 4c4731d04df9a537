"""What `seed_demo` tells whoever sets the register up: a short English summary, and e-mail
links on the address the register is served at."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from demo.loader import DEMO_PASSWORD
from register.models import AISystem, Organisation, OutgoingEmail

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8101"


@pytest.fixture
def seeded(settings, django_capture_on_commit_callbacks):
    settings.DEMO_MODE = True
    settings.LANGUAGE_CODE = "kk"  # the summary is in English whatever the default language
    settings.SITE_URL = SITE
    out = StringIO()
    # The workflow's e-mails go out after the commit, as they do outside the tests.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_prints_a_short_summary_and_no_e_mails(seeded):
    lines = seeded.splitlines()
    assert 10 < len(lines) <= 40
    assert "Subject:" not in seeded
    assert "Content-Type" not in seeded
    assert f"the password for all of them is {DEMO_PASSWORD}" in seeded
    assert f"Sign in at {SITE}/en/accounts/login/" in seeded
    systems = AISystem.objects.count()
    assert f"In the register: {systems} AI systems (" in seeded
    assert "published" in seeded  # status names in English, not in the default language
    assert not re.search(r"[А-Яа-яӘәҚқҢңӨөҰұҮүҺһІі]", seeded)


def test_the_summary_names_every_organisation_and_account_with_its_role(seeded):
    assert re.search(r"^  admin +site administrator", seeded, re.M)
    assert re.search(r"^  regulator +regulator", seeded, re.M)
    for organisation in Organisation.objects.all():
        code = organisation.short_code
        assert re.search(
            rf"^    {code}-editor, {code}-approver.*: {re.escape(organisation.name_en)}$",
            seeded,
            re.M,
        ), code
    assert "mdai-approver2" in seeded


def test_the_summary_says_where_the_demo_e_mails_are(seeded, settings):
    # Outside the tests every e-mail is written by the time the summary counts them; here
    # the notifications sent after each commit come later.
    sent = int(re.search(r"the demo's workflow sent (\d+), ", seeded).group(1))
    assert 20 < sent <= OutgoingEmail.objects.count()
    assert f"{SITE}/en/admin/register/outgoingemail/" in seeded


def test_e_mail_links_use_the_address_the_register_is_served_at(seeded):
    bodies = [message.body for message in mail.outbox]
    assert bodies
    links = [link for body in bodies for link in re.findall(r"https?://[^\s/]+", body)]
    assert links
    assert set(links) == {SITE}
