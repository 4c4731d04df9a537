"""Search over the public projection (``PublicRecord``): the portal's list of published systems.

Only ``PublicRecord`` and the versions it points to are read, never the working copy, so a
draft, a change not yet published and a field a restricted or withheld card hides are never
found nor shown.

Matching. The query has PostgreSQL's ``websearch_to_tsquery`` syntax (``"a phrase"``,
``-word``, ``or``) and is matched against the document of each content language with that
language's configuration (``register.languages.SEARCH_CONFIGS``): a Kazakh reader who types a
Russian word finds the Russian text. A record matches when one of its documents matches (which
the per-language GIN indexes answer) and the three documents together match the three queries
together, so that ``-word`` excludes a record that has the word in any language. The rank
counts the reader's language three times and each other language once (weights A name >
B summary > C organisation > D scope).
When this finds fewer than ``FEW`` records and the query uses no search syntax (a reader who
writes a phrase, ``-word`` or ``or`` asked for exactly that), similar words (``pg_trgm`` word
similarity on ``PublicRecord.words``, the ``%>`` operator that the ``public_words_trgm`` index
answers) are matched as well, after the full-text matches, and the page says so.

Facets. ``FACETS`` declares every facet once: the form's fields, the filters, the counts and the
labels derive from it. Values of one facet are OR-ed, facets are AND-ed. The counts are
standard faceting: the count of a value is the number of records that match the query and
every *other* facet's filters, i.e. how many records the list would gain by also ticking it
(or has, for a ticked value, when its facet is the only filter). All counts and the total come
from one query.

Queries: one for the organisations, one for the counts (two when similar words are needed),
one for the page of results: at most four, whatever the size of the register.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce, Lower, NullIf, Trim
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.cache import per_generation
from register.i18n import CONTENT_LANGUAGES, column, content_language, fallback_order, pick
from register.languages import SEARCH_CONFIGS
from register.models import (
    ApplicationArea,
    Channel,
    DecisionRole,
    KzRiskDegree,
    Organisation,
    Phase,
    PublicRecord,
    Region,
    RiskClass,
    Technique,
)
from register.vocabulary import ANNEX_III_USES, FIELD_LABELS

# Fewer full-text results than this and similar words are matched too.
FEW: Final = 3
PAGE_SIZE: Final = 20
# Pages past this are not served: deep OFFSETs grow linearly, and nobody reads page 51.
MAX_PAGES: Final = 50
# The longest query a person types; longer ones are refused by the form.
MAX_QUERY_LENGTH: Final = 200
# Markers around highlighted words in ``ts_headline``'s output: private-use code points that
# no text of the register means, turned into ``<mark>`` after escaping (``search_tags``).
START_SEL: Final = "\ue000"
STOP_SEL: Final = "\ue001"
# The URL value of a facet's blank stored value ("not yet classified", "not assigned").
BLANK: Final = "none"
YES, NO = "yes", "no"

SORT_RELEVANCE, SORT_NEWEST, SORT_CHANGED, SORT_NAME = "relevance", "newest", "changed", "name"
SORTS: Final[tuple[tuple[str, Any], ...]] = (
    (SORT_RELEVANCE, _("Relevance")),
    (SORT_NEWEST, _("Newest first")),
    (SORT_CHANGED, _("Recently changed")),
    (SORT_NAME, _("Name (A to Z)")),
)


def _choices(choices: type) -> Callable[[], list[tuple[str, str]]]:
    """The values of a model's choices class with their labels, the blank one as ``BLANK``."""
    return lambda: [(value or BLANK, str(label)) for value, label in choices.choices]


def _annex_iii() -> list[tuple[str, str]]:
    return [(point, f"{point}: {pick(texts)}") for point, texts in ANNEX_III_USES.items()]


def _yes_no() -> list[tuple[str, str]]:
    return [(YES, str(_("Yes"))), (NO, str(_("No")))]


