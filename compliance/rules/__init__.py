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
- ``jurisdictions``: a mapping from the organisation's jurisdiction (``EU``, ``KZ``) to the
  rule's force there, ``binding`` or ``principle`` (``Rule.force(system)``); in a jurisdiction
  it does not name the rule is not applicable (``reason: "not_in_jurisdiction"``). A rule binds
  only in the jurisdiction of its instrument. The optional setting ``COMPLIANCE_JURISDICTIONS``
  (default: both) names the jurisdictions the deployment serves: a rule is enabled when it
  applies in one of them;
- ``phases`` (optional, default ``any``): lifecycle phases in which the rule applies.

A ``reference`` names an instrument of ``catalogue/instruments.yaml`` by key, with the article
and a ``confidence`` (H, M or L; M and L are not yet confirmed against the official text).
``effective_from`` is a date, a milestone of ``catalogue/timeline.yaml`` or a mapping of
high-risk routes to milestones, resolved with the stored outcome's ``high_risk_routes``
(``Rule.effective_on(system)``); the setting ``COMPLIANCE_EFFECTIVE_DATES`` overrides milestones.
"""

from compliance.rules.model import (
    ANY,
    BINDING,
    CONFIDENCES,
    FORCES,
    JURISDICTIONS,
    LANGUAGES,
    PASS,
    PHASES,
    PRINCIPLE,
    RESERVED_PARAMS,
    RISK_CLASSES,
    ROUTES,
    SECTIONS,
    SEVERITIES,
    AppliesTo,
    Catalogue,
    Choice,
    Instrument,
    Milestone,
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
    effective_date_overrides,
    get_catalogue,
    load_catalogue,
    registered_predicates,
)

__all__ = [
    "ANY",
    "BINDING",
    "CATALOGUE_DIR",
    "CONFIDENCES",
    "FORCES",
    "JURISDICTIONS",
    "LANGUAGES",
    "PASS",
    "PHASES",
    "PRINCIPLE",
    "RESERVED_PARAMS",
    "RISK_CLASSES",
    "ROUTES",
    "SECTIONS",
    "SEVERITIES",
    "AppliesTo",
    "Catalogue",
    "Choice",
    "Instrument",
    "Milestone",
    "Outcome",
    "ParamSpec",
    "Predicate",
    "PredicateFunc",
    "Reference",
    "Rule",
    "Verdict",
    "catalogue_version",
    "check_rule_catalogue",
    "effective_date_overrides",
    "enabled_jurisdictions",
    "fail",
    "get_catalogue",
    "is_public_authority",
    "load_catalogue",
    "not_applicable",
    "predicate",
    "registered_predicates",
]
