"""Tests for the policy-pack schema, the default pack and the example organisation pack.

The schema and content tests read the pack files with ``yaml.safe_load`` and validate them with
``jsonschema`` directly (the example pack is taken after inheritance from the real loader).
The scenario tests at the end trace the default and example packs' rules over sample facts with the
real evaluator (``compliance.evaluate``) and the real pack loader: does each rule fire exactly when
it should? tests/rules/ checks the same rules end to end, from manifests and data.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from compliance.evaluate.conditions import holds
from compliance.evaluate.engine import Context
from compliance.evaluate.facts import Facts
from compliance.evaluate.route_facts import with_route
from compliance.policy import Pack, load_pack
from compliance.policy.facts import KNOWN_FACTS, is_flow_fact, is_known_fact
from compliance.policy.loader import resolved_data

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schemas" / "policy-pack.schema.json"
DEFAULT_PATH = ROOT / "policies" / "cn-data-circulation-2025.yaml"
EXAMPLE_PATH = ROOT / "policies" / "examples" / "acme-finance.yaml"

#: Entity names fixed by design.md ("Contracts other tools rely on").
DESIGN_ENTITIES = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IP_ADDRESS",
    "CREDIT_CARD",
    "IBAN_CODE",
    "LOCATION",
    "DATE_TIME",
    "URL",
    "CN_RESIDENT_ID",
    "CN_MOBILE",
    "CN_BANK_CARD",
    "CN_PASSPORT",
    "CN_HMT_PERMIT",
    "CN_LICENSE_PLATE",
    "CN_USCC",
}
OPERATORS = {
    "equals",
    "not_equals",
    "in",
    "not_in",
    "contains",
    "contains_any",
    "exists",
    "gt",
    "gte",
    "lt",
    "lte",
    "level_at_least",
    "level_below",
}


# --------------------------------------------------------------------------- loading helpers


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    return _load(DEFAULT_PATH)


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return _load(EXAMPLE_PATH)


def _level_ids(pack: dict[str, Any]) -> list[str]:
    ids = []
    for level in pack["levels"]:
        ids.append(level["id"])
        ids.extend(sub["id"] for sub in level.get("sublevels", []))
    return ids


def _conditions(condition: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every leaf of a condition tree."""
    if "all" in condition or "any" in condition:
        for child in condition.get("all", condition.get("any", [])):
            yield from _conditions(child)
    elif "not" in condition:
        yield from _conditions(condition["not"])
    else:
        yield condition