@dataclass(frozen=True)
class Facet:
    """One facet: its URL parameter, its title, the projection's column (``path``, through
    the organisation for its type and region) and the kind of value stored there."""

    name: str
    title: Any
    path: str
    kind: str = "text"  # "text", "array", "boolean" or "organisation"
    choices: Callable[[], list[tuple[str, str]]] | None = None

    def stored(self, value: str) -> Any:
        """The stored value of a URL value."""
        if self.kind == "boolean":
            return value == YES
        if self.kind == "organisation":
            return int(value)
        return "" if value == BLANK else value

    def url_value(self, stored: Any) -> str:
        """The URL value of a stored value (the counts query returns them as text)."""
        if self.kind == "boolean":
            return YES if stored in (True, "true") else NO
        return str(stored) if stored not in (None, "") else BLANK

    def condition(self, values: Sequence[str]) -> Q:
        """The filter of this facet for the URL ``values`` (OR-ed)."""
        stored = [self.stored(value) for value in values]
        if self.kind == "array":
            return Q(**{f"{self.path}__overlap": stored})
        return Q(**{f"{self.path}__in": stored})


FACETS: Final[tuple[Facet, ...]] = (
    Facet("organisation", capfirst(_("organisation")), "organisation_id", "organisation"),
    Facet(
        "kind", _("Type of organisation"), "organisation__kind", choices=_choices(Organisation.Kind)
    ),
    Facet("region", capfirst(_("region")), "organisation__region", choices=_choices(Region)),
    Facet("risk", _("Risk class under the EU AI Act"), "risk_class", choices=_choices(RiskClass)),
    Facet(
        "kz_risk",
        capfirst(FIELD_LABELS["kz_risk_degree"]),
        "kz_risk_degree",
        choices=_choices(KzRiskDegree),
    ),
    Facet("annex_iii", _("High-risk area (AI Act Annex III)"), "annex_iii", "array", _annex_iii),
    Facet(
        "area",
        capfirst(FIELD_LABELS["application_area"]),
        "application_area",
        choices=_choices(ApplicationArea),
    ),
    Facet(
        "technique",
        capfirst(FIELD_LABELS["techniques"]),
        "techniques",
        "array",
        _choices(Technique),
    ),
    Facet("channel", capfirst(FIELD_LABELS["channels"]), "channels", "array", _choices(Channel)),
    Facet("phase", capfirst(FIELD_LABELS["phase"]), "phase", choices=_choices(Phase)),
    Facet(
        "decision_role",
        capfirst(_("role in decisions")),
        "decision_role",
        choices=_choices(DecisionRole),
    ),
    Facet(
        "fria",
        capfirst(_("has a completed fundamental rights impact assessment")),
        "has_fria",
        "boolean",
        _yes_no,
    ),
    Facet("withdrawn", capfirst(_("withdrawn")), "withdrawn", "boolean", _yes_no),
)
FACETS_BY_NAME: Final[dict[str, Facet]] = {facet.name: facet for facet in FACETS}


# --- Organisations: facet labels, and a short code or abbreviation typed as the query ---------

# Words left out of an abbreviation ("Министерство труда и социальной защиты населения" → МТСЗН).
_ABBREVIATION_SKIP: Final = frozenset(
    {"и", "в", "по", "на", "для", "при", "of", "the", "and", "for", "in", "on", "және"}
)
# Cyrillic letters of Russian and Kazakh as they are written in Latin abbreviations (MTSZN).
_LATIN: Final = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщыэюяәғқңөұүһі",
        "abvgdeezziiklmnoprstufhccssyeyaagknouuhi",
        strict=True,
    )
)
_WORD = re.compile(r"[^\W\d_]+")


def abbreviations(name: str) -> set[str]:
    """The lower-case abbreviations of an organisation's ``name``: the initials of its words,
    without the last one or two ("Republic of Kazakhstan", "РК") and in Latin letters."""
    words = [w for w in _WORD.findall(name.lower()) if w not in _ABBREVIATION_SKIP]
    initials = "".join(word[0] for word in words)
    found = {initials[: len(initials) - cut] for cut in (0, 1, 2)}
    found |= {"".join(_LATIN.get(c, c) for c in text) for text in found}
    return {text for text in found if len(text) >= 2}


