"""JUnit XML: parses, counts add up, checkov-style names, one failure per rule and asset, errors and skips."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from compliance.report.model import Violation

from .conftest import (
    BROKEN,
    BROKEN_ERROR,
    CUSTOMERS,
    ORDERS,
    RULES,
    SuppressedViolation,
    build_report,
    check_golden,
    rendered,
    violation,
)

NAME = re.compile(r"^\[(CRITICAL|HIGH|MEDIUM|LOW)\]\[([A-Z0-9-]+)\] (.+)$")
COUNTS = ("tests", "failures", "errors", "skipped")


def _junit(report=None, **options) -> ET.Element:
    text = rendered(report or build_report(), "junit", **options)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def _suite(root: ET.Element, name: str) -> ET.Element:
    (suite,) = [s for s in root.findall("testsuite") if s.get("name") == name]
    return suite


def _counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.get(key)) for key in COUNTS}


def test_junit_matches_golden():
    check_golden("report_junit.xml", rendered(build_report(), "junit"))


def test_counts_add_up_from_the_testcases():
    root = _junit()
    assert root.tag == "testsuites" and root.get("name") == "dataflow-compliance"
    totals = dict.fromkeys(COUNTS, 0)
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "errors": sum(c.find("error") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        assert _counts(suite) == counted, suite.get("name")
        for key in COUNTS:
            totals[key] += counted[key]
    assert _counts(root) == totals


def test_one_suite_per_asset_and_one_case_per_evaluated_rule():
    report = build_report()
    root = _junit(report)
    assert [s.get("name") for s in root.findall("testsuite")] == sorted(a.scan.id for a in report.assets)
    for asset in report.assets:
        if asset.scan.error:
            continue
        suite = _suite(root, asset.scan.id)
        cases = suite.findall("testcase")
        rule_ids = [NAME.match(c.get("name")).group(2) for c in cases]
        assert rule_ids == sorted(asset.evaluated_rules)
        assert {c.get("classname") for c in cases} == {asset.scan.id}
        assert int(suite.get("failures")) == len({v.rule for v in asset.violations})


def test_names_follow_severity_rule_title():
    for case in _junit().iter("testcase"):
        if case.find("error") is not None:
            continue
        severity, rule_id, title = NAME.match(case.get("name")).groups()
        assert severity == RULES[rule_id].severity.upper() and title == RULES[rule_id].title


def test_several_violations_of_one_rule_make_one_failure_listing_all():
    report = build_report()
    customers = next(a for a in report.assets if a.scan.id == CUSTOMERS)
    pi = [v for v in customers.violations if v.rule == "DCS-PI-001"]
    assert len(pi) == 2
    (case,) = [c for c in _suite(_junit(report), CUSTOMERS) if "[DCS-PI-001]" in c.get("name")]
    (failure,) = case.findall("failure")
    assert failure.get("type") == "high"
    assert failure.get("message") == "2 violations of DCS-PI-001"
    for v in pi:
        assert v.message in failure.text
    assert failure.text.count("References: PIPL Art 23") == 1
    assert "Remediation: " + RULES["DCS-PI-001"].remediation in failure.text
    assert failure.text.count("Missing evidence: flow.consent_ref") == 2


def test_single_violation_failure_carries_its_message_and_where():
    (case,) = [c for c in _suite(_junit(), CUSTOMERS) if "[DCS-MIN-001]" in c.get("name")]
    failure = case.find("failure")
    assert failure.get("type") == "critical"
    assert failure.get("message").startswith("2.1% of records belong to minors")
    assert "(column 身份证号, flow to-partner)" in failure.text
    assert "References: PIPL Art 28; PIPL Art 31" in failure.text


def test_passing_rule_is_an_empty_testcase():
    (case,) = [c for c in _suite(_junit(), CUSTOMERS) if "[DCS-XB-001]" in c.get("name")]
    assert list(case) == []


def test_unscanned_asset_is_one_error_testcase():
    suite = _suite(_junit(), BROKEN)
    (case,) = suite.findall("testcase")
    error = case.find("error")
    assert error.get("message") == BROKEN_ERROR and BROKEN in error.get("message")
    assert _counts(suite) == {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


def test_suppressed_violations_are_skipped_not_failed():
    report = build_report()
    orders = next(a for a in report.assets if a.scan.id == ORDERS)
    waiver = {"kind": "external", "justification": "waiver W-7"}
    orders.violations.append(
        violation(ORDERS, "DCS-PI-001", "email flows out", column="email", kind=SuppressedViolation, suppression=waiver)
    )
    orders.violations.append(
        violation(ORDERS, "DCS-CL-001", "level too low", kind=SuppressedViolation, suppression=waiver)
    )
    orders.violations.append(violation(ORDERS, "DCS-CL-001", "level too low, second flow", flow="f2"))
    suite = _suite(_junit(report), ORDERS)
    assert _counts(suite) == {"tests": 2, "failures": 1, "errors": 0, "skipped": 1}
    (skipped,) = suite.iter("skipped")
    assert skipped.get("message") == "email flows out (waiver W-7)"
    (failure,) = suite.iter("failure")
    assert "level too low, second flow" in failure.text and "Suppressed:\n- level too low (waiver W-7)" in failure.text


def test_violation_of_rule_not_evaluated_still_fails():
    report = build_report()
    orders = next(a for a in report.assets if a.scan.id == ORDERS)
    orders.violations.append(Violation("ZZ-001", "low", "Ad-hoc check", "found", (), "Fix it.", "f" * 32))
    suite = _suite(_junit(report), ORDERS)
    (case,) = [c for c in suite if c.find("failure") is not None]
    assert case.get("name") == "[LOW][ZZ-001] Ad-hoc check"


def test_characters_xml_cannot_hold_are_replaced():
    report = build_report()
    orders = next(a for a in report.assets if a.scan.id == ORDERS)
    orders.violations.append(violation(ORDERS, "DCS-PI-001", "bad\x00header\x1b", column="e\x07mail"))
    (failure,) = _suite(_junit(report), ORDERS).iter("failure")
    assert "bad\ufffdheader\ufffd" in failure.get("message")
