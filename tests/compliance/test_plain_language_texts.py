"""The plain-language assistant's text and contact hints, in Kazakh, Russian and English."""

from __future__ import annotations

import pytest
from django.utils import translation

from compliance.plain_language import CHECKED_FIELDS, Hint
from compliance.plain_language.contacts import (
    contact_problems,
    malformed_emails,
    malformed_phones,
)
from compliance.plain_language.messages import text
from compliance.plain_language.review import record_urls, review_hints
from compliance.plain_language.services import jargon_lists
from compliance.plain_language.texts import (
    LONG_SENTENCE_WORDS,
    long_sentences,
    reading_ease,
    text_problems,
    too_hard,
)
from register.models import AISystem

LONG = {
    "kk": (
        "Жүйе азаматтардың өтініштерін қабылдап, оларды тіркеп, тиісті бөлімге жолдап, "
        "мерзімін бақылап, жауап дайындалғаннан кейін оны өтініш берушіге жіберіп, сонымен "
        "қатар барлық әрекеттерді журналға жазып, есептерді ай сайын басшылыққа ұсынып, "
        "деректерді мұрағатқа тапсырады."
    ),
    "ru": (
        "Система принимает обращения граждан, регистрирует их, направляет в нужный отдел, "
        "следит за сроками, отправляет готовый ответ заявителю, а также записывает все "
        "действия в журнал и каждый месяц готовит отчёты для руководства министерства."
    ),
    "en": (
        "The system receives the requests that citizens send, registers each of them, passes "
        "them to the right department, watches the deadlines, sends the answer once it is "
        "ready and also writes every step into a log that managers read every month."
    ),
}
SHORT = {
    "kk": "Жүйе сұрақтарға жауап береді. Шешімді адам қабылдайды.",
    "ru": "Система отвечает на вопросы. Решение принимает человек.",
    "en": "The system answers questions. A person makes the decision.",
}
JARGON = {
    "kk": ("Деректерді өңдеу белгіленген тәртіппен жүзеге асырылады.", "жүзеге асырылады"),
    "ru": ("Обработка данных осуществляется в установленном порядке.", "осуществляется"),
    "en": ("Processing is carried out in accordance with the rules.", "in accordance with"),
}
HARD = {
    "ru": (
        "Настоящим уведомляем, что в целях обеспечения надлежащего функционирования "
        "государственной информационной системы осуществляется автоматизированная обработка "
        "персональных данных заявителей, представляющих документы для получения "
        "государственных услуг в электронной форме, с последующей верификацией "
        "уполномоченными должностными лицами территориальных подразделений."
    ),
    "en": (
        "Notwithstanding the aforementioned considerations, the implementation of automated "
        "decision-making methodologies necessitates comprehensive organisational "
        "accountability mechanisms, institutionalised verification procedures and "
        "continuous multidisciplinary evaluation of algorithmic performance characteristics "
        "across heterogeneous administrative environments and jurisdictions."
    ),
}
PLAIN = {
    "ru": (
        "Вы пишете вопрос в чат. Бот отвечает сразу. Если ответ вам не помог, напишите слово "
        "оператор. Тогда вам ответит человек. Он работает с девяти до шести. Бот не видит ваши "
        "документы и не принимает решений. Он только подсказывает, куда идти."
    ),
    "en": (
        "You type your question in the chat. The bot answers at once. If the answer does not "
        "help, type the word operator. Then a person will answer you. They work from nine to "
        "six. The bot does not see your papers and makes no decisions. It only tells you where "
        "to go."
    ),
}


def _codes(problems):
    return [code for code, _detail in problems]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_long_sentence_is_flagged_with_its_first_words(language):
    found = long_sentences(LONG[language], language)
    assert len(found) == 1
    assert found[0]["words"] > LONG_SENTENCE_WORDS[language]
    assert found[0]["limit"] == LONG_SENTENCE_WORDS[language]
    assert LONG[language].startswith(found[0]["start"])
    assert long_sentences(SHORT[language], language) == []


def test_a_numbered_list_is_read_as_separate_sentences():
    steps = "\n".join(f"{n}. Откройте страницу услуги и нажмите кнопку отправки" for n in range(6))
    assert long_sentences(steps, "ru") == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_jargon_from_the_seeded_list_is_flagged_with_a_plainer_wording(language):
    sentence, phrase = JARGON[language]
    lists = jargon_lists()
    assert len(lists[language]) >= 15
    found = [d for c, d in text_problems(sentence, language, lists) if c == "jargon"]
    assert phrase in [d["phrase"] for d in found]
    assert all(d["suggestion"] for d in found)
    assert "jargon" not in _codes(text_problems(SHORT[language], language, lists))


