"""``--format junit``: JUnit XML, so any CI server shows compliance results as test results.

One ``<testsuite>`` per asset and one ``<testcase>`` per rule evaluated on it, named
``[SEVERITY][RULE_ID] title`` (checkov's convention) with the asset id as classname. All violations
of one rule on one asset make a single ``<failure>`` that lists them; a violation with a
``suppression`` (baseline, waiver) becomes ``<skipped>`` instead. An asset that could not be scanned
is one ``<error>`` testcase, so the CI run shows it as broken rather than green; an asset that holds
no data gets one ``[EMPTY]`` testcase, ``<skipped>`` beside assets with data and ``<error>`` when no
input held any (that run exits 2). Characters XML 1.0
cannot hold (control characters from a damaged header) are replaced, keeping the file parseable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, TextIO

from . import flow_lines, notices
from .model import AssetReport, Report, RuleInfo, Violation
from .options import RenderOptions
from .severity import rank, tag

SUITES_NAME = "dataflow-compliance"
ERROR_TESTCASE = "[ERROR] input could not be scanned"
EMPTY_TESTCASE = "[EMPTY] input holds no data"
NO_RULES_TESTCASE = "[NO RULES] no rule was evaluated"
SKIPPED_TESTCASE = "[SKIPPED] entries directory walks left out"
NOTICES_SUITE = "dataflow-compliance.notices"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def testcase_name(rule: RuleInfo) -> str:
    severity = tag(rule.severity) if rule.severity else "UNKNOWN"
    return f"[{severity}][{rule.id}] {rule.title}"


def _violation_key(v: Violation) -> tuple[str, str, str, str]:
    return (v.rule, v.flow or "", v.column or "", v.fingerprint)


def _suppression(v: Violation) -> Any:
    return getattr(v, "suppression", None)


def _justification(v: Violation) -> str:
    suppression = _suppression(v)
    found = suppression.get("justification") if isinstance(suppression, dict) else None
    found = found or getattr(suppression, "justification", None)
    return str(found) if found else "suppressed"


def _describe(violations: list[Violation]) -> str:
    """Each violation (message, where, missing evidence), then the rule's references and remediation once."""
    lines = []
    for v in violations:
        # the evaluator's messages usually name the column and flow already
        where = [f"column {v.column}"] if v.column is not None and v.column not in v.message else []
        where += [f"flow {v.flow}"] if v.flow is not None and v.flow not in v.message else []
        lines.append("- " + v.message.replace("\n", "\n  ") + (f" ({', '.join(where)})" if where else ""))
        if v.missing:
            lines.append(f"  Missing evidence: {', '.join(v.missing)}")
    references = dict.fromkeys(r for v in violations for r in v.references)
    if references:
        lines.append(f"References: {'; '.join(references)}")
    if violations[0].remediation:
        lines.append(f"Remediation: {violations[0].remediation}")
    return "\n".join(lines)


def _rule_of(report: Report, rule_id: str, violations: list[Violation]) -> RuleInfo:
    if rule_id in report.rules:
        return report.rules[rule_id]
    if violations:  # a violated rule the report has no metadata for: describe it from the violation
        v = violations[0]
        return RuleInfo(rule_id, v.title, v.severity, v.title, v.references, v.remediation)
    return RuleInfo(rule_id, rule_id, "", "", (), "")  # evaluated, never violated, not described


def _testcase(suite: ET.Element, asset: AssetReport, rule: RuleInfo, violations: list[Violation]) -> str:
    """Adds one testcase; returns its outcome: pass, failure or skipped."""
    case = ET.SubElement(suite, "testcase", name=_xml(testcase_name(rule)), classname=_xml(asset.scan.id))
    active = [v for v in violations if _suppression(v) is None]
    waived = [v for v in violations if _suppression(v) is not None]
    if active:
        worst = min(active, key=lambda v: rank(v.severity))
        message = active[0].message if len(active) == 1 else f"{len(active)} violations of {rule.id}"
        failure = ET.SubElement(case, "failure", message=_xml(message), type=worst.severity)
        text = _describe(active)
        if waived:
            text += "\nSuppressed:\n" + "\n".join(f"- {v.message} ({_justification(v)})" for v in waived)
        failure.text = _xml(text)
        return "failure"
    if waived:
        message = "; ".join(f"{v.message} ({_justification(v)})" for v in waived)
        ET.SubElement(case, "skipped", message=_xml(message))
        return "skipped"
    return "pass"


