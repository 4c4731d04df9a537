"""Search and the list of published systems (``portal:search``): matching in each language,
similar words, facets and their counts, sorting, pagination, what is never found, hostile
input, highlights and the query budget."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from portal import search as search_module
from portal.search import abbreviations, search_public_records
from register import workflow
from register.models import PublicRecord, Withholding
from register.services import publication
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def names(result) -> set[str]:
    return {record.version.snapshot["name"]["en"] for record in result.records}


def found(query: str, language: str = "en", **kwargs) -> set[str]:
    return names(search_public_records(query=query, language=language, **kwargs))


@pytest.fixture
def system(agency, editor, publish):
    """``system(name, **fields)``: publish a record of the agency named ``name`` in English
    (created by ``actor``, the editor by default)."""

    def _system(name: str, actor=None, **fields):
        return publish(complete_system(agency, actor or editor, name_en=name, **fields))

    return _system


# --- Matching in each language ----------------------------------------------------------------


def test_russian_words_are_found_in_other_forms(system):
    system("Clinic bot", name_ru="Чат-бот для записи в поликлинику", summary_ru="Отвечает людям")
    assert found("чат-боты", "ru") == {"Clinic bot"}
    assert found("чат-ботом", "ru") == {"Clinic bot"}
    assert found("поликлиники", "ru") == {"Clinic bot"}


def test_english_words_are_found_in_other_forms(system):
    system("Benefit assistant")
    assert found("assistants") == {"Benefit assistant"}
    assert found("answering question") == {"Benefit assistant"}  # "Answers questions"


def test_kazakh_words_are_matched_exactly(system):
    system("Pension adviser", name_kk="Зейнетақы кеңесшісі")
    result = search_public_records(query="кеңесшісі", language="kk")
    assert names(result) == {"Pension adviser"} and not result.similar
    # No Kazakh stemmer: another form of a word is found as a similar word only.
    inflected = search_public_records(query="зейнетақымен", language="kk")
    assert names(inflected) == {"Pension adviser"} and inflected.similar


def test_a_reader_finds_a_word_written_in_another_language(system):
    system("Clinic bot", name_ru="Запись в поликлинику")
    assert found("поликлинику", "kk") == {"Clinic bot"}
    assert found("поликлинике", "en") == {"Clinic bot"}


def test_a_mistyped_word_is_found_through_similar_words(system):
    system("Benefit chatbot", name_ru="Виртуальный ассистент")
    for query, language in (("chatbto", "en"), ("ассистетн", "ru")):
        result = search_public_records(query=query, language=language)
        assert names(result) == {"Benefit chatbot"}, query
        assert result.similar


def test_the_page_says_when_it_shows_similar_words(client, system):
    system("Benefit chatbot")
    page = client.get("/en/systems/?q=chatbto").content.decode()
    assert "showing results for similar words" in page
    assert "Benefit chatbot" in page


def test_quotes_match_a_phrase(system):
    system("Queue forecast", summary_en="Predicts the queue")
    system("Forecast of the queue", summary_en="Predicts waiting")
    assert found('"queue forecast"') == {"Queue forecast"}
    assert found("queue forecast") == {"Queue forecast", "Forecast of the queue"}


def test_a_minus_excludes_a_word_in_any_language(system):
    system("Tax chatbot", name_ru="Налоговый помощник")
    system("Tax forecast", name_ru="Налоговый прогноз")
    assert found("tax -chatbot") == {"Tax forecast"}
    # The Russian page: the Russian name has no "chatbot", the English one has.
    assert found("tax -chatbot", "ru") == {"Tax forecast"}
    # Wherever PostgreSQL reads a "-" as NOT, not only before a word.
    for query in ("налоговый - chatbot", "налоговый (-chatbot)"):
        assert found(query, "ru") == {"Tax forecast"}, query


def test_or_matches_either_word(system):
    system("Tax chatbot")
    system("Queue forecast")
    system("Document recognition")
    assert found("chatbot or forecast") == {"Tax chatbot", "Queue forecast"}


def test_relevance_puts_a_match_in_the_name_before_one_in_the_summary(system):
    system("Queue forecast", summary_en="Predicts the load")
    system("Load planner", summary_en="Plans with a forecast")
    result = search_public_records(query="forecast", language="en")
    assert [r.version.snapshot["name"]["en"] for r in result.records] == [
        "Queue forecast",
        "Load planner",
    ]


# --- What is never found ----------------------------------------------------------------------


def test_a_drafts_words_and_an_unpublished_change_are_never_found(agency, editor, system):
    complete_system(agency, editor, name_en="Secret draft planner")
    published = system("Queue forecast")
    published.name_en = "Queue forecast with Zebrafinch"
    published.save(update_fields=["name_en"])
    assert not search_public_records(query="planner", language="en").records
    assert not search_public_records(query="zebrafinch", language="en").records
    assert found("forecast") == {"Queue forecast"}


def test_a_withheld_records_hidden_fields_are_never_matched_nor_shown(
    client, agency, editor, publish
):
    draft = complete_system(
        agency,
        editor,
        name_en="Tax risk model",
        scope_en="Thresholds of the Quokkaflag audit",
        process_integration_en="Quokkaflag ranking",
    )
    # What an approver decides in the workspace.
    draft.withholding = Withholding.WITHHELD
    for code, reason in (("kk", "Жалтаруға көмектеседі."), ("ru", "Помогло бы уклонению.")):
        setattr(draft, f"withholding_reason_{code}", reason)
    draft.withholding_reason_en = "It would help evasion."
    draft.save()
    publish(draft)
    record = PublicRecord.objects.get()
    assert "Quokkaflag" not in record.words
    assert not search_public_records(query="quokkaflag", language="en").records
    assert found("tax") == {"Tax risk model"}
    page = client.get("/en/systems/?q=tax").content.decode()
    assert "Tax risk model" in page.replace("<mark>", "").replace("</mark>", "")
    assert "Quokkaflag" not in page and "Thresholds" not in page


# --- Highlights and escaping ------------------------------------------------------------------


def test_matches_are_highlighted_and_every_text_is_escaped(client, system):
    system("<script>alert(1)</script> chatbot", summary_en="A <b>bold</b> chatbot & more")
    query = quote("<script> chatbot & <b>")
    response = client.get(f"/en/systems/?q={query}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>chatbot</mark>" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; <mark>chatbot</mark> &amp; more" in page
    assert 'value="&lt;script&gt; chatbot &amp; &lt;b&gt;"' in page


def test_the_highlight_filter_escapes_before_marking():
    from portal.templatetags.search_tags import highlight

    start, stop = search_module.START_SEL, search_module.STOP_SEL
    marked = f"{start}<img src=x onerror=alert(1)>{stop} and {stop}<i>{start}"
    assert highlight(marked) == "<mark>&lt;img src=x onerror=alert(1)&gt;</mark> and &lt;i&gt;"
    assert highlight(f"{start}word{stop} text", "word text that goes on").endswith(" …")


# --- Organisations named by the query ---------------------------------------------------------


def test_an_organisations_short_code_leads_to_it(client, agency, system):
    system("Queue forecast")
    page = client.get("/en/systems/?q=AGENCY-A").content.decode()
    assert 'href="/en/organisations/agency-a/"' in page
    assert "Organisation:" in page


def test_an_organisations_abbreviation_leads_to_it(client, agency, system):
    agency.name_ru = "Министерство труда и социальной защиты населения Республики Казахстан"
    agency.save(update_fields=["name_ru"])
    system("Queue forecast")
    for query in ("МТСЗН", "mtszn", "MTSZN"):
        page = client.get(f"/en/systems/?q={quote(query)}").content.decode()
        assert 'href="/en/organisations/agency-a/"' in page, query


def test_abbreviations_leave_out_small_words_and_the_country():
    found_ = abbreviations("Министерство труда и социальной защиты населения Республики Казахстан")
    assert {"мтсзнрк", "мтсзн", "mtszn"} <= found_
    assert "mz" in abbreviations("Министерство здравоохранения Республики Казахстан")


# --- Facets -----------------------------------------------------------------------------------


@pytest.fixture
def three(agency, editor, system, other_agency, other_agency_editor, other_agency_approver):
    system("Tax chatbot", techniques=["chatbot"], channels=["egov_portal"])
    system(
        "Queue forecast",
        techniques=["predictive_model", "big_data_analytics"],
        application_area="analytics",
    )
    other = complete_system(
        other_agency, other_agency_editor, name_en="Clinic chatbot", techniques=["chatbot"]
    )
    publication.system_submit(system=other, actor=other_agency_editor)
    publication.system_publish(
        system=other,
        actor=other_agency_approver,
        confirmed=workflow.confirmation_names("publish"),
    )


def facet(result, name):
    return {
        o.value: o.count for o in next(f for f in result.facets if f.facet.name == name).options
    }


def test_facet_counts_match_the_projection(three):
    result = search_public_records(language="en")
    assert result.total == PublicRecord.objects.count() == 3
    assert facet(result, "technique") == {
        "chatbot": PublicRecord.objects.filter(techniques__contains=["chatbot"]).count(),
        "predictive_model": 1,
        "big_data_analytics": 1,
    }
    assert facet(result, "organisation") == {"agency-a": 2, "agency-b": 1}
    assert facet(result, "area") == {"service_delivery": 2, "analytics": 1}
    assert facet(result, "withdrawn") == {"no": 3}
    assert facet(result, "kind") == {"ministry": 3}


def test_values_of_one_facet_are_or_ed_and_facets_and_ed(three):
    both = search_public_records(
        language="en", filters={"technique": ["chatbot", "predictive_model"]}
    )
    assert names(both) == {"Tax chatbot", "Queue forecast", "Clinic chatbot"}
    narrowed = search_public_records(
        language="en", filters={"technique": ["chatbot"], "organisation": ["agency-a"]}
    )
    assert names(narrowed) == {"Tax chatbot"}


def test_a_facet_is_counted_against_the_other_facets_filters_only(three):
    result = search_public_records(
        language="en", filters={"technique": ["chatbot"], "organisation": ["agency-a"]}
    )
    assert result.total == 1
    # Organisations: counted with the technique filter, not the organisation filter.
    assert facet(result, "organisation") == {"agency-a": 1, "agency-b": 1}
    # Techniques: counted with the organisation filter, not the technique filter.
    assert facet(result, "technique") == {
        "chatbot": 1,
        "predictive_model": 1,
        "big_data_analytics": 1,
    }
    # Other facets: with both filters.
    assert facet(result, "channel") == {"egov_portal": 1}


def test_facets_are_counted_against_the_query(three):
    result = search_public_records(query="chatbot", language="en")
    assert facet(result, "organisation") == {"agency-a": 1, "agency-b": 1}
    assert "predictive_model" not in facet(result, "technique")


def test_active_filters_are_removable_one_by_one(client, three):
    page = client.get("/en/systems/?technique=chatbot&organisation=agency-a").content.decode()
    assert "1 AI system<" in page
    assert 'href="?organisation=agency-a"' in page  # without the technique
    assert 'href="?technique=chatbot"' in page  # without the organisation
    assert "Clear filters" in page and 'href="?"' in page
    assert re.search(r'value="chatbot"[^>]*checked', page)


def test_unknown_facet_values_are_ignored_with_a_note(client, three):
    response = client.get("/en/systems/?technique=teleportation&organisation=nobody&kind=../x")
    page = response.content.decode()
    assert response.status_code == 200
    assert "were left out" in page
    assert "3 AI systems" in page


def test_withdrawn_records_are_listed_marked_and_can_be_left_out(client, approver, three):
    withdrawn = PublicRecord.objects.select_related("system").get(
        version__snapshot__name__en="Queue forecast"
    )
    publication.system_withdraw(system=withdrawn.system, actor=approver)
    page = client.get("/en/systems/").content.decode()
    assert "Queue forecast" in page and "Withdrawn</strong>" in page
    current = search_public_records(language="en", filters={"withdrawn": ["no"]})
    assert names(current) == {"Tax chatbot", "Clinic chatbot"}
    assert facet(current, "withdrawn") == {"no": 2, "yes": 1}


# --- Sorting and pages ------------------------------------------------------------------------


def test_sorting(three):
    PublicRecord.objects.filter(version__snapshot__name__en="Tax chatbot").update(
        updated_at="2030-01-01T00:00:00Z"
    )

    def order(sort, query=""):
        result = search_public_records(query=query, sort=sort, language="en")
        return [r.version.snapshot["name"]["en"] for r in result.records]

    assert order("newest") == ["Clinic chatbot", "Queue forecast", "Tax chatbot"]
    assert order("") == order("newest")
    assert order("relevance") == order("newest")  # no query: no relevance
    assert order("changed")[0] == "Tax chatbot"
    assert order("name") == ["Clinic chatbot", "Queue forecast", "Tax chatbot"]
    assert search_public_records(query="chatbot", language="en").sort == "relevance"


def test_pages_are_capped_and_a_page_past_the_end_is_the_last(client, monkeypatch, three):
    monkeypatch.setattr(search_module, "PAGE_SIZE", 1)
    monkeypatch.setattr(search_module, "MAX_PAGES", 2)
    result = search_public_records(language="en", page=99)
    assert (result.number, result.num_pages, len(result.records)) == (2, 2, 1)
    assert result.capped
    for page in ("99999999999999999999999999", "-1", "abc", "2.5", "٣"):
        response = client.get(f"/en/systems/?page={quote(page)}")
        assert response.status_code == 200, page
    page = client.get("/en/systems/?page=2").content.decode()
    assert "Only the first 2 pages" in page


# --- Hostile input ----------------------------------------------------------------------------

HOSTILE = [
    "\x00",
    "chat\x00bot",
    "x" * 10_000,
    "'",
    "&",
    "!",
    ":*",
    "<->",
    '"unbalanced',
    'a "b',
    "-",
    "or",
    "- - or ! & | <-> :*",
    "'; DROP TABLE register_publicrecord; --",
    "\\",
    "%",
    "_",
    "(",
    "🙂",
    "\u202e",
    "\ue000mark\ue001",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_page_or_a_400(client, system, query):
    if query == HOSTILE[0]:
        system("Tax chatbot")
    response = client.get("/en/systems/", {"q": query, "sort": query, "page": query})
    assert response.status_code in (200, 400)
    if "\x00" in query or len(query) > search_module.MAX_QUERY_LENGTH:
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
    response = client.get("/en/systems/", {"technique": query, "organisation": query})
    assert response.status_code in (200, 400)


def test_too_many_values_of_a_facet_is_a_400(client, db):
    response = client.get("/en/systems/", {"technique": [f"t{n}" for n in range(101)]})
    assert response.status_code == 400


# --- The page ---------------------------------------------------------------------------------


def test_no_query_lists_every_published_record_newest_first(client, three):
    page = client.get("/en/systems/").content.decode()
    assert page.index("Clinic chatbot") < page.index("Queue forecast") < page.index("Tax chatbot")
    assert page.count("<h1") == 1
    assert "Apply filters" in page


def test_no_results_give_advice(client, three):
    page = client.get("/en/systems/?q=zzzzqqqq&technique=chatbot").content.decode()
    assert "0 AI systems" in page
    assert "check the spelling" in page
    assert 'href="/en/organisations/"' in page
    assert 'href="?q=zzzzqqqq"' in page  # remove the filters


def seed(count: int) -> None:
    from demo.bulk import seed_bulk

    seed_bulk(count, published_share=1.0)


@pytest.mark.parametrize("count", [10, 200])
def test_the_search_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    seed(count)
    assert PublicRecord.objects.count() >= count
    for url in (
        "/en/systems/",
        "/ru/systems/?q=%D0%BA%D0%BE%D0%BD%D1%81%D1%83%D0%BB%D1%8C%D1%82%D0%B0%D0%BD%D1%82",
        "/en/systems/?q=assistent&technique=chatbot&risk=high&sort=name&page=3",
        "/kk/systems/?technique=chatbot&technique=speech&fria=no&withdrawn=no&page=2",
    ):
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200, url
