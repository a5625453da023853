"""Condition semantics: operators, missing facts (fail closed), refs, level order, and schema agreement."""

from __future__ import annotations

import pytest

from compliance.evaluate.conditions import holds
from compliance.evaluate.engine import Context
from compliance.evaluate.facts import Facts
from compliance.evaluate.operators import operators
from compliance.policy import load_pack
from compliance.resources import load_schema

PACK = load_pack()
CTX = Context(PACK.level_order)


def _facts(manifest=None, flow=None):
    asset = {
        "personal": True,
        "entities": ["CN_MOBILE", "PERSON"],
        "level": {"detected": "general-4", "declared": "general-2"},
        "distinct_individuals": 12_000_000,
        "direct_identifiers": ["手机号"],
        "undeclared_categories": [],
        "name": "客户手机号",
    }
    return Facts(asset, PACK.settings, manifest, flow)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"fact": "asset.personal", "equals": True}, True),
        ({"fact": "asset.personal", "not_equals": True}, False),
        ({"fact": "asset.entities", "contains": "CN_MOBILE"}, True),
        ({"fact": "asset.entities", "contains_any": ["IBAN_CODE", "PERSON"]}, True),
        ({"fact": "asset.entities", "contains_any": ["IBAN_CODE"]}, False),
        ({"fact": "asset.name", "contains": "手机"}, True),
        ({"fact": "asset.level.detected", "in": ["general-4", "important"]}, True),
        ({"fact": "asset.level.detected", "not_in": ["general-4"]}, False),
        ({"fact": "asset.distinct_individuals", "gte": {"ref": "settings.important_data_threshold"}}, True),
        ({"fact": "asset.distinct_individuals", "lt": 1000}, False),
        ({"fact": "asset.level.declared", "level_below": {"ref": "asset.level.detected"}}, True),
        ({"fact": "asset.level.detected", "level_at_least": "important"}, False),
        ({"fact": "asset.undeclared_categories", "exists": False}, True),
        ({"fact": "asset.direct_identifiers", "exists": True}, True),
        ({"all": [{"fact": "asset.personal", "equals": True}, {"fact": "asset.minors", "equals": True}]}, False),
        ({"any": [{"fact": "asset.personal", "equals": False}, {"fact": "asset.personal", "equals": True}]}, True),
        ({"not": {"fact": "asset.personal", "equals": True}}, False),
        ({"all": []}, True),
        ({"any": []}, False),
    ],
)
def test_operators_over_present_facts(condition, expected):
    assert holds(condition, _facts(), CTX) is expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"fact": "manifest.consent.separate.provision", "equals": True}, False),
        ({"fact": "manifest.consent.separate.provision", "not_equals": True}, False),
        ({"fact": "manifest.catalog_ref", "exists": False}, True),
        ({"fact": "manifest.catalog_ref", "exists": True}, False),
        ({"not": {"fact": "manifest.state", "equals": "anonymized"}}, True),
        ({"fact": "flow.purpose", "in": {"ref": "manifest.consent.purposes"}}, False),
    ],
)
def test_missing_facts_fail_closed(condition, expected):
    assert holds(condition, _facts(manifest=None), CTX) is expected


def test_refs_and_dates():
    manifest = {"consent": {"purposes": ["billing", "delivery"]}, "retention": {"until": "2027-12-31"}}
    facts = _facts(manifest=manifest, flow={"purpose": "delivery"})
    assert holds({"fact": "flow.purpose", "in": {"ref": "manifest.consent.purposes"}}, facts, CTX)
    assert holds({"fact": "manifest.retention.until", "gt": "2026-01-01"}, facts, CTX)
    assert not holds({"fact": "manifest.retention.until", "gt": 5}, facts, CTX)  # not comparable: false


def test_schema_operators_match_the_registry():
    """An operator the schema accepts but no module implements (or the reverse) is caught here."""
    properties = load_schema("policy-pack.schema.json")["$defs"]["condition"]["properties"]
    in_schema = set(properties) - {"all", "any", "not", "fact"}
    assert in_schema == set(operators())
