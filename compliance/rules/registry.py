"""The predicate registry: ``@predicate("name", reads=...)`` registers a rule's check.

Predicates are pure functions ``(system, params) -> Verdict`` in the ``compliance.predicates``
package, one module per rule family. This module imports nothing of them: the loader imports
that package to fill the registry before it resolves the catalogue's predicate names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured

from compliance.rules.model import (
    RESERVED_PARAMS,
    ParamSpec,
    Predicate,
    PredicateFunc,
    Reads,
)

_PREDICATES: dict[str, Predicate] = {}


def predicate(
    name: str, *, reads: Reads, params: Mapping[str, ParamSpec] | None = None
) -> Callable[[PredicateFunc], PredicateFunc]:
    """Register ``func`` as the predicate ``name``.

    ``params`` declares the rule parameters it takes (all required), each a type (``int``,
    ``bool``, ``str``) or a ``Choice``. ``reads`` declares the record fields it reads: a tuple
    of names, or a function of the rule's params returning them (see ``Predicate``).
    """

    def decorator(func: PredicateFunc) -> PredicateFunc:
        existing = _PREDICATES.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ImproperlyConfigured(f"Two predicates are registered as {name!r}.")
        reserved = RESERVED_PARAMS.intersection(params or {})
        if reserved:
            raise ImproperlyConfigured(f"Predicate {name!r} declares reserved params {reserved}.")
        frozen_reads = reads if callable(reads) else tuple(reads)
        _PREDICATES[name] = Predicate(
            name, func, MappingProxyType(dict(params or {})), frozen_reads
        )
        return func

    return decorator


def registered(name: str) -> Predicate | None:
    """The predicate registered as ``name``, if any (the registry as it stands)."""
    return _PREDICATES.get(name)


def registry() -> Mapping[str, Predicate]:
    """A read-only view of the registry as it stands."""
    return MappingProxyType(_PREDICATES)