def _leaves(rule: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for part in ("when", "require"):
        if part in rule:
            yield from _conditions(rule[part])


# --------------------------------------------------------------------------- schema: positive


def test_schema_is_valid_draft_2020_12(validator: Draft202012Validator) -> None:
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert validator.schema["$id"].endswith("policy-pack.schema.json")


@pytest.mark.parametrize("path", [DEFAULT_PATH, EXAMPLE_PATH], ids=["default", "example"])
def test_pack_validates_against_schema(validator: Draft202012Validator, path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


# --------------------------------------------------------------------------- schema: negative


def _minimal_child(**extra: Any) -> dict[str, Any]:
    return {"id": "child", "version": "1.0.0", "title": {"zh": "子", "en": "Child"}, "extends": "base", **extra}


def _rule(**fields: Any) -> dict[str, Any]:
    rule = {
        "id": "TEST-001",
        "title": {"zh": "测试", "en": "Test"},
        "severity": "high",
        "require": {"fact": "asset.personal", "equals": True},
        "references": [{"document": "PIPL", "article": "Art 13"}],
        "remediation": {"zh": "修复", "en": "Fix"},
    }
    rule.update(fields)
    return {key: value for key, value in rule.items() if value is not None}


BAD_PACKS = {
    "unknown operator": _minimal_child(rules=[_rule(require={"fact": "asset.level.detected", "matches": "x"})]),
    "nested unknown operator": _minimal_child(
        rules=[_rule(when={"all": [{"not": {"fact": "asset.personal", "matches": "x"}}]})]
    ),
    "leaf with two operators": _minimal_child(
        rules=[_rule(require={"fact": "asset.personal", "equals": True, "exists": True})]
    ),
    "leaf without operator": _minimal_child(rules=[_rule(require={"fact": "asset.personal"})]),
    "operator without fact": _minimal_child(rules=[_rule(require={"equals": True})]),
    "all mixed with a leaf": _minimal_child(rules=[_rule(require={"all": [], "fact": "asset.personal"})]),
    "fact outside the namespaces": _minimal_child(rules=[_rule(require={"fact": "row.x", "exists": True})]),
    "in takes a list": _minimal_child(rules=[_rule(require={"fact": "flow.purpose", "in": "marketing"})]),
    "exists takes a boolean": _minimal_child(rules=[_rule(require={"fact": "flow.pia_ref", "exists": "yes"})]),
    "rule without references": _minimal_child(rules=[_rule(references=None)]),
    "rule with empty references": _minimal_child(rules=[_rule(references=[])]),
    "rule without remediation": _minimal_child(rules=[_rule(remediation=None)]),
    "rule title missing en": _minimal_child(rules=[_rule(title={"zh": "测试"})]),
    "rule title blank": _minimal_child(rules=[_rule(title={"zh": "测试", "en": "  "})]),
    "bad rule id": _minimal_child(rules=[_rule(id="pi-1")]),
    "bad severity": _minimal_child(rules=[_rule(severity="blocker")]),
    "unknown rule key": _minimal_child(rules=[_rule(owner="me")]),
    "disabled override without reason": _minimal_child(overrides=[{"rule": "DCS-GOV-001", "enabled": False}]),
    "override changing nothing": _minimal_child(overrides=[{"rule": "DCS-GOV-001"}]),
    "overrides without extends": {
        **{k: v for k, v in _minimal_child().items() if k != "extends"},
        "overrides": [{"rule": "DCS-GOV-001", "severity": "low"}],
    },
    "pack without extends lacking rules": {
        "id": "lonely",
        "version": "1.0.0",
        "title": {"zh": "孤", "en": "Lonely"},
        "references": [{"id": "PIPL", "title": {"zh": "个人信息保护法", "en": "PIPL"}}],
        "levels": [{"id": "general", "title": {"zh": "一般", "en": "General"}}],
        "categories": [{"id": "personal", "title": {"zh": "个人", "en": "Personal"}, "min_level": "general"}],
        "entities": {},
        "settings": {},
    },
    "unknown top-level key": _minimal_child(rulez=[]),
    "bad version": _minimal_child(version="1.0"),
    "minors_age out of range": _minimal_child(settings={"minors_age": 30}),
    "k_controlled zero": _minimal_child(settings={"anonymisation": {"k_controlled": 0}}),
    "entity name lower case": _minimal_child(entities={"person": {"category": "personal", "identifier": "direct"}}),
    "entity identifier unknown": _minimal_child(entities={"PERSON": {"category": "personal", "identifier": "maybe"}}),
    "signal with entity and category": _minimal_child(
        column_signals=[{"entity": "PERSON", "category": "personal", "zh": ["姓名"]}]
    ),
    "signal without keywords": _minimal_child(column_signals=[{"entity": "PERSON"}]),
    "sensitive category not personal": _minimal_child(
        categories=[
            {
                "id": "x",
                "title": {"zh": "x", "en": "x"},
                "min_level": "general",
                "sensitive": True,
                "personal": False,
            }
        ]
    ),
}


#: A fragment of "json/path: message" each invalid pack must produce: it fails for its own reason.
EXPECTED_ERROR = {
    "unknown operator": "'matches' was unexpected",
    "nested unknown operator": "rules/0/when/all/0/not: Additional properties",
    "leaf with two operators": "too many properties",
    "leaf without operator": "does not have enough properties",
    "operator without fact": "'fact' is a dependency of 'equals'",
    "all mixed with a leaf": "too many properties",
    "fact outside the namespaces": "rules/0/require/fact:",
    "in takes a list": "rules/0/require/in:",
    "exists takes a boolean": "not of type 'boolean'",
    "rule without references": "'references' is a required property",
    "rule with empty references": "rules/0/references:",
    "rule without remediation": "'remediation' is a required property",
    "rule title missing en": "'en' is a required property",
    "rule title blank": "rules/0/title/en:",
    "bad rule id": "rules/0/id:",
    "bad severity": "'blocker' is not one of",
    "unknown rule key": "'owner' was unexpected",
    "disabled override without reason": "'reason' is a required property",
    "override changing nothing": "overrides/0:",
    "overrides without extends": "'extends' is a dependency of 'overrides'",
    "pack without extends lacking rules": "'rules' is a required property",
    "unknown top-level key": "'rulez' was unexpected",
    "bad version": "version:",
    "minors_age out of range": "settings/minors_age:",
    "k_controlled zero": "settings/anonymisation/k_controlled:",
    "entity name lower case": "'person' does not match",
    "entity identifier unknown": "entities/PERSON/identifier:",
    "signal with entity and category": "column_signals/0:",
    "signal without keywords": "column_signals/0:",
    "sensitive category not personal": "categories/0/personal:",
}


@pytest.mark.parametrize("name", list(BAD_PACKS))
def test_schema_rejects(validator: Draft202012Validator, name: str) -> None:
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(BAD_PACKS[name])
    ]
    assert errors, "the schema accepted an invalid pack"
    assert any(EXPECTED_ERROR[name] in error for error in errors), errors


def test_minimal_child_and_good_rule_are_accepted(validator: Draft202012Validator) -> None:
    """Guards the negative cases above: they fail for the mutation, not for the scaffold."""
    document = _minimal_child(
        rules=[_rule(when={"fact": "flow.purpose", "in": {"ref": "manifest.consent.purposes"}}, scope="flow")],
        overrides=[{"rule": "DCS-GOV-001", "enabled": False, "reason": "catalogued elsewhere"}],
        settings={"anonymisation": {"k_controlled": 10}, "custom_limit": 3},
    )
    assert list(validator.iter_errors(document)) == []


def test_unknown_operator_error_names_the_operator(validator: Draft202012Validator) -> None:
    document = _minimal_child(rules=[_rule(require={"fact": "asset.level.detected", "matches": "x"})])
    messages = [error.message for error in validator.iter_errors(document)]
    assert any("matches" in message for message in messages)


# --------------------------------------------------------------------------- default pack content


def test_identity(pack: dict[str, Any]) -> None:
    assert pack["id"] == "cn-data-circulation-2025"
    assert pack["version"] == "1.2.0"
    assert "extends" not in pack


def test_reference_ids_unique_and_expected(pack: dict[str, Any]) -> None:
    ids = [doc["id"] for doc in pack["references"]]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {
        "PLAN-2025",
        "PIPL",
        "DSL",
        "NDSMR",
        "GBT-43697",
        "GBT-35273",
        "GBT-37964",
        "GBT-42460",
        "GBT-45574",
        "TC260-PG-20244A",
    }


@pytest.mark.parametrize("which", ["default", "example"])
def test_rules_cite_pack_documents_and_are_bilingual(pack: dict[str, Any], example: dict[str, Any], which: str) -> None:
    merged = pack if which == "default" else resolved_data(EXAMPLE_PATH)
    documents = {doc["id"] for doc in merged["references"]}
    for rule in merged["rules"]:
        assert rule["references"], rule["id"]
        for citation in rule["references"]:
            assert citation["document"] in documents, (rule["id"], citation)
            assert citation["article"].strip(), rule["id"]
        for field in ("title", "remediation", "description"):
            assert rule[field]["zh"].strip() and rule[field]["en"].strip(), (rule["id"], field)
    for category in merged["categories"]:
        for citation in category.get("references", []):
            assert citation["document"] in documents, (category["id"], citation)


@pytest.mark.parametrize("which", ["default", "example"])
def test_rule_ids_unique_including_aliases(pack: dict[str, Any], example: dict[str, Any], which: str) -> None:
    merged = pack if which == "default" else resolved_data(EXAMPLE_PATH)
    seen: list[str] = []
    for rule in merged["rules"]:
        seen.append(rule["id"])
        seen.extend(rule.get("aliases", []))
    assert len(seen) == len(set(seen))


def test_enough_enabled_rules(pack: dict[str, Any]) -> None:
    enabled = [rule for rule in pack["rules"] if rule.get("enabled", True)]
    assert len(enabled) >= 18


def test_rule_namespaces(pack: dict[str, Any]) -> None:
    pattern = re.compile(r"^DCS-(PI|SPI|MIN|AD|ID|CORE|XB|AN|CL|GOV|PUB)-\d{3}$")
    assert all(pattern.match(rule["id"]) for rule in pack["rules"])


def test_severities_follow_the_pack_policy(pack: dict[str, Any]) -> None:
    """Critical only for important or core data leaving the country and core data published; the plan's
    原始数据不出域 is a policy rule (medium); catalogue is low."""
    severity = {rule["id"]: rule["severity"] for rule in pack["rules"]}
    assert {rid for rid, sev in severity.items() if sev == "critical"} == {"DCS-CORE-001", "DCS-XB-003"}
    assert severity["DCS-ID-004"] == "medium"
    assert severity["DCS-GOV-001"] == "low"
    for consent_rule in ("DCS-PI-001", "DCS-PI-003", "DCS-PI-004", "DCS-SPI-001", "DCS-XB-002", "DCS-MIN-001"):
        assert severity[consent_rule] == "high", consent_rule


def test_every_design_entity_is_mapped_to_a_defined_category(pack: dict[str, Any]) -> None:
    assert set(pack["entities"]) >= DESIGN_ENTITIES
    categories = {category["id"] for category in pack["categories"]}
    for name, mapping in pack["entities"].items():
        assert mapping["category"] in categories, name


def test_entity_mapping_follows_the_newer_sensitive_view(pack: dict[str, Any]) -> None:
    entities = pack["entities"]
    assert entities["CN_RESIDENT_ID"] == {"category": "personal", "identifier": "direct"}
    for financial in ("CN_BANK_CARD", "CREDIT_CARD", "IBAN_CODE"):
        assert entities[financial]["category"] == "sensitive_personal"
    assert entities["CN_USCC"] == {"category": "organisation", "identifier": "none"}
    assert entities["LOCATION"]["category"] == "personal"
    categories = {category["id"]: category for category in pack["categories"]}
    assert not categories[entities["DATE_TIME"]["category"]].get("personal", False)
    assert entities["DATE_TIME"]["identifier"] == "quasi"


def test_categories_and_levels(pack: dict[str, Any]) -> None:
    level_ids = _level_ids(pack)
    assert len(level_ids) == len(set(level_ids))
    assert [level["id"] for level in pack["levels"]] == ["core", "important", "general"]
    categories = {category["id"]: category for category in pack["categories"]}
    assert set(categories) >= {"personal", "sensitive_personal", "minors_personal", "organisation", "public"}
    for category in categories.values():
        assert category["min_level"] in level_ids, category["id"]
    assert categories["sensitive_personal"]["sensitive"] and categories["minors_personal"]["sensitive"]
    assert not categories["organisation"]["personal"]


def test_column_signals_target_defined_names(pack: dict[str, Any]) -> None:
    categories = {category["id"] for category in pack["categories"]}
    targeted = set()
    for signal in pack["column_signals"]:
        if "entity" in signal:
            assert signal["entity"] in pack["entities"]
            targeted.add(signal["entity"])
        else:
            assert signal["category"] in categories
    assert targeted >= DESIGN_ENTITIES - {"DATE_TIME"}


def test_settings(pack: dict[str, Any]) -> None:
    settings = pack["settings"]
    assert settings["anonymisation"] == {"k_controlled": 5, "k_public": 20, "l_sensitive": 2}
    assert settings["important_data_threshold"] == 10_000_000
    assert settings["minors_age"] == 14


# --------------------------------------------------------------------------- column signals


def _tokens(header: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", header)
    return [token.casefold() for token in re.split(r"[_\-./\s]+", spaced) if token]


def _signal_hits(pack: dict[str, Any], header: str) -> set[str]:
    """Targets whose keywords match ``header`` under the documented matching rules."""
    hits = set()
    tokens = _tokens(header)
    for signal in pack["column_signals"]:
        target = signal.get("entity") or signal["category"]
        if any(keyword in header for keyword in signal.get("zh", [])):
            hits.add(target)
        for keyword in signal.get("en", []):
            wanted = _tokens(keyword)
            if any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) - len(wanted) + 1)):
                hits.add(target)
    return hits


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("客户姓名", "PERSON"),
        ("customer_full_name", "PERSON"),
        ("证件号码", "CN_RESIDENT_ID"),
        ("idCardNo", "CN_RESIDENT_ID"),
        ("手机号码", "CN_MOBILE"),
        ("customerPhone", "PHONE_NUMBER"),
        ("联系邮箱", "EMAIL_ADDRESS"),
        ("收货地址", "LOCATION"),
        ("银行卡号", "CN_BANK_CARD"),
        ("护照号码", "CN_PASSPORT"),
        ("车牌号", "CN_LICENSE_PLATE"),
        ("统一社会信用代码", "CN_USCC"),
        ("login_ip", "IP_ADDRESS"),
        ("诊断结果", "sensitive_personal"),
        ("gps_latitude", "sensitive_personal"),
        ("出生日期", "personal"),
    ],
)
def test_column_signal_matches(pack: dict[str, Any], header: str, expected: str) -> None:
    assert expected in _signal_hits(pack, header)