def test_jargon_matches_whole_words_only():
    lists = {"ru": [("данный", "этот")]}
    assert _codes(text_problems("Данный сервис работает.", "ru", lists)) == ["jargon"]
    assert _codes(text_problems("Мы храним данные.", "ru", lists)) == []


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_text_far_above_the_plain_reading_level_is_flagged(language):
    hard = too_hard(HARD[language], language)
    assert hard is not None
    assert hard["score"] < hard["floor"]
    assert too_hard(PLAIN[language], language) is None
    assert reading_ease(PLAIN[language], language) > reading_ease(HARD[language], language)


def test_kazakh_and_short_texts_get_no_reading_score():
    assert reading_ease(LONG["kk"] * 3, "kk") is None
    assert reading_ease("Осуществляется верификация.", "ru") is None


@pytest.mark.parametrize(
    "value",
    ["+7 7172 74-30-14", "8 (7172) 74 30 14", "+7 701 123 4567", "1414", "+44 20 7946 0958"],
)
def test_well_formed_phone_numbers_pass(value):
    assert malformed_phones(value) == []


@pytest.mark.parametrize("value", ["+7 12", "87172", "+7 (7172) 55-55", "call us", "12-34"])
def test_malformed_phone_numbers_are_flagged(value):
    assert malformed_phones(value) == [value]


def test_several_numbers_in_one_field_are_checked_one_by_one():
    assert malformed_phones("1414, +7 7172 74-30-14 или +7 12") == ["+7 12"]


def test_malformed_addresses_and_numbers_in_a_text_are_flagged():
    text_ru = (
        "Напишите на priem@gov,kz или на help@example.gov.kz, либо позвоните +7 7172 123 "
        "или 8 (7172) 74-30-14."
    )
    problems = contact_problems(text_ru)
    assert ("email", {"value": "priem@gov"}) in problems
    assert ("phone", {"value": "+7 7172 123"}) in problems
    assert all(detail["value"] != "help@example.gov.kz" for _code, detail in problems)
    assert all("74-30-14" not in detail["value"] for _code, detail in problems)
    assert malformed_emails("ai@example.gov.kz") == []
    assert malformed_emails("ai@@example") == ["ai@@example"]


def test_a_record_gets_hints_per_field_and_language():
    system = AISystem(
        summary_ru=LONG["ru"],
        summary_en=SHORT["en"],
        appeal_route_kk=JARGON["kk"][0],
        contact_phone="+7 12",
        contact_email="ai@example.gov.kz",
        appeal_url="https://example.gov.kz/appeal",
        explanation_route_en="See https://example.gov.kz/explain.",
    )
    jargon = {"kk": [("жүзеге асырылады", "біз істейміз")]}
    hints = review_hints(system, jargon=jargon, links={})
    assert [(h.field, h.language, h.code) for h in hints] == [
        ("summary", "ru", "long_sentence"),
        ("summary", "ru", "reading_level"),  # one 40-word sentence is hard to read, too
        ("appeal_route", "kk", "jargon"),
        ("contact_phone", "", "phone"),
    ]
    assert record_urls(system) == [
        "https://example.gov.kz/appeal",
        "https://example.gov.kz/explain",
    ]


def test_every_hint_reads_as_a_sentence_in_each_language():
    hints = [
        Hint("summary", "ru", "long_sentence", {"words": 40, "limit": 22, "start": "Система"}),
        Hint("summary", "en", "jargon", {"phrase": "hereby", "suggestion": "leave it out"}),
        Hint("summary", "en", "jargon", {"phrase": "hereby", "suggestion": ""}),
        Hint("summary", "ru", "reading_level", {"score": 12, "floor": 30.0}),
        Hint("contact_phone", "", "phone", {"value": "+7 12"}),
        Hint("contact_email", "", "email", {"value": "a@b"}),
        Hint("appeal_url", "", "link_broken", {"url": "https://x.kz", "status_code": 404}),
        Hint("appeal_url", "", "link_broken", {"url": "https://x.kz", "error": "timeout"}),
        Hint("appeal_url", "", "link_not_public", {"url": "http://10.0.0.1"}),
    ]
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            for hint in hints:
                assert "%(" not in text(hint)
    with translation.override("en"):
        assert "40 words" in text(hints[0])
        assert "error 404" in text(hints[6])
        assert "no answer in time" in text(hints[7])


def test_the_checked_fields_are_fields_of_the_record():
    for name in CHECKED_FIELDS:
        assert hasattr(AISystem, name), name


def test_large_numbers_in_a_text_are_not_taken_for_phone_numbers():
    assert contact_problems("Около 8 000 000 заявлений в год.") == []
