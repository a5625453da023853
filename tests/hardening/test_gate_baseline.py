"""A baseline entry accepts one violation only (issue 8, the gate): fingerprint *and* asset, rule,
column, flow and severity must match, and the asset must not have escalated since (detected level,
categories). Forged, re-graded and outgrown entries suppress nothing and are listed as stale, with
the reason; the gate then fails (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from compliance import baseline
from compliance.resources import load_schema

from .gate_support import bank_card, mobile, project, run_cli, scan_json, write_rows, write_text

__all__ = ["project"]  # the fixture

BASELINE = ".compliance-baseline.json"


def entries() -> list[dict]:
    return json.loads(Path(BASELINE).read_text(encoding="utf-8"))["entries"]


def write_entries(items: list[dict]) -> None:
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    data["entries"] = items
    Path(BASELINE).write_text(json.dumps(data), encoding="utf-8")


def unsuppressed(report: dict) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        (a["id"], v["rule"], v["column"], v["flow"])
        for a in report["assets"]
        for v in a["violations"]
        if "suppression" not in v
    )


def stale(report: dict) -> dict[str, str]:
    return {e["fingerprint"]: e["reason"] for e in report["baseline"]["stale"]}


def finding(report: dict, asset: str, rule: str, flow: str | None = None, column: str | None = None) -> dict:
    found = [
        v
        for a in report["assets"]
        if a["id"] == asset
        for v in a["violations"]
        if v["rule"] == rule and v["flow"] == flow and v["column"] == column
    ]
    assert len(found) == 1, found
    return found[0]


def test_created_baseline_records_level_and_categories_and_suppresses_everything(project):
    assert run_cli("baseline", "create").exit_code == 0
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    Draft202012Validator(load_schema("baseline.schema.json")).validate(data)
    assert data["version"] == 2
    assert {(e["asset"], e["level"], tuple(e["categories"])) for e in data["entries"]} == {
        ("shop/customers", "general-3", ("personal",)),
        ("shop/orders", "general-3", ("personal",)),
    }
    code, report, _ = scan_json("--baseline", BASELINE)
    assert code == 0 and unsuppressed(report) == [] and report["baseline"]["stale"] == []


@pytest.mark.parametrize(
    "forge",
    [
        {"asset": "shop/customers"},  # another asset
        {"rule": "DCS-GOV-001"},  # another rule
        {"severity": "low"},  # another severity
        {"column": "phone"},  # another column
        {"flow": None},  # another flow
        {"asset": "elsewhere/archive", "rule": "DCS-GOV-001", "severity": "low", "flow": None},  # all of them
    ],
    ids=["asset", "rule", "severity", "column", "flow", "everything"],
)
def test_forged_entry_with_a_high_findings_fingerprint_suppresses_nothing(project, forge):
    _, before, _ = scan_json()
    target = finding(before, "shop/orders", "DCS-PI-001", flow="courier")  # high: it gates
    assert target["severity"] == "high"
    run_cli("baseline", "create")
    real = next(e for e in entries() if e["fingerprint"] == target["fingerprint"])
    write_entries([{**real, **forge}])

    code, report, _ = scan_json("--baseline", BASELINE)
    assert code == 1
    assert ("shop/orders", "DCS-PI-001", None, "courier") in unsuppressed(report)
    reason = stale(report)[target["fingerprint"]]
    if "severity" in forge and len(forge) == 1:
        assert reason == "severity changed (low → high)"
    else:
        assert reason.startswith("its fingerprint belongs to a violation with another ")
        assert set(reason.rsplit("another ", 1)[1].split(", ")) == set(forge) - {"severity"}


def test_genuine_entry_still_suppresses_beside_forged_ones(project):
    run_cli("baseline", "create")
    accepted = entries()
    decoys = [{**e, "asset": "elsewhere/archive"} for e in accepted[:3]]  # same fingerprints, other asset
    write_entries([e for e in accepted if e not in accepted[:3]] + decoys)
    code, report, _ = scan_json("--baseline", BASELINE)
    assert code == 1
    assert len(unsuppressed(report)) == 3  # exactly the three whose real entries were replaced
    assert report["summary"]["suppressed"]["baseline"] == len(accepted) - 3


def test_severity_raised_by_a_pack_override_makes_the_entry_stale(project):
    run_cli("baseline", "create")
    write_text(
        project / "strict.yaml",
        "id: strict\nversion: '1.0.0'\ntitle: {en: Strict, zh: 严格}\nextends: cn-data-circulation-2025\n"
        "overrides:\n  - rule: DCS-CL-002\n    severity: critical\n",
    )
    code, report, stderr = scan_json("--baseline", BASELINE, "--pack", "strict.yaml")
    assert code == 1, stderr
    raised = [(a, r, c) for a, r, c, _ in unsuppressed(report)]
    assert sorted(raised) == [
        ("shop/customers", "DCS-CL-002", "id_number"),
        ("shop/customers", "DCS-CL-002", "phone"),
        ("shop/orders", "DCS-CL-002", "phone"),
    ]
    assert sorted(set(stale(report).values())) == ["severity changed (medium → critical)"]
    text = run_cli("scan", "--baseline", BASELINE, "--pack", "strict.yaml").stdout
    assert "severity changed (medium → critical)" in text


def test_asset_that_gains_a_sensitive_column_gates_again(project):
    run_cli("baseline", "create")
    rows = [[f"SO-{i}", mobile(i), "1.50", bank_card(i)] for i in range(40)]
    write_rows(project / "data" / "orders.csv", ["order_no", "phone", "amount", "bank_card"], rows)
    code, report, _ = scan_json("--baseline", BASELINE)
    assert code == 1
    orders = next(a for a in report["assets"] if a["id"] == "shop/orders")
    assert orders["level"]["detected"] == "general-4" and "sensitive_personal" in orders["categories"]
    assert all("suppression" not in v for v in orders["violations"])  # every old entry is outgrown
    reasons = set(stale(report).values())  # a rule that no longer fires: "matches no violation any more"
    assert "asset level escalated (general-3 → general-4)" in reasons
    assert reasons <= {"asset level escalated (general-3 → general-4)", "matches no violation any more"}
    customers = next(a for a in report["assets"] if a["id"] == "shop/customers")
    assert all("suppression" in v for v in customers["violations"])  # unchanged asset: still accepted


@pytest.mark.parametrize(
    ("recorded", "reason"),
    [
        ({"categories": []}, "asset categories escalated (+personal)"),
        ({"level": "general-2"}, "asset level escalated (general-2 → general-3)"),
        ({"level": "general-1"}, "asset level escalated (general-1 → general-3)"),
        ({"level": "core"}, None),  # the asset is less sensitive than when accepted: still accepted
        ({"level": "general-4", "categories": ["personal", "sensitive_personal"]}, None),
        ({"level": None, "categories": None}, None),  # not recorded (upgraded from format 1): not compared
    ],
)
def test_recorded_level_and_categories_decide_escalation(project, recorded, reason):
    run_cli("baseline", "create")
    write_entries([{**e, **recorded} if e["asset"] == "shop/orders" else e for e in entries()])
    code, report, _ = scan_json("--baseline", BASELINE)
    orders = [v for a in report["assets"] if a["id"] == "shop/orders" for v in a["violations"]]
    if reason is None:
        assert code == 0 and all("suppression" in v for v in orders) and not report["baseline"]["stale"]
    else:
        assert code == 1 and all("suppression" not in v for v in orders)
        assert set(stale(report).values()) == {reason}


def test_format_1_baseline_is_upgraded_and_keeps_matching_on_every_field(project):
    run_cli("baseline", "create")
    v1 = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    v1["version"] = 1
    for e in v1["entries"]:
        del e["level"], e["categories"]
    Path("v1.json").write_text(json.dumps(v1), encoding="utf-8")
    loaded = baseline.load("v1.json")
    assert loaded.read_version == 1 and {(e.level, e.categories) for e in loaded.entries} == {(None, None)}
    code, report, stderr = scan_json("--baseline", "v1.json")
    assert code == 0 and "baseline format 1" in stderr
    first = v1["entries"][0]
    v1["entries"] = [{**first, "severity": "low" if first["severity"] != "low" else "high"}]
    Path("v1.json").write_text(json.dumps(v1), encoding="utf-8")
    code, report, _ = scan_json("--baseline", "v1.json")
    assert code == 1 and stale(report)[first["fingerprint"]].startswith("severity changed")
    assert run_cli("baseline", "upgrade", "v1.json").exit_code == 0
    upgraded = json.loads(Path("v1.json").read_text(encoding="utf-8"))
    assert upgraded["version"] == 2 and upgraded["entries"][0]["level"] is None


def test_masked_names_in_the_baseline_still_match(project):
    """A column named by a resident ID is stored masked; the report side is masked the same way."""
    from .gate_support import resident_id

    header = resident_id(7)
    write_rows(project / "data" / "orders.csv", ["order_no", header], [[f"SO-{i}", mobile(i)] for i in range(40)])
    assert run_cli("baseline", "create").exit_code == 0
    text = Path(BASELINE).read_text(encoding="utf-8")
    assert header not in text
    code, report, _ = scan_json("--baseline", BASELINE)
    assert code == 0 and unsuppressed(report) == []


def test_forged_entries_for_a_critical_finding_under_other_assets_rules_and_severities(project):
    """The issue's example: a hand-written entry with the fingerprint of a critical finding."""
    write_text(
        project / "strict.yaml",
        "id: strict\nversion: '1.0.0'\ntitle: {en: Strict, zh: 严格}\nextends: cn-data-circulation-2025\n"
        "overrides:\n  - rule: DCS-PI-003\n    severity: critical\n",
    )
    _, before, _ = scan_json("--pack", "strict.yaml")
    critical = finding(before, "shop/orders", "DCS-PI-003", flow="courier")
    assert critical["severity"] == "critical"
    assert run_cli("baseline", "create", "--pack", "strict.yaml").exit_code == 0
    [real] = [e for e in entries() if e["fingerprint"] == critical["fingerprint"]]
    write_entries([{**real, "asset": "shop/customers", "rule": "DCS-GOV-001", "severity": "low", "flow": None}])
    code, report, _ = scan_json("--pack", "strict.yaml", "--baseline", BASELINE, "--fail-on", "critical")
    assert code == 1
    assert ("shop/orders", "DCS-PI-003", None, "courier") in unsuppressed(report)
    assert report["summary"]["suppressed"]["baseline"] == 0
    assert stale(report)[critical["fingerprint"]] == (
        "its fingerprint belongs to a violation with another asset, rule, flow"
    )