@pytest.mark.parametrize(
    "header", ["product_name", "file_name", "company_name", "user_id", "产品名称", "hotel_name", "face_value"]
)
def test_over_broad_headers_are_not_personal(pack: dict[str, Any], header: str) -> None:
    assert _signal_hits(pack, header) == set()


def test_keywords_belong_to_one_signal(pack: dict[str, Any]) -> None:
    # zh matching is a plain substring test (case-sensitive: IP地址 and ip地址 are both listed);
    # en matching is case-folded.
    for language, fold in (("zh", str), ("en", str.casefold)):
        keywords = [fold(kw) for signal in pack["column_signals"] for kw in signal.get(language, [])]
        duplicates = {kw for kw in keywords if keywords.count(kw) > 1}
        assert not duplicates, (language, duplicates)


# --------------------------------------------------------------------------- facts


def test_facts_module() -> None:
    assert "manifest.consent.separate.cross_border" in KNOWN_FACTS
    assert is_known_fact("asset.level.detected")
    assert is_known_fact("manifest.consent")  # object-valued, usable with `exists`
    assert is_known_fact("settings.anonymisation.k_public")
    assert is_known_fact("settings.my_own_limit")
    assert not is_known_fact("asset.level.detectd")
    assert not is_known_fact("settings")
    assert not is_known_fact("row.value")
    assert is_flow_fact("flow.pia_ref") and not is_flow_fact("flowers.x")


