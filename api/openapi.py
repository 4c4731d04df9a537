"""The OpenAPI schema's own components: the public card, described by its JSON Schema
(``register/schemas/card-4.schema.json``, its ``$defs`` as components of their own), and the
error shape on every error answer. A drf-spectacular post-processing hook."""

from __future__ import annotations

import copy
import re
from typing import Any

from register.cards import CARD_SCHEMA, CARD_SCHEMAS, card_json_schema

_DEF = re.compile(r"^#/\$defs/(\w+)$")


def _component_name(name: str) -> str:
    return "Card" + name[:1].upper() + name[1:]


def _rewrite(value: Any) -> Any:
    """``value`` with its ``$ref``s into ``$defs`` pointed at the components."""
    if isinstance(value, dict):
        rewritten = {key: _rewrite(item) for key, item in value.items()}
        ref = rewritten.get("$ref")
        if isinstance(ref, str) and (match := _DEF.match(ref)):
            rewritten["$ref"] = f"#/components/schemas/{_component_name(match[1])}"
        return rewritten
    if isinstance(value, list):
        return [_rewrite(item) for item in value]
    return value


def card_components() -> dict[str, Any]:
    """``Card`` (the current format, or an older one that versions published before it
    keep), ``CardCurrent`` (the JSON Schema) and one component per ``$defs`` entry."""
    schema = copy.deepcopy(card_json_schema())
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {_component_name(name): _rewrite(body) for name, body in definitions.items()}
    components["CardCurrent"] = _rewrite(schema)
    older = [name for name in CARD_SCHEMAS if name != CARD_SCHEMA]
    components["CardOlder"] = {
        "type": "object",
        "description": "A card of an earlier format, as a version published before it keeps.",
        "required": ["schema"],
        "properties": {"schema": {"enum": older}},
    }
    components["Card"] = {
        "description": "A public transparency card.",
        "oneOf": [
            {"$ref": "#/components/schemas/CardCurrent"},
            {"$ref": "#/components/schemas/CardOlder"},
        ],
    }
    return components


def add_components(result: dict[str, Any], generator: Any, request: Any, public: Any) -> dict:
    result.setdefault("components", {}).setdefault("schemas", {}).update(card_components())
    return result
