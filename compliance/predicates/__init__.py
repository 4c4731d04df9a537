"""The predicates that rules in the catalogue name: small, pure and free of queries.

One module per rule family, named as the catalogue file (``catalogue/fria.yaml`` ->
``predicates/fria.py``) and its test module (``tests/compliance/test_rules_fria.py``); a
predicate that several families use lives with the family that uses it first (``text_present``
in ``record``). Shared helpers are in ``_common``.

Each takes a system loaded by ``register.selectors.systems_with_parts()`` and the rule's params
(plus ``today``) and returns a ``Verdict``. They read only prefetched parts (``.all()``, never
``.filter()``), so evaluating the whole catalogue over a batch of systems costs no query. Facts
decided by the classification (class, Annex III points, Art 50 duties, FRIA, Art 6(3)) come from
the stored outcome ``AISystem.classification``, never from the raw answers.

Every predicate declares the record fields it reads (``@predicate(..., reads=...)``).

Fail details hold ids, codes and numbers, never translated names, so that the stored finding does
not depend on the language the check ran in.

Importing this package registers every predicate; ``compliance.rules.loader`` does so.
"""

from compliance.predicates import (  # noqa: F401 — imported to register their predicates
    data,
    fria,
    kz_ai_law,
    oversight,
    plain_language,
    prohibited,
    record,
    registration,
    transparency,
)
