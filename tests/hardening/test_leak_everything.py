"""THE leak test (issue 8 acceptance): every command, every format, nothing raw in any output.

Inputs whose folder and file names, CSV headers, JSON keys, xlsx sheet names, SQLite table and column
names, Parquet field names and cell values are all personal data (``leak_support.build``). Every
command that reads them runs in process: ``scan`` in each format to stdout and to ``-o`` files,
``scan --manifest``, ``baseline create`` and a scan with that baseline, a waiver file written with
the raw asset id and column (listed when expired, applied while active), pack, manifest, waiver and
baseline validation errors, and unreadable inputs. No raw value, nor its digits-only or lower-case
form, may appear in stdout, stderr or any file the tool wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.report.formats import FORMATS

from ..gating.conftest import run_cli
from . import leak_support as support

FLOW = ("--flow", "third_party")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> support.Inputs:
    return support.build(tmp_path_factory.mktemp("leak"))


@pytest.fixture
def at_root(inputs, monkeypatch):
    monkeypatch.chdir(inputs.root)
    return inputs


def assert_no_leak(inputs: support.Inputs, result, before: dict, what: str) -> None:
    """stdout, stderr and every file the tool wrote are free of the raw values."""
    outputs = {"stdout": result.stdout, "stderr": result.stderr}
    for path in support.new_or_changed(inputs, before):
        outputs[str(path.relative_to(inputs.root))] = path.read_text(encoding="utf-8", errors="replace")
    for name, text in outputs.items():
        leaked = inputs.leaks.found_in(text)
        assert not leaked, f"{what}: {name} holds raw values {leaked[:3]}:\n{text[:3000]}"
    assert "Traceback" not in result.stderr, result.stderr


def run(inputs, *args: str):
    before = support.snapshot(inputs.root)
    result = run_cli(*args)
    assert_no_leak(inputs, result, before, " ".join(args))
    return result


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_scan_every_format_to_stdout(at_root, fmt):
    result = run(at_root, "scan", at_root.data.name, "broken", *FLOW, "--format", fmt, "--as-of", support.AS_OF)
    assert result.exit_code == 2  # the broken inputs are errors; the others are still reported
    assert result.stdout.strip()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_scan_every_format_to_a_file(at_root, fmt):
    target = Path("out") / f"report.{fmt}"
    target.parent.mkdir(exist_ok=True)
    result = run(at_root, "scan", at_root.data.name, *FLOW, "--format", fmt, "-o", str(target), "--no-timestamp")
    assert result.exit_code == 1, result.stderr
    assert target.stat().st_size > 0


def test_every_name_is_masked_and_flagged_in_json(at_root):
    result = run(at_root, "scan", at_root.data.name, *FLOW, "--format", "json", "--no-timestamp")
    report = json.loads(result.stdout)
    assets = report["assets"]
    assert len(assets) == 5 and all(a["name_masked"] for a in assets)  # every file is named by a value
    flagged = [c["name"] for a in assets for c in a["columns"] if c.get("name_masked")]
    assert len(flagged) == 8  # 4 CSV headers, 1 JSON key path, 1 sheet header, 1 SQLite column, 1 field
    assert {"备注", "电话", "证件", "phone", "id"} & {c["name"] for a in assets for c in a["columns"]}
    assert all("*" in name for name in flagged)


def test_scan_with_a_manifest(at_root):
    manifests = at_root.root / "manifests"
    manifests.mkdir(exist_ok=True)
    source = f"../{at_root.asset_raw}"
    manifest = manifests / f"{support.resident_id(7)}.yaml"
    at_root.leaks.add(manifest.stem)
    manifest.write_text(
        f"id: shop/{at_root.leaks.add(support.mobile(7))}\nsource: {source}\ndeclared_level: general-2\n"
        "flows:\n  - id: partner\n    recipient_type: third_party\n",
        encoding="utf-8",
    )
    for fmt in ("text", "json", "markdown"):
        result = run(at_root, "scan", "--manifest", str(manifest.relative_to(at_root.root)), "--format", fmt)
        assert result.exit_code == 1, result.stderr


def test_baseline_create_then_scan_with_baseline_and_waivers(at_root):
    result = run(at_root, "baseline", "create", at_root.data.name, *FLOW, "-o", "accepted.json")
    assert result.exit_code == 0, result.stderr
    entries = json.loads(Path("accepted.json").read_text(encoding="utf-8"))["entries"]
    assert entries and any("*" in e["asset"] for e in entries)
    Path("waivers.yaml").write_text(
        f"- rule: DCS-CL-002\n  asset: {at_root.asset_raw}\n  column: '{at_root.header_raw}'\n"
        "  justification: reviewed\n  approver: DPO\n  expires: 2026-01-31\n"
        f"- rule: DCS-CL-002\n  asset: {at_root.asset_raw}\n  justification: reviewed\n  approver: DPO\n"
        "  expires: 2026-12-31\n",
        encoding="utf-8",
    )
    for fmt in sorted(FORMATS):
        result = run(
            at_root,
            "scan",
            at_root.data.name,
            *FLOW,
            "--baseline",
            "accepted.json",
            "--waivers",
            "waivers.yaml",
            "--as-of",
            support.AS_OF,
            "--format",
            fmt,
        )
        assert result.exit_code in (0, 1), result.stderr
    report = json.loads(
        run(
            at_root,
            "scan",
            at_root.data.name,
            *FLOW,
            "--waivers",
            "waivers.yaml",
            "--as-of",
            support.AS_OF,
            "--format",
            "json",
        ).stdout
    )
    assert len(report["waivers"]["expired"]) == 1  # listed, masked
    assert report["summary"]["suppressed"]["waiver"] >= 1  # the raw-id waiver still applies


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_anonymity_check(at_root, fmt):
    csv_file = at_root.asset_raw
    for extra in ([], ["--qi", f"备注,{at_root.header_raw}"]):
        result = run(at_root, "anonymity", "check", csv_file, "--format", fmt, *extra)
        assert result.exit_code in (0, 1), result.stderr


@pytest.mark.parametrize(
    ("command", "file", "text"),
    [
        ("pack", "bad-pack.yaml", "id: p\nversion: '1'\nlevels: ['{v}']\nrules: [{{id: '{v}', severity: '{v}'}}]\n"),
        ("manifest", "bad-manifest.yaml", "id: a\nsource: x.csv\nflows:\n  - id: f\n    recipient_type: '{v}'\n"),
        ("waivers", "bad-waivers.yaml", "- rule: DCS-CL-002\n  asset: '{v}'\n  expires: '{v}'\n  x{v}: 1\n"),
        ("baseline", "bad-baseline.json", '{{"version": 2, "entries": [{{"fingerprint": "{v}", "{v}": 1}}]}}\n'),
    ],
)
def test_validation_errors_quote_no_raw_value(at_root, command, file, text):
    value = at_root.leaks.add(support.mobile(8))
    Path(file).write_text(text.format(v=value), encoding="utf-8")
    args = {
        "pack": ["policy", "validate", file],
        "manifest": ["scan", "--manifest", file],
        "waivers": ["scan", at_root.data.name, "--waivers", file],
        "baseline": ["scan", at_root.data.name, "--baseline", file],
    }[command]
    result = run(at_root, *args)
    assert result.exit_code == 2 and "error:" in result.stderr, result.stderr
