"""Waivers: expiry on the --as-of date, precedence over the baseline, invalid files (exit 2, file:line),
--soft-fail, and suppressions in SARIF (schema-valid) and JUnit (skipped)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from compliance.resources import load_schema

from .conftest import REPO, run_cli, write_text

BASELINE = ".compliance-baseline.json"
WAIVED = ("shop/customers", "DCS-PI-006", None, "bi")  # the one violation left out of the baseline
EXPIRES = "2026-03-01"


def waiver_file(expires: str = EXPIRES, **fields: str) -> Path:
    item = {
        "rule": "DCS-PI-006",
        "asset": "shop/customers",
        "flow": "bi",
        "justification": "BI purpose is being added to the consent text (release 4.2)",
        "approver": "Wang Fang, DPO",
        "expires": expires,
        "ticket": "RISK-118",
        **fields,
    }
    body = "\n".join(f"  {key}: {value}" for key, value in item.items() if value is not None)
    return write_text(Path("waivers.yaml"), "# reviewed exceptions\n-" + body[1:] + "\n")


@pytest.fixture
def baselined(project):
    """Every violation of the project baselined except WAIVED, which alone can fail the gate."""
    assert run_cli("baseline", "create").exit_code == 0
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    data["entries"] = [e for e in data["entries"] if (e["asset"], e["rule"], e["column"], e["flow"]) != WAIVED]
    Path(BASELINE).write_text(json.dumps(data), encoding="utf-8")
    return project


def scan(*args: str, fmt: str = "json"):
    return run_cli("scan", "--baseline", BASELINE, "--format", fmt, "--no-timestamp", *args)


def waived_violation(report: dict) -> dict:
    (found,) = [
        v for a in report["assets"] for v in a["violations"] if (a["id"], v["rule"], v["column"], v["flow"]) == WAIVED
    ]
    return found


def test_without_the_waiver_the_left_out_violation_fails(baselined):
    assert scan().exit_code == 1


@pytest.mark.parametrize(("as_of", "active"), [("2026-02-28", True), (EXPIRES, True), ("2026-03-02", False)])
def test_waiver_suppresses_until_its_expiry_date_inclusive(baselined, as_of, active):
    waiver_file()
    result = scan("--waivers", "waivers.yaml", "--as-of", as_of)
    report = json.loads(result.stdout)
    Draft202012Validator(load_schema("report.schema.json")).validate(report)
    violation = waived_violation(report)
    if active:
        assert result.exit_code == 0
        assert violation["suppression"] == {
            "kind": "waiver",
            "justification": "BI purpose is being added to the consent text (release 4.2)",
            "approver": "Wang Fang, DPO",
            "expires": EXPIRES,
            "source": "waivers.yaml:2",
        }
        assert report["waivers"] == {"file": "waivers.yaml", "expired": []}
        assert report["summary"]["suppressed"]["waiver"] == 1
    else:
        assert result.exit_code == 1
        assert "suppression" not in violation
        (expired,) = report["waivers"]["expired"]
        assert (expired["rule"], expired["asset"], expired["expires"], expired["ticket"]) == (
            "DCS-PI-006",
            "shop/customers",
            EXPIRES,
            "RISK-118",
        )
        assert report["summary"]["suppressed"]["waiver"] == 0
        text = scan("--waivers", "waivers.yaml", "--as-of", as_of, fmt="text").stdout
        assert "waiver waivers.yaml: 1 expired waivers (no longer suppress)" in text
        assert f"{EXPIRES} DCS-PI-006 shop/customers (bi) (Wang Fang, DPO, RISK-118; waivers.yaml:2)" in text


def test_project_as_of_decides_expiry_when_no_option_is_given(baselined):
    waiver_file(expires="2026-02-27")  # the project's as_of is 2026-03-01
    assert scan("--waivers", "waivers.yaml").exit_code == 1


def test_waiver_for_another_column_or_flow_does_not_suppress(baselined):
    waiver_file(flow="partner")
    result = scan("--waivers", "waivers.yaml", "--as-of", "2026-02-01")
    assert result.exit_code == 1
    assert "suppression" not in waived_violation(json.loads(result.stdout))


def test_waiver_takes_precedence_over_the_baseline_and_both_are_counted_apart(project):
    run_cli("baseline", "create")
    waiver_file()
    result = scan("--waivers", "waivers.yaml", "--as-of", "2026-02-01")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert waived_violation(report)["suppression"]["kind"] == "waiver"
    total = sum(len(a["violations"]) for a in report["assets"])
    assert report["summary"]["suppressed"] == {"baseline": total - 1, "waiver": 1}
    text = scan("--waivers", "waivers.yaml", "--as-of", "2026-02-01", fmt="text").stdout
    assert f"suppressed: {total - 1} baseline, 1 waiver" in text
    assert "waiver: HIGH DCS-PI-006 (bi)" in text and "baseline: HIGH DCS-CL-001" in text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"justification": None}, "waivers.yaml:2: $[0]: 'justification' is a required property"),
        ({"approver": '"  "'}, "waivers.yaml:6: $[0].approver: ' ' is not a valid non-blank text"),
        ({"expires": "2026-02-30"}, "waivers.yaml:7: $[0].expires: invalid date '2026-02-30'"),
        ({"expires": "next month"}, "waivers.yaml:7: $[0].expires: 'next month' is not a valid ISO 8601 date"),
        ({"expires": "2026-03-01 12:00:00"}, "waivers.yaml:7: $[0].expires: must be a date (YYYY-MM-DD)"),
        ({"rule": "DCS-XX-999"}, "waivers.yaml:2: $[0].rule: unknown rule 'DCS-XX-999' in pack"),
        ({"reason": "typo"}, "waivers.yaml:9: $[0].reason: unknown field 'reason'"),
    ],
)
def test_invalid_waiver_is_exit_2_with_file_line_and_path(project, change, expected):
    waiver_file(**change)
    result = run_cli("scan", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before scanning
    assert f"error: {expected}" in result.stderr, result.stderr


def test_waiver_file_must_be_a_list(project):
    write_text(Path("waivers.yaml"), "rule: DCS-PI-006\n")
    result = run_cli("scan", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    assert "error: waivers.yaml:1: $: a waiver file is a YAML list" in result.stderr


def test_project_waivers_key_is_used(baselined):
    waiver_file()
    Path("compliance.yaml").write_text(
        "manifests: ['manifests/*.yaml']\nas_of: 2026-02-01\nwaivers: waivers.yaml\n", encoding="utf-8"
    )
    assert scan().exit_code == 0
    assert scan("--as-of", "2026-04-01").exit_code == 1


def test_soft_fail_reports_but_exits_0_and_input_errors_still_exit_2(baselined):
    result = scan("--soft-fail")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["status"] == "fail"
    Path("data/orders.csv").unlink()
    assert scan("--soft-fail").exit_code == 2


def _sarif_validator() -> Draft7Validator:
    """SARIF 2.1.0 (the copy the report tests keep) with its root schema put back at the top."""
    schema = json.loads((REPO / "tests" / "report" / "fixtures" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    root = schema["definitions"]["Root"]
    schema.update({key: root[key] for key in ("type", "properties", "required", "additionalProperties")})
    return Draft7Validator(schema)


def test_sarif_with_suppressions_validates_against_the_sarif_schema(baselined):
    waiver_file()
    result = scan("--waivers", "waivers.yaml", "--as-of", "2026-02-01", fmt="sarif")
    assert result.exit_code == 0, result.stderr
    sarif = json.loads(result.stdout)
    errors = sorted(_sarif_validator().iter_errors(sarif), key=str)
    assert not errors, errors[0].message
    results = sarif["runs"][0]["results"]
    assert results and all(len(r["suppressions"]) == 1 for r in results)
    justifications = {r["suppressions"][0].get("justification") for r in results}
    assert "BI purpose is being added to the consent text (release 4.2)" in justifications
    assert f"accepted in baseline {BASELINE}" in justifications
    assert all(r["suppressions"][0]["status"] == "accepted" for r in results)


def test_junit_marks_suppressed_violations_as_skipped(baselined):
    without = ET.fromstring(scan(fmt="junit").stdout)
    assert int(without.get("failures")) == 1  # only the rule of the violation left out of the baseline
    waiver_file()
    root = ET.fromstring(scan("--waivers", "waivers.yaml", "--as-of", "2026-02-01", fmt="junit").stdout)
    assert int(root.get("failures")) == 0
    skipped = [case for case in root.iter("testcase") if case.find("skipped") is not None]
    assert int(root.get("skipped")) == len(skipped) > 0
    (pi006,) = [c for c in skipped if c.get("classname") == "shop/customers" and "[DCS-PI-006]" in c.get("name")]
    assert "BI purpose is being added" in pi006.find("skipped").get("message")