def _setting_defined(settings: dict[str, Any], path: str) -> bool:
    node: Any = settings
    for part in path.split(".")[1:]:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


@pytest.mark.parametrize("which", ["default", "example"])
def test_rules_read_only_known_facts(pack: dict[str, Any], example: dict[str, Any], which: str) -> None:
    merged = pack if which == "default" else resolved_data(EXAMPLE_PATH)
    for rule in merged["rules"]:
        for leaf in _leaves(rule):
            assert is_known_fact(leaf["fact"]), (rule["id"], leaf["fact"])
            if rule.get("scope", "asset") == "asset":
                assert not is_flow_fact(leaf["fact"]), (rule["id"], "flow fact in an asset rule")
            (operator,) = set(leaf) - {"fact"}
            assert operator in OPERATORS
            value = leaf[operator]
            if isinstance(value, dict):
                target = value["ref"]
                if target.startswith("settings."):
                    assert _setting_defined(merged["settings"], target), (rule["id"], target)
                else:
                    assert target in KNOWN_FACTS, (rule["id"], target)
                if rule.get("scope", "asset") == "asset":
                    assert not is_flow_fact(target), rule["id"]


# --------------------------------------------------------------------------- example pack


def test_example_pack_inherits_and_overrides(pack: dict[str, Any], example: dict[str, Any]) -> None:
    assert example["extends"] == pack["id"]
    merged = resolved_data(EXAMPLE_PATH)
    assert merged["settings"]["anonymisation"] == {"k_controlled": 10, "k_public": 20, "l_sensitive": 2}
    assert merged["entities"]["CN_RESIDENT_ID"]["category"] == "sensitive_personal"
    assert merged["entities"]["CN_PASSPORT"]["category"] == "sensitive_personal"
    base_ids = {rule["id"] for rule in pack["rules"]}
    overrides = example["overrides"]
    assert all(override["rule"] in base_ids for override in overrides)
    assert any("severity" in o for o in overrides)
    assert any(o.get("enabled") is False and o["reason"].strip() for o in overrides)
    own = [rule for rule in example["rules"]]
    assert own and all(rule["id"].startswith("ACME-") for rule in own)
    assert not base_ids & {rule["id"] for rule in own}