def _suite(report: Report, asset: AssetReport, timestamp: str | None) -> tuple[ET.Element, dict[str, int]]:
    suite = ET.Element("testsuite", name=_xml(asset.scan.id))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if asset.scan.error:
        case = ET.SubElement(suite, "testcase", name=ERROR_TESTCASE, classname=_xml(asset.scan.id))
        ET.SubElement(case, "error", message=_xml(asset.scan.error), type="input")
        counts.update(tests=1, errors=1)
    else:
        if asset.scan.empty:
            case = ET.SubElement(suite, "testcase", name=EMPTY_TESTCASE, classname=_xml(asset.scan.id))
            if report.nothing_scanned:
                ET.SubElement(case, "error", message=_xml(asset.scan.empty), type="input")
            else:
                ET.SubElement(case, "skipped", message=_xml(asset.scan.empty))
            counts["tests"] += 1
            counts["errors" if report.nothing_scanned else "skipped"] += 1
        by_rule: dict[str, list[Violation]] = {rule_id: [] for rule_id in asset.evaluated_rules}
        for v in sorted(asset.violations, key=_violation_key):  # a violation is never dropped
            by_rule.setdefault(v.rule, []).append(v)
        for rule_id in sorted(by_rule):
            outcome = _testcase(suite, asset, _rule_of(report, rule_id, by_rule[rule_id]), by_rule[rule_id])
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
    _flow_decisions(suite, asset, report.lang)
    for key, value in counts.items():
        suite.set(key, str(value))
    if timestamp:
        suite.set("timestamp", timestamp)
    return suite, counts


def _flow_decisions(suite: ET.Element, asset: AssetReport, lang: str) -> None:
    """Each flow's decision: ``properties`` (route, deciding article, status) first, the full
    explanation in the suite's ``system-out``."""
    if not asset.flows:
        return
    properties = ET.Element("properties")
    for d in asset.flows:
        prefix = f"flow.{d.flow}"
        for key, value in (
            ("required_route", d.required_route),
            ("article", d.article),
            ("declared_route", d.declared_route or ""),
            ("failed_rules", ",".join(d.failed_rules)),
            ("status", d.status),
        ):
            ET.SubElement(properties, "property", name=_xml(f"{prefix}.{key}"), value=_xml(value))
    suite.insert(0, properties)
    out = ET.SubElement(suite, "system-out")
    out.text = _xml("\n".join(line for d in asset.flows for line in flow_lines.lines(d, lang)))


def _notice_suite(report: Report) -> tuple[ET.Element, dict[str, int]] | None:
    """A suite of skipped test cases, so neither is a silent 0: ``[NO RULES]`` when no rule was
    evaluated (saying why), and ``[SKIPPED]`` for what directory walks left out (the counts as its
    message, one ``path: reason`` line per entry in its ``system-out``: one case, not thousands)."""
    cases = [(NO_RULES_TESTCASE, text, None) for text in notices.notes(report, report.lang)]
    summary = notices.skipped_summary(report, report.lang)
    if summary:
        listing = "\n".join(f"{skip.path}: {skip.reason}" for skip in report.skipped)
        cases.append((SKIPPED_TESTCASE, summary, listing))
    if not cases:
        return None
    suite = ET.Element("testsuite", name=NOTICES_SUITE)
    for name, message, out in cases:
        case = ET.SubElement(suite, "testcase", name=_xml(name), classname=NOTICES_SUITE)
        ET.SubElement(case, "skipped", message=_xml(message))
        if out:
            ET.SubElement(case, "system-out").text = _xml(out)
    counts = {"tests": len(cases), "failures": 0, "errors": 0, "skipped": len(cases)}
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite, counts


def to_junit(report: Report, options: RenderOptions) -> ET.Element:
    root = ET.Element("testsuites", name=SUITES_NAME)
    timestamp = None
    if options.timestamps and report.generated_at is not None:
        timestamp = report.generated_at.isoformat(timespec="seconds")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = [_suite(report, asset, timestamp) for asset in sorted(report.assets, key=lambda a: a.scan.id)]
    notice = _notice_suite(report)
    for suite, counts in [*suites, *([notice] if notice else [])]:
        root.append(suite)
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    root = to_junit(report, options)
    ET.indent(root, space="  ")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
