"""The manifest schema and the policy facts are one contract (docs/policy-format.md, *Facts*).

Every ``manifest.*`` / ``flow.*`` fact a rule may read is a schema field of exactly that name, every
schema field except a few descriptive ones is such a fact, every literal a default-pack rule compares
a fact with is a value the schema allows, and any manifest the schema accepts loads and keeps its facts.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.manifest import load_manifest
from compliance.policy import load_pack
from compliance.policy.facts import DERIVED_FLOW_FACTS, FLOW_FACTS, MANIFEST_FACTS
from compliance.resources import load_schema
from compliance.schema_check import validator_for

SCHEMA_NAME = "asset-manifest.schema.json"
SCHEMA = load_schema(SCHEMA_NAME)
DEFS = SCHEMA["$defs"]
#: schema fields that describe the asset rather than evidence a rule reads
DESCRIPTIVE = {"manifest.id", "manifest.title", "manifest.owner", "manifest.source", "flow.id"} | {
    f"manifest.declaration.{field}" for field in ("purpose", "method", "scope", "security_measures")
}  # the important-data declaration's owner-only fields: read by `compliance catalog --important`, not by rules


def resolve(node: dict) -> dict:
    """Inline ``$ref`` (local ``#/$defs/...`` only), keeping the referring node's own keywords."""
    while "$ref" in node:
        target = DEFS[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def leaf_fields(node: dict, prefix: str) -> dict[str, dict]:
    """Dotted path → subschema of every non-object field below ``node`` (flows excluded)."""
    node = resolve(node)
    out = {}
    for name, sub in node.get("properties", {}).items():
        sub = resolve(sub)
        path = f"{prefix}.{name}"
        if name == "flows" and prefix == "manifest":
            continue
        if sub.get("type") == "object":
            out.update(leaf_fields(sub, path))
        else:
            out[path] = sub
    return out


MANIFEST_FIELDS = leaf_fields(SCHEMA, "manifest")
FLOW_FIELDS = leaf_fields(DEFS["flow"], "flow")
ALL_FIELDS = {**MANIFEST_FIELDS, **FLOW_FIELDS}


def test_every_manifest_and_flow_fact_is_a_schema_field_and_back():
    assert set(MANIFEST_FIELDS) - DESCRIPTIVE == set(MANIFEST_FACTS)
    assert set(FLOW_FIELDS) - DESCRIPTIVE == set(FLOW_FACTS)


def _leaves(condition: Any):
    if not isinstance(condition, dict):
        return
    for key in ("all", "any"):
        for child in condition.get(key) or []:
            yield from _leaves(child)
    if "not" in condition:
        yield from _leaves(condition["not"])
    if "fact" in condition:
        yield condition


def _allowed(field: dict) -> list | None:
    """The enum of a field, or of its list items."""
    field = resolve(field)
    if "enum" in field:
        return field["enum"]
    items = resolve(field.get("items", {}))
    return items.get("enum")


def test_every_value_a_default_rule_compares_with_is_allowed_by_the_schema():
    pack = load_pack()
    checked = 0
    for rule in pack.rules:
        for leaf in [*_leaves(rule.when), *_leaves(rule.require)]:
            fact = leaf["fact"]
            if not fact.startswith(("manifest.", "flow.")) or fact in DERIVED_FLOW_FACTS:
                continue  # derived facts (flow_basis.py) are computed, not written in a manifest
            assert fact in ALL_FIELDS, f"{rule.id} reads {fact}, which the manifest schema does not define"
            allowed = _allowed(ALL_FIELDS[fact])
            for op in ("equals", "not_equals", "in", "not_in", "contains", "contains_any"):
                value = leaf.get(op)
                if value is None or isinstance(value, dict) or allowed is None:
                    continue
                for literal in value if isinstance(value, list) else [value]:
                    assert literal in allowed, f"{rule.id}: {fact} can never be {literal!r}"
                    checked += 1
    assert checked > 20  # the default pack compares state, recipient_type, legal_basis ... with literals


# ------------------------------------------------------------------------------ schema-driven manifests

# control characters and line separators are left out: PyYAML's emitter (the test harness, not the loader)
# folds U+0085 and friends into spaces when it writes them.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12).filter(str.strip)
DATES = st.dates(min_value=datetime.date(1970, 1, 1), max_value=datetime.date(2200, 12, 31))


def from_schema(node: dict, name: str = "") -> st.SearchStrategy:
    """Values the schema describes: enums, booleans, bounded integers, patterned or free text, dates."""
    node = resolve(node)
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(min_value=node.get("minimum", 0), max_value=10**9)
    if kind == "string" and node.get("format") == "date":
        return DATES | DATES.map(datetime.date.isoformat)  # YAML dates and quoted ISO strings
    if kind == "string":
        pattern = node.get("pattern")
        return st.from_regex(pattern, fullmatch=True) if pattern and pattern != "\\S" else TEXT
    if kind == "array":
        items = from_schema(node["items"])
        if name == "flows":  # flow ids must be unique, which JSON Schema cannot say
            return st.lists(items, max_size=3, unique_by=lambda flow: flow["id"])
        unique = node.get("uniqueItems", False)
        return st.lists(items, min_size=node.get("minItems", 0), max_size=3, unique=unique)
    assert kind == "object", node
    if "properties" not in node:  # a mapping of free names to one kind of value (``tables:``)
        return st.dictionaries(TEXT, from_schema(node["additionalProperties"]), max_size=2)
    properties = node["properties"]
    required = node.get("required", [])
    optional = {key: from_schema(sub, key) for key, sub in properties.items() if key not in required}
    optional["x-extra"] = TEXT
    return st.fixed_dictionaries({key: from_schema(properties[key], key) for key in required}, optional=optional)


def iso(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


def fact(data: dict, dotted: str) -> Any:
    node: Any = data
    for part in dotted.split(".")[1:]:
        if not isinstance(node, dict) or part not in node:
            return "<absent>"
        node = node[part]
    return node


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_schema(SCHEMA))
def test_any_schema_valid_manifest_loads_and_keeps_its_facts(instance):
    expected = iso(instance)
    assert validator_for(SCHEMA_NAME).is_valid(expected)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        path.write_text(yaml.safe_dump(instance, allow_unicode=True, sort_keys=False), encoding="utf-8")
        manifest = load_manifest(path)
    assert manifest.data == expected
    for name in MANIFEST_FACTS:
        assert fact(manifest.data, name) == fact(expected, name)
    assert [flow.id for flow in manifest.flows] == [flow["id"] for flow in expected.get("flows", [])]
    for flow, raw in zip(manifest.flows, expected.get("flows", []), strict=True):
        for name in FLOW_FACTS:
            assert fact(flow.data, name) == fact(raw, name)
    assert (manifest.id, manifest.source, manifest.state) == (expected["id"], expected["source"], expected.get("state"))
    assert manifest.categories == tuple(expected.get("categories", ()))
    assert manifest.declared_level == expected.get("declared_level")