# --------------------------------------------------------------------------- tracing rules over facts
#
# Scenarios written as facts (what the scanner would find, what the manifest says), evaluated by the
# real condition evaluator (compliance.evaluate) under the packs as the real loader builds them. A
# rule is violated when `when` holds and `require` does not (docs/policy-format.md). The end-to-end
# counterpart, from manifest and data through the scanner, is tests/rules/.

_ABSENT = object()  # in a mutation: remove the key


@pytest.fixture(scope="module")
def loaded() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def loaded_example() -> Pack:
    return load_pack(EXAMPLE_PATH)


#: a non-CIIO that exported nothing earlier this year (the cross-border route then follows the flow's volume)
PROCESSOR = {"ciio": False, "exported_this_year": {"individuals": 0, "sensitive_individuals": 0}}
AS_OF = datetime.date(2026, 1, 1)


def _violations(pack: Pack, asset: dict[str, Any], manifest: dict[str, Any]) -> set[str]:
    """Ids of the enabled rules violated by these facts, each flow rule once per manifest flow."""
    facts = Facts(asset, pack.settings, manifest, None, {"processor": PROCESSOR})
    context = Context(pack.level_order)
    flows = [with_route(facts, flow, pack.level_order, PROCESSOR, AS_OF)[0] for flow in manifest.get("flows", [])]
    found = set()
    for rule in pack.enabled_rules:
        views = flows if rule.scope == "flow" else [facts]
        if any(holds(rule.when, view, context) and not holds(rule.require, view, context) for view in views):
            found.add(rule.id)
    return found


def _compliant_case() -> tuple[dict[str, Any], dict[str, Any]]:
    """A raw customer table shared with a third party, with every duty met."""
    asset = {
        "personal": True,
        "sensitive": False,
        "minors": False,
        "entities": ["PERSON", "CN_MOBILE", "CN_RESIDENT_ID"],
        "categories": ["personal"],
        "direct_identifiers": ["姓名", "手机号", "身份证号"],
        "quasi_identifiers": [],
        "level": {"detected": "general-3", "declared": "general-3"},
        "distinct_individuals": 1200,
        "undeclared_categories": [],
    }
    manifest = {
        "declared_level": "general-3",
        "categories": ["personal"],
        "state": "raw",
        "legal_basis": ["consent"],
        "consent": {
            "purposes": ["logistics"],
            "method": "explicit",
            "separate": {"provision": True},
            "withdrawal": "app settings > privacy",
        },
        "catalog_ref": "CAT-1",
        "processing_records_ref": "REC-1",
        "retention": {"period": "P2Y", "purpose_fulfilled": False},
        "flows": [
            {
                "recipient": "Courier Ltd",
                "recipient_type": "third_party",
                "purpose": "logistics",
                "environment": "raw_export",
                "contract_ref": "CON-1",
                "pia_ref": "PIA-1",
            }
        ],
    }
    return asset, manifest


