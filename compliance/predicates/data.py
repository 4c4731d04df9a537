"""Predicates of ``catalogue/data.yaml``: the data a system uses (Art 10, GDPR)."""

from __future__ import annotations

from compliance.predicates._common import (
    DATA_SOURCE_TEXT_FIELDS,
    SOURCE_KINDS,
    Params,
    has_text,
    ids,
    source_kind_reads,
    sources,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem


@predicate("data_sources_listed", reads=("data_sources.name",))
def data_sources_listed(system: AISystem, params: Params) -> Verdict:
    return PASS if system.data_sources.all() else fail()


@predicate(
    "data_source_text_present",
    params={"field": Choice(DATA_SOURCE_TEXT_FIELDS), "sources": Choice(SOURCE_KINDS)},
    reads=lambda params: source_kind_reads(params["sources"]) | {f"data_sources.{params['field']}"},
)
def data_source_text_present(system: AISystem, params: Params) -> Verdict:
    """The text is filled in for every data source of the kind (all, personal, special)."""
    matching = sources(system, params["sources"])
    if not matching:
        return not_applicable(reason="no_matching_data")
    missing = [source for source in matching if not has_text(source, params["field"])]
    return fail(field=params["field"], source_ids=ids(missing)) if missing else PASS


@predicate(
    "retention_stated",
    params={"sources": Choice(SOURCE_KINDS)},
    reads=lambda params: source_kind_reads(params["sources"]) | {"data_sources.retention_days"},
)
def retention_stated(system: AISystem, params: Params) -> Verdict:
    matching = sources(system, params["sources"])
    if not matching:
        return not_applicable(reason="no_matching_data")
    missing = [source for source in matching if source.retention_days is None]
    return fail(source_ids=ids(missing)) if missing else PASS