def _normalised(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def matching_organisations(query: str, organisations: Iterable[Organisation]) -> list[Organisation]:
    """The organisations whose short code or abbreviation (any language) is ``query``,
    case-insensitively; empty for a query of several words."""
    typed = _normalised(query)
    if not typed or len(typed.split()) > 1:
        return []
    found = []
    for organisation in organisations:
        names = organisation.translations("name").values()
        codes = {organisation.short_code.lower()}
        codes.update(*(abbreviations(name) for name in names if name))
        if typed in codes:
            found.append(organisation)
    return found


# --- The search -----------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass
class SearchResult:
    """What the search page shows: ``records`` (``PublicRecord`` rows with their version and
    organisation, ``headline_name`` and ``headline_summary`` when there is a query), the
    ``total`` they are a page of, the page ``number`` and ``num_pages`` (capped at
    ``MAX_PAGES``), the ``facets`` with their counts, ``similar`` when similar words were
    matched, the ``organisations`` the query names, and the URL values that were ignored
    because no organisation has them."""

    records: list[PublicRecord]
    total: int
    number: int
    num_pages: int
    facets: list[FacetResult]
    similar: bool = False
    organisations: list[Organisation] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)
    sort: str = SORT_NEWEST
    query: str = ""

    @property
    def capped(self) -> bool:
        return self.total > PAGE_SIZE * MAX_PAGES


def _text(path: str, language: str) -> Coalesce:
    """The card's ``path`` ({kk, ru, en}) in ``language`` with ``pick``'s fallback, in SQL."""
    texts = [
        NullIf(Trim(KeyTextTransform(code, KeyTransform(path, "version__snapshot"))), Value(""))
        for code in fallback_order(language)
    ]
    return Coalesce(*texts, Value(""), output_field=TextField())


def _queries(query: str) -> dict[str, SearchQuery]:
    return {
        code: SearchQuery(query, config=SEARCH_CONFIGS[code], search_type="websearch")
        for code in CONTENT_LANGUAGES
    }


def _all_documents() -> Func:
    return Func(
        *(F(column("search", code)) for code in CONTENT_LANGUAGES),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )


def _either(queries: dict[str, SearchQuery]) -> SearchQuery:
    combined = None
    for query in queries.values():
        combined = query if combined is None else combined | query
    return combined  # type: ignore[return-value]


def _matching(
    query: str,
    *,
    language: str,
    similar: bool,
    records: QuerySet[PublicRecord] | None = None,
) -> QuerySet[PublicRecord]:
    """Public records (of ``records``, all by default) matching ``query`` (every record for an
    empty one), annotated with ``rank`` (matches in the document of ``language`` first); with
    ``similar``, records with similar words too."""
    records = PublicRecord.objects.all() if records is None else records
    if not query:
        return records.annotate(rank=Value(0.0, output_field=FloatField()))
    queries = _queries(query)
    any_document = Q()
    for code, search_query in queries.items():
        any_document |= Q(**{column("search", code): search_query})
    text = any_document
    if "-" in query:
        # ``-word`` excludes a record with the word in any language: the documents together
        # must match too. Without a negation, a document that matches implies it.
        # (``websearch_to_tsquery`` reads a "-" as NOT in more places than ``uses_syntax``
        # looks at, "a - b" and "a (-b)" among them: any "-" counts here.)
        records = records.annotate(all_documents=_all_documents())
        text &= Q(all_documents=_either(queries))
    # The reader's language twice, then every language's document (no concatenation of the
    # documents, which costs more than ranking them one by one).
    rank = 2 * SearchRank(F(column("search", language)), queries[language])
    for code, search_query in queries.items():
        rank = rank + SearchRank(F(column("search", code)), search_query)
    if similar:
        # Full-text matches first, then the most similar words.
        rank = (
            10 * Cast(ExpressionWrapper(text, output_field=BooleanField()), IntegerField()) + rank
        )
        # ``words %> query``: the operator the ``public_words_trgm`` index answers.
        text |= Q(TrigramWordSimilar(F("words"), Value(query)))
        rank = rank + TrigramWordSimilarity(query, "words")
    return records.filter(text).annotate(rank=ExpressionWrapper(rank, output_field=FloatField()))


