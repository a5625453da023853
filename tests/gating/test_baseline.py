"""Baselines: round trip, new and moved violations gate, stale entries, the v0 → v1 upgrade, bad files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from compliance import baseline
from compliance.resources import load_schema

from .conftest import AS_OF, manifest_text, run_cli, write_dataset, write_text

BASELINE = ".compliance-baseline.json"


def scan_json(*args: str) -> tuple[int, dict]:
    result = run_cli("scan", "--format", "json", "--no-timestamp", *args)
    return result.exit_code, json.loads(result.stdout)


def violations(report: dict, *, suppressed: bool | None = None) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        (a["id"], v["rule"], v["column"], v["flow"])
        for a in report["assets"]
        for v in a["violations"]
        if suppressed is None or ("suppression" in v) == suppressed
    )


def test_round_trip_is_deterministic_and_suppresses_everything(project):
    code, before = scan_json()
    assert code == 1 and violations(before)
    assert run_cli("baseline", "create").exit_code == 0
    text = Path(BASELINE).read_text(encoding="utf-8")
    data = json.loads(text)
    Draft202012Validator(load_schema("baseline.schema.json")).validate(data)
    assert "created_at" not in data
    assert [(e["asset"], e["rule"], e["column"], e["flow"]) for e in data["entries"]] == [
        (a, r, c, f) for a, r, c, f in violations(before)
    ]
    assert data["policy"] == before["policy"]

    loaded = baseline.load(BASELINE)
    assert loaded.read_version == baseline.CURRENT_VERSION == 2 and not loaded.upgraded
    assert baseline.dumps(baseline.document(loaded)) == text
    assert {e.fingerprint for e in loaded.entries} == {
        v["fingerprint"] for a in before["assets"] for v in a["violations"]
    }

    assert run_cli("baseline", "create", "-o", "again.json").exit_code == 0
    assert Path("again.json").read_text(encoding="utf-8") == text  # byte-identical re-creation

    code, after = scan_json("--baseline", BASELINE)
    assert code == 0
    assert violations(after, suppressed=False) == []
    assert violations(after, suppressed=True) == violations(before)
    assert after["summary"]["suppressed"] == {"baseline": len(data["entries"]), "waiver": 0}
    assert after["summary"]["violations"] == {"critical": 0, "high": 0, "medium": 0, "low": 0}
    assert after["baseline"] == {"file": BASELINE, "stale": []}
    Draft202012Validator(load_schema("report.schema.json")).validate(after)


def test_baseline_does_not_depend_on_row_order(project):
    run_cli("baseline", "create", "-o", "first.json")
    data = Path("data/customers.csv")
    header, *rows = data.read_text(encoding="utf-8").splitlines()
    random.Random(7).shuffle(rows)
    data.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    run_cli("baseline", "create", "-o", "second.json")
    assert Path("first.json").read_bytes() == Path("second.json").read_bytes()


def test_new_violation_in_a_baselined_asset_fails_the_gate(project):
    run_cli("baseline", "create")
    write_text(
        Path("manifests/customers.yaml"),
        manifest_text("shop/customers", "../data/customers.csv", [("bi", "internal"), ("partner", "cross_border")]),
    )
    code, report = scan_json("--baseline", BASELINE)
    assert code == 1
    new = violations(report, suppressed=False)
    assert new and {(a, f) for a, _, _, f in new} == {("shop/customers", "partner")}
    customers = report["assets"][0]["violations"]
    assert any(v["severity"] in ("high", "critical") and "suppression" not in v for v in customers)
    assert ("shop/customers", "DCS-PI-006", None, "bi") in violations(report, suppressed=True)
    assert report["baseline"]["stale"] == []


def test_violation_moved_to_another_column_is_new_and_its_old_entry_stale(project):
    run_cli("baseline", "create")
    write_dataset(Path("data/customers.csv"), ["phone:mobile", "id_number", "order_no"])  # phone renamed
    code, report = scan_json("--baseline", BASELINE, "--fail-on", "medium")
    assert code == 1
    assert violations(report, suppressed=False) == [("shop/customers", "DCS-CL-002", "mobile", None)]
    assert [(e["asset"], e["rule"], e["column"]) for e in report["baseline"]["stale"]] == [
        ("shop/customers", "DCS-CL-002", "phone")
    ]


def test_violation_moved_to_another_asset_is_new(project, tmp_path):
    write_dataset(tmp_path / "a.csv", ["phone", "order_no"])
    assert run_cli("baseline", "create", "a.csv", "--flow", "third_party", "-o", "paths.json").exit_code == 0
    Path("a.csv").rename("b.csv")
    code, report = scan_json("b.csv", "--flow", "third_party", "--baseline", "paths.json")
    assert code == 1
    assert violations(report, suppressed=True) == []
    assert {a for a, *_ in violations(report, suppressed=False)} == {"b.csv"}
    assert report["baseline"]["stale"] == []  # a.csv was not scanned: its entries are not judged


def test_stale_entries_are_reported_but_do_not_gate(project):
    run_cli("baseline", "create")
    write_dataset(Path("data/orders.csv"), ["order_no", "amount"])  # the phone column is gone
    code, report = scan_json("--baseline", BASELINE)
    assert code == 0
    stale = {(e["asset"], e["rule"], e["column"]) for e in report["baseline"]["stale"]}
    assert ("shop/orders", "DCS-CL-002", "phone") in stale
    assert all(asset == "shop/orders" for asset, _, _ in stale)
    text = run_cli("scan", "--baseline", BASELINE).stdout
    assert f"baseline {BASELINE}: {len(stale)} stale entries" in text
    assert "DCS-CL-002 shop/orders [phone]" in text


def _v0_from_report(report: dict) -> list[dict]:
    """What the v0 docs describe: jq '[.assets[] as $a | $a.violations[] | . + {asset: $a.id}]'."""
    return [dict(v, asset=a["id"]) for a in report["assets"] for v in a["violations"]]


def test_v0_baseline_is_upgraded_on_load_and_by_the_upgrade_command(project):
    _, report = scan_json()
    v0 = _v0_from_report(report)
    Path("v0.json").write_text(json.dumps(v0 + v0[:2]), encoding="utf-8")  # v0 files could repeat entries

    loaded = baseline.load("v0.json")
    assert loaded.read_version == 0 and loaded.upgraded and loaded.policy is None
    assert sorted(e.fingerprint for e in loaded.entries) == sorted(v["fingerprint"] for v in v0)

    result = run_cli("scan", "--baseline", "v0.json", "--format", "json", "--no-timestamp")
    assert result.exit_code == 0
    assert "baseline format 0" in result.stderr and "compliance baseline upgrade v0.json" in result.stderr
    assert json.loads(result.stdout)["summary"]["suppressed"]["baseline"] == len(v0)

    assert run_cli("baseline", "upgrade", "v0.json", "-o", "v1.json").exit_code == 0
    rewritten = json.loads(Path("v1.json").read_text(encoding="utf-8"))
    Draft202012Validator(load_schema("baseline.schema.json")).validate(rewritten)
    run_cli("baseline", "create")
    created = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    unrecorded = {"level": None, "categories": None}  # v0 and v1 never recorded the asset's level
    assert rewritten["entries"] == [{**e, **unrecorded} for e in created["entries"]]
    assert rewritten["version"] == 2 and rewritten["policy"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version": 9, "entries": []}', "{file}: $.version: baseline format 9 is newer"),
        ('{"entries": []}', "{file}: $: not a baseline file"),
        ('{"version": 1,\n "version": 1}', "{file}:2: $: invalid JSON: duplicate key 'version'"),
        ('{\n  "version": 1,,\n}', "{file}:2: $: invalid JSON"),
        (
            '{"version": 2, "tool": "dataflow-compliance", "created_by_version": "x", "policy": null,\n'
            ' "entries": [\n  {"fingerprint": "zz", "rule": "R", "asset": "a", "column": null, "flow": null,'
            ' "severity": "high", "level": null, "categories": null}]}',
            "{file}:3: $.entries[0].fingerprint: 'zz' does not match",
        ),
        (
            '[{"asset": "a", "rule": "R"}]',
            "{file}: $.entries[0]: 'fingerprint' is a required property (after upgrading",
        ),
    ],
)
def test_invalid_baseline_is_exit_2_with_file_line_and_path(project, text, expected):
    Path("bad.json").write_text(text, encoding="utf-8")
    result = run_cli("scan", "--baseline", "bad.json")
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before scanning
    assert result.stderr.startswith("error: " + expected.format(file="bad.json")), result.stderr


def test_no_baseline_is_written_when_an_input_cannot_be_scanned(project):
    Path("data/orders.csv").unlink()
    result = run_cli("baseline", "create")
    assert result.exit_code == 2
    assert "no baseline written" in result.stderr
    assert not Path(BASELINE).exists()


def test_project_baseline_key_is_the_default_for_create_and_scan(project):
    Path("compliance.yaml").write_text(
        f"manifests: ['manifests/*.yaml']\nas_of: {AS_OF}\nbaseline: gating/accepted.json\n", encoding="utf-8"
    )
    Path("gating").mkdir()
    assert run_cli("scan").exit_code == 2  # the project names a baseline that does not exist yet
    assert run_cli("baseline", "create").exit_code == 0
    assert Path("gating/accepted.json").is_file() and not Path(BASELINE).exists()
    code, report = scan_json()
    assert code == 0
    assert report["baseline"]["file"] == "gating/accepted.json"  # relative: reports do not name the checkout
