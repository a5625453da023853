"""Every flow's decision is explained in every report format (``assets[].flows[].decision``).

A real manifest is scanned and evaluated (no hand-built report): the JSON report validates against
``schemas/report.schema.json`` and names the required route, the deciding article, the facts and
thresholds, the rules that failed and the absent facts; text, markdown, SARIF and JUnit carry the same
decision; a flow id holding a mobile number is masked in every format.
"""

from __future__ import annotations

import datetime
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from compliance.manifest import load_manifest
from compliance.policy import load_pack
from compliance.report import RenderOptions, render
from compliance.report.to_dict import report_to_dict
from compliance.run import manifests_report
from compliance.scanner import ScanOptions
from compliance.schema_check import validator_for

DATA = Path(__file__).resolve().parents[1] / "rules" / "_data" / "customers.csv"
AS_OF = datetime.date(2026, 1, 1)
MOBILE = "13812345670"
MANIFEST = f"""
id: shop/customers
source: {DATA}
legal_basis: [contract]
individuals: 150000
flows:
  - id: hq-{MOBILE}
    recipient: Group HQ
    recipient_type: third_party
    destination: SG
    cross_border: {{mechanism: standard_contract, ref: SCC-2025-1}}
  - id: courier
    recipient: Courier
    recipient_type: third_party
    destination: CN
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("flows") / "customers.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    pack = load_pack()
    manifest = load_manifest(path, pack)
    return manifests_report([manifest], pack, ScanOptions(as_of=AS_OF), processor=None)


def _rendered(report, fmt: str) -> str:
    stream = io.StringIO()
    render(report, fmt, stream, RenderOptions(timestamps=False))
    return stream.getvalue()


def test_json_explains_each_flow_and_validates(report):
    out = json.loads(_rendered(report, "json"))
    errors = sorted(validator_for("report.schema.json").iter_errors(out), key=str)
    assert not errors, errors[0]
    hq, courier = out["assets"][0]["flows"]
    decision = hq["decision"]
    # no processor facts: fails closed, treated as a CIIO (XB-2024 Art 7(1)); the facts that would change it
    assert decision["cross_border"] is True and "SG" in decision["trigger"]
    assert decision["required_route"] == "security_assessment"
    assert decision["article"] == "XB-2024 Art 7(1)"
    assert decision["declared_route"] == "standard_contract" and decision["route_satisfied"] is False
    assert "processor.ciio" in decision["would_change"]
    assert decision["facts"]["flow_individuals"] == 150000
    assert decision["thresholds"] == {
        "small_volume": 100000,
        "assessment_individuals": 1000000,
        "assessment_sensitive": 10000,
    }
    assert "DCS-XB-001" in decision["failed_rules"] and decision["status"] == "fail"
    assert courier["decision"]["cross_border"] is False
    assert courier["decision"]["required_route"] == "none"
    assert "DCS-XB-001" not in courier["decision"]["failed_rules"]


def test_the_processor_facts_change_the_route():
    pack = load_pack()
    path = Path(__file__).resolve().parents[1] / "rules" / "DCS-XB-001" / "pass-standard-contract-filed"
    manifest = load_manifest(path / "manifest.yaml", pack)
    processor = {"ciio": False, "exported_this_year": {"individuals": 0, "sensitive_individuals": 0}}
    out = report_to_dict(manifests_report([manifest], pack, ScanOptions(as_of=AS_OF), processor=processor))
    decision = out["assets"][0]["flows"][0]["decision"]
    assert decision["required_route"] == "standard_contract_or_certification"
    assert decision["article"] == "XB-2024 Art 8"
    assert decision["route_satisfied"] is True and decision["would_change"] == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "junit", "json"])
def test_every_format_carries_the_decision_with_masked_flow_names(report, fmt):
    text = _rendered(report, fmt).replace("\\_", "_")  # markdown escapes underscores
    assert MOBILE not in text
    assert "security_assessment" in text and "XB-2024 Art 7(1)" in text


def test_sarif_results_and_run_carry_the_decision(report):
    sarif = json.loads(_rendered(report, "sarif"))
    run = sarif["runs"][0]
    assert [f["decision"]["required_route"] for f in run["properties"]["flows"]] == ["security_assessment", "none"]
    xb = [r for r in run["results"] if r["ruleId"] == "DCS-XB-001"]
    assert xb and all(r["properties"]["decision"]["article"] == "XB-2024 Art 7(1)" for r in xb)


def test_junit_suite_has_decision_properties_and_system_out(report):
    root = ET.fromstring(_rendered(report, "junit"))
    suite = root.find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties["flow.courier.required_route"] == "none"
    assert any(k.endswith(".required_route") and v == "security_assessment" for k, v in properties.items())
    assert "XB-2024 Art 7(1)" in suite.find("system-out").text
