"""A restricted or withheld record leaks nothing that its reduced card hides, on any public
surface: the card and its versions, the comparison, search results and their highlights, the
feeds, the sitemap, the disclosure kit, the organisation page, the statistics and the home
page. Every hidden field of the record holds a unique marker; no response may contain one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from register import schema
from register.cards import CORE
from register.i18n import CONTENT_LANGUAGES
from register.models import Membership, Withholding
from register.services.records import system_update
from tests.factories import MembershipFactory, complete_system

pytestmark = pytest.mark.django_db(transaction=True)

MARK = "zqx"
TEXT_MODELS_FIELDS = ("name", "description", "mitigation", "summary", "responsible_role")


def _marker(*parts: str) -> str:
    return MARK + "".join(re.sub(r"[^a-z]", "", p.lower()) for p in parts)


def _hide_everything(system) -> None:  # type: ignore[no-untyped-def]
    """Fill every translated field that the reduced card leaves out, and every text of every
    part, with a marker; the record itself and its parts are saved as they are stored."""
    for name in schema.SYSTEM_TRANSLATED - CORE - {"withholding_reason"}:
        for code in CONTENT_LANGUAGES:
            setattr(system, f"{name}_{code}", _marker(name, code))
    system.source_code_url = "https://zqxsourcecode.example.org/"
    system.save()
    for part in schema.PARTS:
        for row in part.model.objects.filter(system=system):
            for name in part.translated:
                for code in CONTENT_LANGUAGES:
                    setattr(row, f"{name}_{code}", _marker(part.name, name, code))
            row.save()


@pytest.fixture(params=[Withholding.RESTRICTED, Withholding.WITHHELD])
def reduced(request, agency, editor, publish):  # type: ignore[no-untyped-def]
    fields = {"withholding": request.param}
    if request.param == Withholding.WITHHELD:
        fields |= {f"withholding_reason_{c}": f"Public reason {c}" for c in CONTENT_LANGUAGES}
    # Only an approver decides what the public may see; another one publishes.
    deciding = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    system = complete_system(
        agency,
        deciding,
        name_en="Border queue camera",
        summary_en="Counts people waiting at the border post",
        **fields,
    )
    _hide_everything(system)
    system = publish(system)
    # A second version, so that the history and the comparison have something to compare.
    system = system_update(
        system=system,
        actor=editor,
        data={"summary_en": "Counts people waiting at the border post, every hour"},
        expected_revision=system.revision,
    )
    return publish(system)


def _public_urls(system) -> list[str]:  # type: ignore[no-untyped-def]
    public_id = system.public_id
    code = system.organisation.short_code
    urls = [
        reverse("home"),
        reverse("portal:search"),
        reverse("portal:search") + "?q=border",
        reverse("portal:search") + "?q=camera+queue",
        reverse("portal:search") + "?q=bordr",
        reverse("portal:card", args=[public_id]),
        reverse("portal:versions", args=[public_id]),
        reverse("portal:version", args=[public_id, 1]),
        reverse("portal:version", args=[public_id, 2]),
        reverse("portal:compare", args=[public_id]) + "?from=1&to=2",
        reverse("portal:organisations"),
        reverse("portal:organisation", args=[code]),
        reverse("portal:statistics"),
        reverse("portal:feed"),
        reverse("portal:organisation_feed", args=[code]),
        reverse("portal:notice", args=[public_id]),
        reverse("portal:notice_json", args=[public_id]),
        reverse("portal:poster", args=[public_id]),
        "/sitemap.xml",
    ]
    if system.risk_class:
        urls.append(reverse("portal:class_feed", args=[system.risk_class]))
    return urls


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_no_hidden_field_of_a_reduced_record_on_any_public_surface(client, reduced, language):
    from django.utils import translation

    seen_name = False
    with translation.override(language):
        urls = _public_urls(reduced)
        search_url = reverse("portal:search")
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert MARK not in text.lower(), (url, text[text.lower().index(MARK) - 80 :][:200])
        seen_name |= getattr(reduced, f"name_{language}") in text
    assert seen_name

    # Searching for a hidden word finds nothing (the page repeats the query, nothing else).
    for hidden in (_marker("scope", language), _marker("data_sources", "name", language)):
        page = client.get(search_url, {"q": hidden}).content.decode()
        assert f"/systems/{reduced.public_id}/" not in page
        assert MARK not in page.lower().replace(hidden, "")