def test_compliant_case_has_no_violations(loaded: Pack) -> None:
    asset, manifest = _compliant_case()
    assert _violations(loaded, asset, manifest) == set()


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    if value is _ABSENT:
        target.pop(parts[-1], None)
    else:
        target[parts[-1]] = value


MUTATIONS = {
    "no legal basis": ([("manifest.legal_basis", _ABSENT)], {"DCS-PI-001"}),
    "no legal basis, no consent record": (
        [("manifest.legal_basis", _ABSENT), ("manifest.consent", _ABSENT)],
        # no basis declared means relying on consent: its method, purposes and withdrawal are then unknown
        # ... and without separate consent nothing shows the recipient was notified (PIPL Art 23)
        {"DCS-PI-001", "DCS-PI-002", "DCS-PI-003", "DCS-PI-006", "DCS-PI-007", "DCS-PI-011"},
    ),
    "pre-ticked consent": ([("manifest.consent.method", "pre_ticked")], {"DCS-PI-002"}),
    "no separate consent to provide": (
        [("manifest.consent.separate.provision", False)],
        {"DCS-PI-003", "DCS-PI-011"},  # separate consent was also the only evidence of the Art 23 notice
    ),
    "purpose beyond consent": ([("manifest.flows.0.purpose", "marketing")], {"DCS-PI-006"}),
    "no withdrawal path": ([("manifest.consent.withdrawal", _ABSENT)], {"DCS-PI-007"}),
    "no pia": ([("manifest.flows.0.pia_ref", _ABSENT)], {"DCS-PI-005"}),
    "no contract": ([("manifest.flows.0.contract_ref", _ABSENT)], {"DCS-GOV-002"}),
    "no records": ([("manifest.processing_records_ref", _ABSENT)], {"DCS-GOV-003"}),
    "no catalogue": ([("manifest.catalog_ref", _ABSENT)], {"DCS-GOV-001"}),
    "no retention": ([("manifest.retention", _ABSENT)], {"DCS-GOV-004"}),
    "purpose fulfilled": ([("manifest.retention.purpose_fulfilled", True)], {"DCS-GOV-005"}),
    "under-classified": ([("asset.level.declared", "general-1")], {"DCS-CL-001"}),
    "no declared level": (
        [("asset.level.declared", _ABSENT), ("manifest.declared_level", _ABSENT)],
        {"DCS-CL-003"},
    ),
    "undeclared category": ([("asset.undeclared_categories", ["sensitive_personal"])], {"DCS-CL-002"}),
    "sensitive without separate consent": (
        [("asset.sensitive", True), ("asset.level.detected", "general-4"), ("asset.level.declared", "general-4")],
        {"DCS-SPI-001", "DCS-SPI-003"},  # and the asset's own PIA (PIPL Art 55(1))
    ),
    "sensitive with consent and the asset's PIA": (
        [
            ("asset.sensitive", True),
            ("asset.level.detected", "general-4"),
            ("asset.level.declared", "general-4"),
            ("manifest.consent.separate.sensitive_personal", True),
            ("manifest.pia_ref", "PIA-0"),
        ],
        set(),
    ),
    "minors without guardian consent": (
        [("asset.minors", True), ("manifest.consent.separate.sensitive_personal", True), ("manifest.pia_ref", "PIA-0")],
        {"DCS-MIN-001"},
    ),
    "entrusted processor needs no separate consent": (
        [("manifest.flows.0.recipient_role", "entrusted_processor"), ("manifest.consent.separate.provision", False)],
        set(),
    ),
    "entrusted processor without agreement": (
        [("manifest.flows.0.recipient_role", "entrusted_processor"), ("manifest.flows.0.contract_ref", _ABSENT)],
        {"DCS-PI-009", "DCS-GOV-002"},
    ),
    "joint processor without agreement": (
        [("manifest.flows.0.recipient_role", "joint_processor"), ("manifest.flows.0.contract_ref", _ABSENT)],
        {"DCS-PI-010", "DCS-GOV-002"},
    ),
    "contract basis covers the flow, notice given": (
        [
            ("manifest.legal_basis", ["contract"]),
            ("manifest.contract", {"purposes": ["logistics"]}),
            ("manifest.consent.separate.provision", False),
            ("manifest.notice_ref", "NOTICE-1"),
        ],
        set(),
    ),
    "sales contract does not cover advertising": (
        [
            ("manifest.legal_basis", ["contract"]),
            ("manifest.contract", {"purposes": ["logistics"]}),
            ("manifest.consent.separate.provision", False),
            ("manifest.flows.0.purpose", "advertising"),
        ],
        {"DCS-PI-003", "DCS-PI-006", "DCS-PI-008", "DCS-PI-011"},
    ),
    "published under a contract basis": (
        [
            ("manifest.legal_basis", ["contract"]),
            ("manifest.contract", {"purposes": ["logistics"]}),
            ("manifest.flows.0.recipient_type", "public_release"),
        ],
        {"DCS-PI-004"},
    ),
    "automated decision without PIA or safeguards": (
        [("manifest.automated_decision", True)],
        {"DCS-AD-001", "DCS-AD-002"},
    ),
    "statutory retention hold": (
        [("manifest.retention.purpose_fulfilled", True), ("manifest.retention.legal_hold_ref", "AML Law Art 19")],
        {"DCS-GOV-006"},  # not delete-or-anonymise (GOV-005): only storage and security may continue
    ),
    "ten million people": ([("asset.distinct_individuals", 10_000_000)], {"DCS-ID-002"}),
    "published without separate consent": (
        [("manifest.flows.0.recipient_type", "public_release")],
        {"DCS-PI-004"},
    ),
    "cross-border without route or consent": (
        [("manifest.flows.0.recipient_type", "cross_border"), ("asset.distinct_individuals", 150000)],
        {"DCS-XB-001", "DCS-XB-002"},
    ),
    "cross-border below 100,000 individuals needs no route (XB-2024 Art 5(4)), still consent": (
        [("manifest.flows.0.recipient_type", "cross_border")],
        {"DCS-XB-002"},
    ),
    "cross-border done right": (
        [
            ("manifest.flows.0.recipient_type", "cross_border"),
            ("asset.distinct_individuals", 150000),
            ("manifest.flows.0.cross_border", {"mechanism": "standard_contract", "ref": "SCC-7"}),
            ("manifest.consent.separate.cross_border", True),
        ],
        set(),
    ),
    "standard contract without filing ref": (
        [
            ("manifest.flows.0.recipient_type", "cross_border"),
            ("asset.distinct_individuals", 150000),
            ("manifest.flows.0.cross_border", {"mechanism": "standard_contract"}),
            ("manifest.consent.separate.cross_border", True),
        ],
        {"DCS-XB-001"},
    ),
    "public data operation without authorisation": (
        [("manifest.flows.0.recipient_type", "public_data_operation")],
        {"DCS-PUB-001"},
    ),
    "public-sector data shared without agreement": (
        [("asset.categories", ["personal", "public_data"]), ("manifest.flows.0.contract_ref", _ABSENT)],
        {"DCS-GOV-002", "DCS-PUB-002"},
    ),
}