def matching_records(
    query: str,
    *,
    language: str | None = None,
    records: QuerySet[PublicRecord] | None = None,
) -> QuerySet[PublicRecord]:
    """Public records (of ``records``) matching ``query`` exactly as the search page matches
    it (every record for an empty query), annotated with ``rank``; no similar words: for the
    open-data API, whose readers are programs that asked for exactly that."""
    return _matching(
        query.strip(), language=content_language(language), similar=False, records=records
    )


def name_in(language: str | None = None) -> Coalesce:
    """The card's name in ``language`` with the register's fallback, as the search sorts it."""
    return _text("name", content_language(language))


_SYNTAX = re.compile(r'"|(?:^|\s)-\S|\sor\s', re.IGNORECASE)


def uses_syntax(query: str) -> bool:
    """Whether ``query`` uses the search syntax (a phrase, ``-word``, ``or``): then the reader
    asked for exactly that, and similar words are not added."""
    return bool(_SYNTAX.search(query))


def _count_sql(matching: QuerySet[PublicRecord], conditions: dict[str, Q]) -> tuple[str, list[Any]]:
    """One statement counting every facet's values and the total (``facet`` ``''``).

    The matching records are selected once with each facet's value (``f_<name>``) and whether
    they pass each active facet's filter (``p_<name>``); each facet is then counted over the
    records that pass the *other* facets' filters.
    """
    annotations: dict[str, Any] = {f"f_{f.name}": F(f.path) for f in FACETS}
    annotations |= {
        f"p_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    }
    base_sql, base_params = (
        matching.annotate(**annotations).values(*annotations).query.sql_with_params()
    )

    def passing(*, besides: str | None) -> str:
        names = [f"p_{name}" for name in conditions if name != besides]
        return " AND ".join(names) or "TRUE"

    parts = [
        f"SELECT '' AS facet, NULL::text AS value, count(*) FROM m "  # noqa: S608
        f"WHERE {passing(besides=None)}"
    ]
    params: list[Any] = []
    for facet in FACETS:
        source = (
            f"m CROSS JOIN LATERAL unnest(m.f_{facet.name}) AS v" if facet.kind == "array" else "m"
        )
        value = "v::text" if facet.kind == "array" else f"m.f_{facet.name}::text"
        parts.append(
            f"SELECT %s, {value}, count(*) FROM {source} "  # noqa: S608 — names from FACETS
            f"WHERE {passing(besides=facet.name)} GROUP BY 2"
        )
        params.append(facet.name)
    sql = f"WITH m AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(parts)
    return sql, [*base_params, *params]


def _count(matching: QuerySet[PublicRecord], conditions: dict[str, Q]) -> tuple[int, dict]:
    """The total and each facet's counts: counted once per projection generation for each
    statement (``portal.cache.per_generation``)."""
    sql, params = _count_sql(matching, conditions)

    def count() -> list[tuple[str, str | None, int]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    rows = per_generation("counts", (sql, params), count)
    total = 0
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
    for name, value, count in rows:
        if not name:
            total = count
            continue
        facet = FACETS_BY_NAME[name]
        key = facet.url_value(value)
        counts[name][key] = counts[name].get(key, 0) + count
    return total, counts


def _facet_results(
    counts: dict[str, dict[str, int]],
    selected: dict[str, list[str]],
    organisations: Sequence[Organisation],
) -> list[FacetResult]:
    """Each facet's values that have records or are ticked, with their counts; organisations
    by name, under their short code."""
    results = []
    for facet in FACETS:
        ticked = set(selected.get(facet.name, ()))
        found = counts[facet.name]
        if facet.kind == "organisation":
            named = sorted(organisations, key=lambda org: (str(org.name).lower(), org.short_code))
            options = [
                (org.short_code, str(org.name) or org.short_code, str(org.pk)) for org in named
            ]
        else:
            choices = facet.choices() if facet.choices else []
            options = [(value, label, value) for value, label in choices]
        results.append(
            FacetResult(
                facet,
                [
                    FacetOption(value, label, found.get(key, 0), value in ticked)
                    for value, label, key in options
                    if found.get(key) or value in ticked
                ],
            )
        )
    return results


def _organisations(query: str, codes: Sequence[str]) -> list[Organisation]:
    """Organisations with a public record, those of the ``codes`` asked for, and one whose
    short code is the query: one query."""
    wanted = Q(Exists(PublicRecord.objects.filter(organisation=OuterRef("pk")))) | Q(
        short_code__in=codes
    )
    if query and len(query) <= 32:
        wanted |= Q(short_code__iexact=query.strip())
    return list(
        Organisation.objects.filter(wanted).only(
            "id", "short_code", "kind", "region", *(column("name", c) for c in CONTENT_LANGUAGES)
        )
    )


def _ordering(sort: str, language: str) -> list[Any]:
    if sort == SORT_RELEVANCE:
        return [F("rank").desc(), "-published_at", "pk"]
    if sort == SORT_CHANGED:
        return ["-updated_at", "pk"]
    if sort == SORT_NAME:
        return [Lower(_text("name", language)), "pk"]
    return ["-published_at", "pk"]


def search_public_records(
    *,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "",
    page: int = 1,
    language: str | None = None,
) -> SearchResult:
    """Search the public projection (see the module's docstring).

    ``filters`` maps facet names to URL values already checked against the facet's choices
    (organisations by short code; codes that name no organisation are ignored and returned in
    ``unknown``). ``sort`` defaults to relevance with a query and to newest without one;
    relevance without a query is newest. ``page`` is brought into ``1 .. num_pages``. At most
    four queries.
    """
    language = content_language(language)
    query = query.strip()
    filters = {
        name: list(dict.fromkeys(values)) for name, values in (filters or {}).items() if values
    }
    codes = filters.pop("organisation", [])
    organisations = _organisations(query, codes)
    by_code = {org.short_code: org for org in organisations}
    unknown = {"organisation": [code for code in codes if code not in by_code]}
    if known := [str(by_code[code].pk) for code in codes if code in by_code]:
        filters["organisation"] = known
    conditions = {
        name: FACETS_BY_NAME[name].condition(values)
        for name, values in filters.items()
        if name in FACETS_BY_NAME
    }

    similar = False
    matching = _matching(query, language=language, similar=False)
    total, counts = _count(matching, conditions)
    if query and total < FEW and not uses_syntax(query):
        similar_matching = _matching(query, language=language, similar=True)
        similar_total, similar_counts = _count(similar_matching, conditions)
        if similar_total > total:
            similar, matching, total, counts = True, similar_matching, similar_total, similar_counts

    num_pages = max(1, min(MAX_PAGES, -(-total // PAGE_SIZE)))
    number = min(max(page, 1), num_pages)
    if sort not in dict(SORTS) or (sort == SORT_RELEVANCE and not query):
        sort = ""
    sort = sort or (SORT_RELEVANCE if query else SORT_NEWEST)

    ordering = _ordering(sort, language)
    start = (number - 1) * PAGE_SIZE
    # The page's records chosen by their keys alone, then read whole: sorting every match with
    # its documents and card would spill to disk for a common word.
    page_keys = (
        matching.filter(*conditions.values())
        .order_by(*ordering)
        .values("pk")[start : start + PAGE_SIZE]
    )
    records = (
        matching.filter(pk__in=page_keys)
        .select_related("version", "organisation")
        .defer("version__record")
    )
    if query:
        either = _either(_queries(query))
        config = SEARCH_CONFIGS[language]
        # Whole texts (HighlightAll): without it ts_headline drops what looks like HTML tags
        # from the text, and the list would not show what the card says.
        marks = {"config": config, "start_sel": START_SEL, "stop_sel": STOP_SEL}
        records = records.annotate(
            headline_name=SearchHeadline(
                _text("name", language), either, highlight_all=True, **marks
            ),
            headline_summary=SearchHeadline(
                _text("summary", language), either, highlight_all=True, **marks
            ),
        )
    page_records = list(records.order_by(*ordering))

    return SearchResult(
        records=page_records,
        total=total,
        number=number,
        num_pages=num_pages,
        facets=_facet_results(counts, {**filters, "organisation": codes}, organisations),
        similar=similar,
        organisations=matching_organisations(query, organisations),
        unknown={name: values for name, values in unknown.items() if values},
        sort=sort,
        query=query,
    )
