"""SARIF 2.1.0: schema-valid, rules and results consistent, locations, input errors, suppressions."""

from __future__ import annotations

import configparser
import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from compliance.report.links import repository_url
from compliance.report.model import Violation
from compliance.report.sarif_format import FINGERPRINT_KEY, artifact_uri, camel_case

from .conftest import (
    BROKEN,
    BROKEN_ERROR,
    CUSTOMERS,
    ORDERS,
    RULES,
    SHIPMENTS,
    SuppressedViolation,
    build_report,
    check_golden,
    rendered,
    sarif_validator,
    violation,
)

ROOT = Path(__file__).resolve().parents[2]


def setup_cfg_url() -> str:
    """The repository URL as setup.cfg declares it (the package metadata must carry the same)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config["metadata"]["url"]


#: RFC 3986 URI-reference characters (the jsonschema format checker for it is not installed)
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _sarif(report=None, **options) -> dict:
    log = json.loads(rendered(report or build_report(), "sarif", **options))
    sarif_validator().validate(log)
    return log


def test_sarif_matches_golden_and_schema():
    text = rendered(build_report(), "sarif")
    sarif_validator().validate(json.loads(text))
    check_golden("report_sarif.sarif", text)


def test_schema_rejects_broken_sarif():
    """The copied schema keeps its root under definitions/Root: make sure the validator still checks."""
    log = _sarif()
    validator = sarif_validator()
    for break_it in (
        lambda d: d.pop("runs"),
        lambda d: d.update(version="2.0.0"),
        lambda d: d["runs"][0]["results"][0].update(level="critical"),
        lambda d: d["runs"][0]["invocations"][0].pop("executionSuccessful"),
        lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
    ):
        broken = copy.deepcopy(log)
        break_it(broken)
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)


def test_header_and_driver():
    log = _sarif()
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dataflow-compliance"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"] == repository_url() == setup_cfg_url()
    assert driver["informationUri"].startswith("https://") and ".invalid" not in driver["informationUri"]
    assert log["runs"][0]["properties"]["policy"]["id"] == "cn-data-circulation-2025"


def test_rules_are_the_mentioned_ones_with_metadata():
    report = build_report()
    mentioned = {r for a in report.assets for r in a.evaluated_rules} | {
        v.rule for a in report.assets for v in a.violations
    }
    rules = _sarif(report)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(mentioned)
    assert "DCS-PUB-001" not in mentioned  # in report.rules but never mentioned
    for rule in rules:
        info = RULES[rule["id"]]
        assert rule["shortDescription"]["text"] == info.title
        assert rule["fullDescription"]["text"] == info.description
        if info.pack == "cn-data-circulation-2025":  # a built-in pack's rule: its page in docs/rules/
            assert rule["helpUri"] == f"{setup_cfg_url()}/blob/main/docs/rules/en/{info.id}.md"
            assert (ROOT / "docs" / "rules" / "en" / f"{info.id}.md").is_file()
        else:  # a rule of another pack has no page to point at
            assert "helpUri" not in rule
        assert rule["defaultConfiguration"]["level"] == {"critical": "error", "high": "error"}.get(
            info.severity, {"medium": "warning", "low": "note"}.get(info.severity)
        )
        props = rule["properties"]
        assert props["precision"] == "high"
        assert props["tags"] == [*info.tags, "security"]
        assert (
            props["security-severity"]
            == {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}[info.severity]
        )
        for reference in info.references:
            assert reference in rule["help"]["text"] and reference in rule["help"]["markdown"]
        assert info.remediation in rule["help"]["text"]
    names = {r["id"]: r["name"] for r in rules}
    assert names["DCS-XB-001"] == "CrossBorderTransferNeedsALegalMechanism"
    assert names["DCS-GOV-001"] == "AssetHasNoOwnerSteward"


def test_one_result_per_violation_pointing_at_its_rule():
    report = build_report()
    run = _sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    violations = {v.fingerprint: (a, v) for a in report.assets for v in a.violations}
    assert len(run["results"]) == len(violations)
    assert [r["properties"]["asset"] for r in run["results"]] == sorted(
        r["properties"]["asset"] for r in run["results"]
    )
    for result in run["results"]:
        asset, v = violations[result["partialFingerprints"][FINGERPRINT_KEY]]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == v.rule
        assert result["level"] == {"critical": "error", "high": "error", "medium": "warning", "low": "note"}[v.severity]
        assert result["message"]["text"] == v.message
        assert result["properties"] == {
            "asset": asset.scan.id,
            "column": v.column,
            "flow": v.flow,
            "missing": list(v.missing),
            "severity": v.severity,
        }
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        manifest_level = asset.manifest is not None and (bool(v.missing) or v.column is None)
        if manifest_level:  # the fix belongs in the manifest: located there, the data a related location
            assert unquote(uri) == asset.manifest
            (data,) = result["relatedLocations"]
            assert unquote(data["physicalLocation"]["artifactLocation"]["uri"]) == asset.scan.source
            assert data["logicalLocations"] == location["logicalLocations"]
        else:
            assert URI_REFERENCE.match(uri) and unquote(uri) == asset.scan.source
            assert "relatedLocations" not in result
        logical = location["logicalLocations"]
        assert logical[0]["fullyQualifiedName"] == asset.scan.id
        if v.column is None:
            assert len(logical) == 1
        else:
            assert logical[1]["name"] == v.column and logical[1]["kind"] == "member"
        assert "suppressions" not in result


def test_artifact_uris():
    assert artifact_uri(SHIPMENTS) == SHIPMENTS  # relative posix path as given
    assert artifact_uri(ORDERS) == ORDERS  # URL as given
    assert artifact_uri("exports/客户 名单.xlsx") == "exports/%E5%AE%A2%E6%88%B7%20%E5%90%8D%E5%8D%95.xlsx"
    assert artifact_uri("data\\100%.csv") == "data/100%25.csv"
    assert artifact_uri("C:\\data\\x.csv") == "file:///C:/data/x.csv"
    assert artifact_uri("a:b.csv") == "./a:b.csv"
    assert artifact_uri("postgresql://db/sales#orders") == "postgresql://db/sales#orders"


def test_camel_case_names():
    assert camel_case("Declared level is below the detected level", "X") == "DeclaredLevelIsBelowTheDetectedLevel"
    assert camel_case("Personal-data categories: not_declared", "X") == "PersonalDataCategoriesNotDeclared"
    assert camel_case("声明的数据级别低于检测到的级别", "X") == "声明的数据级别低于检测到的级别"
    assert camel_case("", "DCS-PI-001") == "DCSPI001"


def test_input_errors_are_notifications_and_fail_the_execution():
    invocation = _sarif()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == BROKEN_ERROR and BROKEN in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BROKEN


def test_error_message_without_file_name_gets_one():
    report = build_report()
    broken = next(a for a in report.assets if a.scan.id == BROKEN)
    broken.scan.error = "unsupported compression"
    (note,) = _sarif(report)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == f"{BROKEN}: unsupported compression"


def test_clean_run_is_successful_without_notifications():
    report = build_report()
    report.assets = [a for a in report.assets if not a.scan.error]
    invocation = _sarif(report)["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True}
    assert "endTimeUtc" in _sarif(report, timestamps=True)["runs"][0]["invocations"][0]


@dataclass(frozen=True)
class _Waiver:
    kind: str
    justification: str
    status: str = "accepted"


@pytest.mark.parametrize(
    "suppression",
    [
        {"kind": "external", "justification": "baseline 2026-01"},
        _Waiver("inSource", "waiver W-7 until 2026-06-30"),
    ],
)
def test_suppressed_violation_carries_sarif_suppressions(suppression):
    report = build_report()
    orders = next(a for a in report.assets if a.scan.id == ORDERS)
    waived = violation(ORDERS, "DCS-PI-001", "out", column="email", kind=SuppressedViolation, suppression=suppression)
    orders.violations.append(waived)
    results = [r for r in _sarif(report)["runs"][0]["results"] if r["properties"]["asset"] == ORDERS]
    (result,) = results
    justification = suppression["justification"] if isinstance(suppression, dict) else suppression.justification
    kind = suppression["kind"] if isinstance(suppression, dict) else suppression.kind
    assert result["suppressions"] == [{"kind": kind, "status": "accepted", "justification": justification}]


def test_invalid_suppression_kind_is_refused():
    report = build_report()
    bad = violation(ORDERS, "DCS-PI-001", "x", kind=SuppressedViolation, suppression={"kind": "waived"})
    report.assets[0].violations.append(bad)
    with pytest.raises(ValueError, match="invalid suppression kind 'waived'"):
        rendered(report, "sarif")


def test_violation_of_undescribed_rule_gets_a_rule_from_the_violation():
    report = build_report()
    shipments = next(a for a in report.assets if a.scan.id == SHIPMENTS)
    shipments.violations.append(
        Violation("ZZ-001", "low", "Ad-hoc check", "ad-hoc finding", ("Memo 1",), "Fix it.", "f" * 32)
    )
    run = _sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    (result,) = [r for r in run["results"] if r["ruleId"] == "ZZ-001"]
    rule = rules[result["ruleIndex"]]
    assert rule["id"] == "ZZ-001" and rule["name"] == "AdHocCheck" and "Memo 1" in rule["help"]["text"]


def test_customers_results_name_table_and_column():
    results = [r for r in _sarif()["runs"][0]["results"] if r["properties"]["asset"] == CUSTOMERS]
    assert {r["locations"][0]["logicalLocations"][0]["name"] for r in results} == {"客户"}
    columns = [r["locations"][0]["logicalLocations"][-1] for r in results if r["properties"]["column"]]
    assert {c["fullyQualifiedName"] for c in columns} == {f"{CUSTOMERS}::身份证号", f"{CUSTOMERS}::手机号"}