def _apply(mutations: list[tuple[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    asset, manifest = _compliant_case()
    for path, value in mutations:
        root, _, rest = path.partition(".")
        if rest.startswith("flows.0."):
            _set(manifest["flows"][0], rest.removeprefix("flows.0."), value)
        else:
            _set(asset if root == "asset" else manifest, rest, value)
    return asset, manifest


@pytest.mark.parametrize(("mutations", "expected"), list(MUTATIONS.values()), ids=list(MUTATIONS))
def test_rule_fires_exactly_when_expected(loaded: Pack, mutations: list[tuple[str, Any]], expected: set[str]) -> None:
    asset, manifest = _apply(mutations)
    assert _violations(loaded, asset, manifest) == expected


def _important_case(**flow: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    asset, manifest = _apply([("asset.categories", ["personal", "important_data"])])
    asset["level"] = {"detected": "important", "declared": "important"}
    manifest["declared_level"] = "important"
    manifest["important_data"] = {"declaration_ref": "DECL-1"}
    manifest["flows"][0].update({"risk_assessment_ref": "RA-1", "environment": "privacy_computing", **flow})
    return asset, manifest


def test_important_data_in_privacy_computing_passes(loaded: Pack) -> None:
    assert _violations(loaded, *_important_case()) == set()


def test_raw_important_data_must_not_leave_its_domain(loaded: Pack) -> None:
    assert _violations(loaded, *_important_case(environment="raw_export")) == {"DCS-ID-004"}


def test_important_data_needs_declaration_and_risk_assessment(loaded: Pack) -> None:
    asset, manifest = _important_case()
    del manifest["important_data"]
    del manifest["flows"][0]["risk_assessment_ref"]
    assert _violations(loaded, asset, manifest) == {"DCS-ID-001", "DCS-ID-003"}


def test_important_data_abroad_needs_cac_assessment(loaded: Pack) -> None:
    asset, manifest = _important_case(
        recipient_type="cross_border", cross_border={"mechanism": "standard_contract", "ref": "SCC-1"}
    )
    manifest["consent"]["separate"]["cross_border"] = True
    assert _violations(loaded, asset, manifest) == {"DCS-XB-003"}
    manifest["flows"][0]["cross_border"] = {"mechanism": "security_assessment", "ref": "CAC-2025-1"}
    assert _violations(loaded, asset, manifest) == {"DCS-XB-003"}  # no valid_until: cannot be shown valid
    manifest["flows"][0]["cross_border"]["valid_until"] = "2028-12-31"
    assert _violations(loaded, asset, manifest) == set()


def _anonymised_case(**overrides: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    asset, manifest = _compliant_case()
    asset.update(
        personal=True,
        entities=["LOCATION", "DATE_TIME"],
        direct_identifiers=[],
        quasi_identifiers=["城市", "出生年份"],
        level={"detected": "general-3", "declared": "general-1"},
        # measured on the data by the scan (compliance/anonymity/scan_hook.py); the manifest's k is a claim
        anonymity={"measured": True, "k": 25, "l": None, "pseudonym_columns": []},
    )
    manifest.update(
        declared_level="general-1",
        state="anonymized",
        legal_basis=[],
        consent={},
        anonymisation={"method": "generalisation", "k": 25, "evaluation_ref": "EVAL-1"},
        regrading_ref="RG-1",
    )
    manifest["flows"][0].update(recipient_type="public_release", purpose="open data")
    asset.update(overrides)
    return asset, manifest


def test_anonymised_release_needs_no_consent(loaded: Pack) -> None:
    assert _violations(loaded, *_anonymised_case()) == set()


def test_regrading_record_justifies_a_lower_declared_level(loaded: Pack) -> None:
    asset, manifest = _anonymised_case()
    del manifest["regrading_ref"]
    assert _violations(loaded, asset, manifest) == {"DCS-CL-001", "DCS-CL-004"}
    manifest.update(state="raw", regrading_ref="RG-1")  # a record does not excuse raw data
    assert "DCS-CL-001" in _violations(loaded, asset, manifest)


def test_anonymised_claim_checks(loaded: Pack) -> None:
    asset, manifest = _anonymised_case(direct_identifiers=["姓名"])
    assert "DCS-AN-002" in _violations(loaded, asset, manifest)
    asset, manifest = _anonymised_case()
    manifest["anonymisation"]["k"] = asset["anonymity"]["k"] = 8  # enough for controlled sharing, not publication
    assert {"DCS-AN-003", "DCS-AN-004"} & _violations(loaded, asset, manifest) == {"DCS-AN-004"}
    manifest["anonymisation"]["k"] = asset["anonymity"]["k"] = 3
    assert {"DCS-AN-003", "DCS-AN-004"} <= _violations(loaded, asset, manifest)
    asset["anonymity"]["k"] = 1  # the claim of 3 is above the measured k
    assert "DCS-AN-008" in _violations(loaded, asset, manifest)
    asset, manifest = _anonymised_case(sensitive=True)
    assert "DCS-AN-005" in _violations(loaded, asset, manifest)
    manifest["anonymisation"]["l"] = asset["anonymity"]["l"] = 2
    assert "DCS-AN-005" not in _violations(loaded, asset, manifest)
    asset["anonymity"]["pseudonym_columns"] = ["customer_key"]  # hashed IDs: de-identified, not anonymised
    assert "DCS-AN-009" in _violations(loaded, asset, manifest)
    del manifest["anonymisation"]["evaluation_ref"], manifest["regrading_ref"]
    assert {"DCS-AN-006", "DCS-CL-004"} <= _violations(loaded, asset, manifest)


def test_deidentified_data_is_still_personal(loaded: Pack) -> None:
    """Hashed IDs hide PI from the scanner; the de-identified state still needs a legal basis."""
    asset, manifest = _compliant_case()
    asset.update(personal=False, direct_identifiers=[], categories=[])
    manifest.update(state="deidentified", legal_basis=[], regrading_ref="RG-2")
    manifest["consent"] = {}
    found = _violations(loaded, asset, manifest)
    assert "DCS-AN-001" in found
    assert "DCS-AN-007" not in found
    assert "DCS-PI-001" not in found  # reported once, by the rule that explains why
    assert "DCS-PI-003" in found  # provision to a third party still needs separate consent
    asset["direct_identifiers"] = ["手机号"]  # a phone number in clear: the claim is false
    assert "DCS-AN-007" in _violations(loaded, asset, manifest)


def test_example_pack_tightens_the_default(loaded: Pack, loaded_example: Pack) -> None:
    asset, manifest = _anonymised_case()
    manifest["flows"][0]["recipient_type"] = "third_party"
    manifest["anonymisation"]["k"] = asset["anonymity"]["k"] = 8
    assert "DCS-AN-003" not in _violations(loaded, asset, manifest)
    assert "DCS-AN-003" in _violations(loaded_example, asset, manifest)
    asset, manifest = _compliant_case()
    del manifest["catalog_ref"]
    assert "DCS-GOV-001" in _violations(loaded, asset, manifest)
    assert "DCS-GOV-001" not in _violations(loaded_example, asset, manifest)
    asset["sensitive"] = True
    manifest["consent"]["separate"]["sensitive_personal"] = True
    assert "ACME-FIN-001" in _violations(loaded_example, asset, manifest)
