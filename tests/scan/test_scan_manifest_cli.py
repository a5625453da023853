"""Manifest runs through the CLI: deterministic outputs in every format, SARIF validity, manifest errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ..report.conftest import sarif_validator
from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
MANIFEST = ROOT / "examples" / "manifests" / "customer-share.yaml"


def _manifest_with(tmp_path: Path, **changes) -> Path:
    text = MANIFEST.read_text(encoding="utf-8").replace(
        "../datasets/customers.csv", str(MANIFEST.parent.parent / "datasets" / "customers.csv")
    )
    for old, new in changes.items():
        text = text.replace(old, new)
    path = tmp_path / "asset.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "text"])
def test_same_inputs_give_byte_identical_reports(tmp_path, fmt):
    outputs = []
    for run in range(2):
        out = tmp_path / f"{run}.{fmt}"
        args = ["scan", "--manifest", str(MANIFEST), "--format", fmt]
        result = run_cli(*args, "--no-timestamp", "--as-of", "2026-06-01", "-o", str(out))
        assert result.exit_code in (0, 1), result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_violations_reach_sarif_and_junit(tmp_path):
    manifest = _manifest_with(tmp_path, **{"provision: true": "provision: false"})
    sarif = tmp_path / "r.sarif"
    result = run_cli(
        "scan", "--manifest", str(manifest), "--format", "sarif", "-o", str(sarif), "--as-of", "2026-06-01"
    )
    assert result.exit_code == 1
    log = json.loads(sarif.read_text(encoding="utf-8"))
    sarif_validator().validate(log)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == "DCS-PI-003" for r in results)
    assert all(r["partialFingerprints"]["dataflowCompliance/v1"] for r in results)
    junit = tmp_path / "r.xml"
    run_cli("scan", "--manifest", str(manifest), "--format", "junit", "-o", str(junit), "--as-of", "2026-06-01")
    failures = [tc.get("name") for tc in ET.parse(junit).iter("testcase") if tc.find("failure") is not None]
    assert any(name.startswith("[HIGH][DCS-PI-003]") for name in failures)


def test_fail_on_threshold_and_soft_outcomes(tmp_path):
    manifest = _manifest_with(tmp_path, **{"provision: true": "provision: false"})
    assert run_cli("scan", "--manifest", str(manifest), "--as-of", "2026-06-01").exit_code == 1
    assert run_cli("scan", "--manifest", str(manifest), "--as-of", "2026-06-01", "--fail-on", "critical").exit_code == 0
    assert run_cli("scan", "--manifest", str(manifest), "--as-of", "2026-06-01", "--fail-on", "never").exit_code == 0


def test_manifest_errors_are_file_line_path_message(tmp_path):
    manifest = _manifest_with(tmp_path, **{"recipient_type: third_party": "recipient_type: partner"})
    result = run_cli("scan", "--manifest", str(manifest))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines and all(str(manifest) in line for line in lines)
    assert any(":$.flows[" in line.replace(" ", "") and "recipient_type" in line for line in lines), lines
    assert "Traceback" not in result.output


def test_flow_without_manifest_names_the_evidence_to_supply(tmp_path):
    data = ROOT / "examples" / "datasets" / "orders_gbk.csv"
    result = run_cli(
        "scan", str(data), "--flow", "third_party", "--format", "json", "--no-timestamp", "--as-of", "2026-06-01"
    )
    assert result.exit_code == 1
    violations = json.loads(result.stdout)["assets"][0]["violations"]
    by_rule = {v["rule"]: v for v in violations}
    assert "manifest.consent.separate.provision" in by_rule["DCS-PI-003"]["missing"]
    assert by_rule["DCS-PI-003"]["flow"] == "third_party"
    plain = run_cli("scan", str(data), "--format", "json", "--no-timestamp")
    assert plain.exit_code == 0 and json.loads(plain.stdout)["assets"][0]["violations"] == []
