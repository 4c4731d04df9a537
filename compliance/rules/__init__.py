"""The rule catalogue: obligations as data, checked by small registered predicates.

Shaped like Django's system-check framework. Every rule lives in a YAML file under
``compliance/catalogue/`` (one file per family) with a stable id (``AIA-14-01``), a severity, a
title and a remediation hint in Kazakh, Russian and English, a legal reference, an applicability
profile, the date from which it applies and the name of the predicate that evaluates it. Findings
store only the rule id, so an id never changes meaning between releases: a rule that changes its
substance gets a new id.

The package has three modules: ``model`` (verdicts, rules, applicability), ``registry`` (the
``@predicate`` decorator) and ``loader`` (reading and validating the files, ``get_catalogue``,
``catalogue_version`` and the system check ``compliance.E001``). Import from the package.

Predicates are pure functions ``(system, params) -> Verdict`` registered with
``@predicate("name", reads=...)`` in the ``compliance.predicates`` package, one module per rule
family; ``reads`` names the record fields the predicate reads (``Rule.fields_read()``).
``system`` comes from ``register.selectors.systems_with_parts()`` (parts prefetched), so a
predicate never queries the database. ``params`` is the rule's ``params`` plus the evaluation
date under the reserved key ``"today"``.

Applicability (``applies_to``) keys, all matched against the record as stored:

- ``risk_classes``: ``any`` or a list of ``prohibited``, ``high``, ``limited``, ``minimal``,
  ``out_of_scope``, ``unclassified`` (the record's ``risk_class``);
- ``roles``: ``any`` or a list of the record's ``act_role`` values, matched literally (a duty of
  every deployer lists ``[deployer, both]``);
- ``public_authority``: ``true``, ``false`` or ``any``; taken from the classification answers,
  and true when the record has not been classified (every organisation in the register is a
  public body);
- ``jurisdictions``: the legal orders the rule comes from (``EU``, ``KZ``); a deployment switches
  them on with the optional setting ``COMPLIANCE_JURISDICTIONS`` (default: both);
- ``phases`` (optional, default ``any``): lifecycle phases in which the rule applies.
"""

from compliance.rules.model import (
    ANY,
    JURISDICTIONS,
    LANGUAGES,
    PASS,
    PHASES,
    RESERVED_PARAMS,
    RISK_CLASSES,
    SECTIONS,
    SEVERITIES,
    AppliesTo,
    Catalogue,
    Choice,
    Outcome,
    ParamSpec,
    Predicate,
    PredicateFunc,
    Reference,
    Rule,
    Verdict,
    enabled_jurisdictions,
    fail,
    is_public_authority,
    not_applicable,
)
from compliance.rules.registry import predicate

# The loader comes last: it imports the predicates, which import the two modules above.
from compliance.rules.loader import (  # isort: skip
    CATALOGUE_DIR,
    catalogue_version,
    check_rule_catalogue,
    get_catalogue,
    load_catalogue,
    registered_predicates,
)

__all__ = [
    "ANY",
    "CATALOGUE_DIR",
    "JURISDICTIONS",
    "LANGUAGES",
    "PASS",
    "PHASES",
    "RESERVED_PARAMS",
    "RISK_CLASSES",
    "SECTIONS",
    "SEVERITIES",
    "AppliesTo",
    "Catalogue",
    "Choice",
    "Outcome",
    "ParamSpec",
    "Predicate",
    "PredicateFunc",
    "Reference",
    "Rule",
    "Verdict",
    "catalogue_version",
    "check_rule_catalogue",
    "enabled_jurisdictions",
    "fail",
    "get_catalogue",
    "is_public_authority",
    "load_catalogue",
    "not_applicable",
    "predicate",
    "registered_predicates",
]
