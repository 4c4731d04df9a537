"""The public card template renders any card JSON safely, accessibly and in every language."""

from __future__ import annotations

import datetime as dt
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from register.cards import build_card
from register.i18n import CONTENT_LANGUAGES
from register.models import ImpactAssessment, PublishedVersion, Withholding
from register.selectors import systems_with_parts
from register.snapshots import freeze_record
from register.templatetags.card_tags import (
    FRIA_PARTS,
    choice_label,
    http_url,
    isodate,
    tel_href,
    translated,
)
from tests.factories import (
    AISystemFactory,
    DataSourceFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;"
NOT_YET_SAID = "This organisation has not yet said how to appeal."

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
_BLOCK = {"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
_PHRASING_ONLY = {"p", "span", "strong", "a", "h1", "h2", "h3", "h4", "h5", "h6", "code"}


class _Structure(HTMLParser):
    """Checks that every tag is closed in order and that no block sits inside phrasing content."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and any(open_tag in _PHRASING_ONLY for open_tag in self.stack):
            self.errors.append(f"<{tag}> inside {self.stack}")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(tag)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def render(card: dict[str, Any], language: str, card_meta: dict[str, Any] | None = None) -> str:
    context: dict[str, Any] = {"card": card}
    if card_meta is not None:
        context["card_meta"] = card_meta
    with translation.override(language):
        return render_to_string("register/card.html", context)


def card_of(system) -> dict[str, Any]:
    return build_card(freeze_record(systems_with_parts().get(pk=system.pk)))


def assert_sound(html: str) -> None:
    """Rules every rendered card meets, whatever its content."""
    structure = _Structure()
    structure.feed(html)
    structure.close()
    assert not structure.errors, structure.errors
    assert not structure.stack, structure.stack
    assert structure.headings.count("h1") == 1
    assert set(structure.headings) <= {"h1", "h2", "h3"}
    assert html.count("<h1") == 1
    assert 'id="card-appeal"' in html
    assert "style=" not in html
    assert "<script" not in html.lower()
    assert '<h1 class="govuk-heading-xl">' in html


def appeal_section(html: str) -> str:
    start = html.index('id="card-appeal"')
    return html[start : html.index('id="card-contact"', start)]


def full_system(**fields):
    texts = {
        f"{name}_{code}": f"{name} {code}"
        for name in ("scope", "affected_groups", "owner_role", "appeal_route")
        for code in CONTENT_LANGUAGES
    }
    return AISystemFactory(**{**texts, **fields})


def test_every_demo_card_renders_soundly_in_every_language(django_assert_num_queries):
    from demo.loader import load_demo

    load_demo()
    systems = list(systems_with_parts())
    assert len(systems) > 20
    for system in systems:
        card = build_card(freeze_record(system))
        for language in CONTENT_LANGUAGES:
            with django_assert_num_queries(0):
                html = render(card, language)
            assert_sound(html)
            with translation.override(language):
                route = translated(card["appeal"]["route"])
            section = appeal_section(html)
            if route:
                first_line = route.strip().splitlines()[0]
                assert escape(first_line) in section, (system.slug, language)
            else:
                assert 'class="govuk-inset-text"' in section


def test_every_published_demo_snapshot_renders_with_its_version_data():
    from demo.loader import load_demo

    load_demo()
    versions = list(PublishedVersion.objects.select_related("system"))
    assert versions
    for version in versions:
        meta = {
            "version": version.number,
            "published_at": version.published_at,
            "sha256": version.sha256,
            "withdrawn_at": version.system.withdrawn_at,
        }
        html = render(version.snapshot, "en", meta)
        assert_sound(html)
        assert f'<code class="govuk-!-text-break-word">{version.sha256}</code>' in html
        assert version.snapshot["schema"] in html
        if version.system.withdrawn_at:
            assert "This record was withdrawn on" in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_full_factory_record_renders_every_section(language):
    system = full_system(
        phase="production",
        first_used_on=dt.date(2020, 9, 1),
        next_review_on=dt.date(2027, 3, 31),
        decision_role="recommends",
        techniques=["chatbot", "generative_ai"],
        channels=["egov_portal"],
        affected_per_year=5200000,
        contact_email="ai@example.gov.kz",
        contact_phone="+7 7172 00 00 01",
        appeal_url="https://example.gov.kz/appeal",
        source_code_url="https://code.example.gov.kz/x",
    )
    HumanOversightFactory(system=system)
    DataSourceFactory(system=system, uses=["training"], special_categories=["health"])
    RiskFactory(system=system, likelihood="high", severity="low")
    ImpactAssessmentFactory(system=system, completed_on=dt.date(2024, 11, 15))

    html = render(card_of(system), language)

    assert_sound(html)
    for anchor in ("card-details", "card-oversight", "card-data", "card-risks", "card-assessments"):
        assert f'id="{anchor}"' in html
    assert "appeal_route " + language in appeal_section(html)
    assert 'href="https://example.gov.kz/appeal" class="govuk-link" rel="noopener noreferrer"' in (
        html
    )
    assert 'href="mailto:ai@example.gov.kz"' in html
    assert 'href="tel:+77172000001"' in html
    assert 'datetime="2020-09-01"' in html


def test_restricted_record_shows_the_art_49_4_notice_and_none_of_its_data():
    system = full_system(withholding=Withholding.RESTRICTED)
    DataSourceFactory(system=system, name_en="Border camera feed")
    card = card_of(system)
    # A stored snapshot might still hold parts: the template must not show them either.
    card["data_sources"] = [{"name": {"en": "Border camera feed"}, "description": {}}]
    card["scope"] = {"en": "Secret scope"}

    html = render(card, "en")

    assert_sound(html)
    assert "Article 49(4) of the EU AI Act" in html
    assert "Border camera feed" not in html
    assert "Secret scope" not in html
    assert 'id="card-details"' not in html
    assert "appeal_route en" in appeal_section(html)


def test_withheld_record_shows_its_reason_and_not_its_details():
    system = full_system(
        withholding=Withholding.WITHHELD,
        withholding_reason_en="Publishing the thresholds would help tax evasion.",
        model_type="Gradient boosting",
    )
    HumanOversightFactory(system=system)
    card = card_of(system)
    card["technical"] = {"model_type": "Gradient boosting"}

    html = render(card, "en")

    assert_sound(html)
    assert "Publishing the thresholds would help tax evasion." in html
    assert 'id="card-details"' not in html
    assert 'id="card-oversight"' not in html
    assert "Gradient boosting" not in html
    assert "Head of the benefits department" not in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_user_text_is_escaped_everywhere(language):
    fields = {
        f"{name}_{code}": XSS
        for name in ("name", "summary", "appeal_route")
        for code in CONTENT_LANGUAGES
    }
    system = AISystemFactory(**fields)
    DataSourceFactory(system=system, **{f"description_{code}": XSS for code in CONTENT_LANGUAGES})
    card = card_of(system)

    html = render(card, language)

    assert_sound(html)
    assert "<script" not in html
    # Name, summary, appeal route and the data source's description.
    assert html.count(ESCAPED_XSS) >= 4
    assert ESCAPED_XSS in appeal_section(html)
    h1 = html[html.index("<h1") : html.index("</h1>")]
    assert ESCAPED_XSS in h1


def test_user_text_in_a_withheld_reason_is_escaped():
    system = AISystemFactory(withholding=Withholding.WITHHELD, withholding_reason_en=XSS)
    html = render(card_of(system), "en")
    assert "<script" not in html
    assert ESCAPED_XSS in html


def test_links_take_only_http_urls():
    system = full_system()
    card = card_of(system)
    card["appeal"]["url"] = "javascript:alert(1)"
    card["contact"]["url"] = "data:text/html,hi"

    html = render(card, "en")

    assert "javascript:" not in html
    assert "data:text" not in html
    assert http_url("https://example.gov.kz/a?b=1") == "https://example.gov.kz/a?b=1"
    assert http_url(" JavaScript:alert(1)") == ""
    assert tel_href("+7 (7172) 00-00-01") == "+77172000001"
    assert tel_href("call us") == ""


def test_a_fallback_text_carries_its_language_and_a_visible_marker(settings):
    settings.LANGUAGE_CODE = "kk"
    system = full_system(
        name_en="",
        name_kk="",
        name_ru="Только по-русски",
        summary_en="",
        summary_kk="",
        summary_ru="Первый абзац.\n\nВторой абзац.",
    )

    html = render(card_of(system), "en")

    assert '<span lang="ru">Только по-русски</span>' in html
    assert '<span class="app-fallback-lang">(not yet translated; shown in Russian)</span>' in html
    assert '<p class="govuk-body" lang="ru">Первый абзац.</p>' in html
    assert '<p class="govuk-body" lang="ru">Второй абзац.</p>' in html
    # Text in the page's language needs no lang attribute of its own.
    english = render(card_of(full_system()), "en")
    assert "app-fallback-lang" not in english
    assert ' lang="' not in english


def test_a_fallback_in_kazakh_and_russian_pages_is_marked_too(settings):
    settings.LANGUAGE_CODE = "kk"
    system = full_system(name_kk="", name_ru="", name_en="English only")
    for language in ("kk", "ru"):
        html = render(card_of(system), language)
        assert '<span lang="en">English only</span>' in html
        assert 'class="app-fallback-lang"' in html


def test_an_empty_appeal_route_and_contact_are_said_plainly():
    system = AISystemFactory(
        appeal_route_kk="", appeal_route_ru="", appeal_route_en="", affected_groups_en=""
    )

    html = render(card_of(system), "en")

    assert_sound(html)
    assert NOT_YET_SAID in appeal_section(html)
    assert html.count("Not provided") >= 3  # affected groups, decision role, contact


def test_choice_values_render_as_labels_in_the_active_language():
    system = full_system(
        phase="production", act_role="both", decision_role="automatic", techniques=["chatbot"]
    )
    card = card_of(system)

    russian = render(card, "ru")
    kazakh = render(card, "kk")
    english = render(card, "en")

    assert "В эксплуатации" in russian
    assert "Пайдаланылуда" in kazakh
    assert "In use" in english
    assert "Provider and deployer" in english
    assert "Chatbot or virtual assistant" in english
    for html in (russian, kazakh, english):
        assert ">production<" not in html
        assert ">both<" not in html


def test_an_unknown_choice_value_is_shown_as_stored_and_escaped():
    card = card_of(full_system())
    card["phase"] = "<b>orbit</b>"

    html = render(card, "en")

    assert "&lt;b&gt;orbit&lt;/b&gt;" in html
    assert choice_label("no-such-value", "phase") == "no-such-value"
    assert choice_label(None, "phase") == ""


def test_the_risk_class_is_told_in_words_not_only_by_colour():
    card = card_of(full_system())
    card["risk"].update({"class": "high", "annex_iii": ["5a"], "transparency_obligations": []})

    html = render(card, "en")

    assert '<strong class="govuk-tag govuk-tag--orange">High risk</strong>' in html
    assert "Strict legal safeguards apply" in html
    assert "essential public benefits" in html

    card["risk"].update(
        {"class": "limited", "annex_iii": [], "transparency_obligations": ["50(1)"]}
    )
    html = render(card, "en")
    assert "You should be told that you are dealing with an AI." in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "15 November 2024"), ("ru", "15 ноября 2024"), ("kk", "15 Қараша 2024")],
)
def test_iso_dates_are_rendered_in_the_active_language(language, expected):
    system = full_system(next_review_on=dt.date(2027, 3, 31))
    ImpactAssessmentFactory(system=system, completed_on=dt.date(2024, 11, 15))

    html = render(card_of(system), language)

    assert f'<time datetime="2024-11-15">{expected}</time>' in html
    assert 'datetime="2027-03-31"' in html
    assert "2024-11-15<" not in html


def test_isodate_reads_date_times_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Almaty"
    with translation.override("en"):
        # 20:00 UTC is already the next day in Almaty (UTC+5).
        assert isodate("2025-01-31T20:00:00+00:00") == "1 February 2025"
        assert isodate("2025-01-31") == "31 January 2025"
        assert isodate("not a date") == "not a date"
        assert isodate(None) == ""


def test_a_fria_shows_all_six_part_headings():
    system = full_system()
    ImpactAssessmentFactory(
        system=system,
        kind=ImpactAssessment.Kind.FRIA,
        state=ImpactAssessment.State.IN_PROGRESS,
        fria_processes_en="Examining applications.",
    )

    with translation.override("en"):
        headings = [str(heading) for _key, heading in FRIA_PARTS]
        html = render(card_of(system), "en")

    assert_sound(html)
    assert "Fundamental-rights impact assessment" in html
    for heading in headings:
        assert f'<dt class="govuk-summary-list__key">{escape(heading)}</dt>' in html
    assert "Examining applications." in html
    # The five blank parts say so instead of disappearing.
    fria = html[html.index("Fundamental-rights impact assessment") :]
    assert fria.count("Not provided") == 5


def test_withdrawn_and_preview_notices():
    card = card_of(full_system())
    meta = {
        "version": 3,
        "published_at": "2025-05-01T09:00:00+05:00",
        "sha256": "a" * 64,
        "withdrawn_at": dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC),
        "is_preview": True,
    }

    html = render(card, "en", meta)

    assert_sound(html)
    assert "govuk-warning-text" in html
    assert "This record was withdrawn on 2 June 2025." in html
    assert "govuk-notification-banner" in html
    assert "This is a preview of the public card." in html
    assert '<time datetime="2025-05-01T09:00:00+05:00">1 May 2025</time>' in html
    assert ">3</dd>" in html

    plain = render(card, "en")
    assert "govuk-warning-text" not in plain
    assert "govuk-notification-banner" not in plain


def _kz_card(**kz):
    card = card_of(full_system())
    card["risk"].update({"class": "high", "annex_iii": ["5a"], "transparency_obligations": []})
    card["risk"]["kz"] = {
        "risk_degree": "medium",
        "autonomy": "low",
        "prohibited": False,
        "state_infosec_regime": False,
        **kz,
    }
    return card


def test_a_kazakh_card_says_the_ai_law_applies_and_the_eu_act_is_a_principle():
    card = _kz_card()
    assert card["organisation"]["jurisdiction"] == "KZ"

    html = render(card, "en")

    assert_sound(html)
    assert "Kazakhstan's AI Law applies to this system." in html
    assert "The register also assesses it against the principles of the EU AI Act:" in html
    assert "How strictly the AI Act regulates it" not in html
    assert "The EU AI Act applies to this system." not in html
    assert "Medium" in html and "moral or material harm" in html
    assert "A person always makes the final choice." in html
    assert "prohibits (Art 17(3))" not in html


def test_a_kazakh_card_flags_a_prohibited_capability_and_the_infosec_regime():
    html = render(_kz_card(risk_degree="high", prohibited=True, state_infosec_regime=True), "en")

    assert "a capability that Kazakhstan's AI Law prohibits (Art 17(3))" in html
    assert "information-security requirements for state systems" in html


def test_an_eu_card_says_the_ai_act_binds():
    card = _kz_card()
    card["organisation"]["jurisdiction"] = "EU"

    html = render(card, "en")

    assert_sound(html)
    assert "The EU AI Act applies to this system." in html
    assert "How strictly the AI Act regulates it" in html
    assert "Kazakhstan's AI Law applies" not in html
    assert "principles of the EU AI Act" not in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_card_shows_the_users_rights_and_the_ai_disclosure(language):
    system = full_system(
        ai_disclosure_en="The chat says it is a virtual assistant.",
        explanation_route_en="Write to the ministry for an explanation.",
        data_access_route_en="Request your data on eGov.",
        non_ai_alternative_en="Visit a public service centre.",
        user_agreement_url="https://example.gov.kz/agreement",
        interaction_mandatory=False,
    )
    card = card_of(system)

    html = render(card, language)

    assert_sound(html)
    assert 'id="card-rights"' in html
    if language == "en":
        assert "The chat says it is a virtual assistant." in html
        assert "Write to the ministry for an explanation." in html
        assert "Request your data on eGov." in html
        assert "Visit a public service centre." in html
        assert "You can refuse to use the system." in html
    assert 'href="https://example.gov.kz/agreement"' in html


def test_a_mandatory_system_says_it_cannot_be_refused_and_gaps_are_said_plainly():
    card = card_of(full_system(interaction_mandatory=True))

    html = render(card, "en")

    assert "A law makes using this system mandatory, so you cannot refuse it." in html
    assert "You can refuse to use the system." not in html
    assert "has not yet said how it tells people that AI is used" in html
    assert "has not yet said how to ask for an explanation" in html


@pytest.mark.parametrize("schema", ["kz-ai-register/card/1", "kz-ai-register/card/2"])
def test_an_older_card_format_renders_without_the_kazakh_parts(schema):
    card = card_of(full_system())
    card["schema"] = schema
    del card["risk"]["kz"], card["rights"], card["transparency"], card["legal_position"]
    del card["organisation"]["jurisdiction"]

    html = render(card, "en")

    assert_sound(html)
    assert 'id="card-rights"' not in html
    assert 'id="card-law"' not in html
    assert "Kazakhstan's AI Law applies" not in html
