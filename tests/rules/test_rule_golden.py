"""Golden cases for every rule of the default pack, run end to end (manifest -> scan -> evaluation).

Each folder ``tests/rules/<RULE_ID>/<case>/`` holds a ``manifest.yaml`` (its ``source`` a tiny dataset,
``data.csv`` beside it or a shared one in ``_data/``) and an ``expected.yaml``::

    rule: DCS-PI-003
    violated: true            # the rule reports at least one violation for this asset
    applies: true             # optional: the rule's `when` holds (for a flow rule: for some flow)
    flows: [courier]          # optional: exactly these flows violate it
    columns: [银行卡号]        # optional: exactly these columns ([] = violations name no column)
    missing: [flow.pia_ref]   # optional: exactly this evidence is reported missing
    note: "why"

A case that needs the processor's facts (``processor: {ciio, exported_this_year}``, the cross-border
route) adds a project file ``compliance.yaml`` naming ``manifest.yaml``; it is loaded with the real
project loader and its ``processor`` passed to the evaluation.

Case names start with ``fail-`` (violated) or ``pass-`` (satisfied). A satisfied case with
``applies: true`` shows the requirement being met, not the rule being skipped. Every enabled rule of
the default pack needs at least one case of each kind, so a new rule without cases fails CI.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from compliance.evaluate.conditions import holds
from compliance.evaluate.engine import Context, rule_views
from compliance.manifest import Manifest, load_manifest, load_project
from compliance.policy import Pack, load_pack
from compliance.report.model import AssetReport
from compliance.run import manifests_report
from compliance.scanner import ScanOptions

HERE = Path(__file__).resolve().parent
AS_OF = datetime.date(2026, 1, 1)
REQUIRED_KEYS = {"rule", "violated", "note"}
OPTIONAL_KEYS = {"applies", "flows", "columns", "missing"}
CASES = sorted(HERE.glob("*/*/expected.yaml"))


def _case_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"


@cache
def _pack() -> Pack:
    return load_pack()


def _expected(path: Path) -> dict[str, Any]:
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(expected, dict), f"{path}: not a mapping"
    keys = set(expected)
    assert REQUIRED_KEYS <= keys <= REQUIRED_KEYS | OPTIONAL_KEYS, f"{path}: keys {sorted(keys)}"
    assert isinstance(expected["violated"], bool), f"{path}: violated must be true or false"
    assert str(expected["note"]).strip(), f"{path}: note is empty"
    return expected


def _evaluate(folder: Path) -> tuple[Manifest, AssetReport, dict | None]:
    pack = _pack()
    manifest = load_manifest(folder / "manifest.yaml", pack)
    project = load_project(folder, pack=pack) if (folder / "compliance.yaml").is_file() else None
    processor = project.processor if project else None
    report = manifests_report([manifest], pack, ScanOptions(as_of=AS_OF), processor=processor)
    (asset,) = report.assets
    assert asset.scan.error is None, asset.scan.error
    return manifest, asset, processor


def _applies(rule_id: str, manifest: Manifest, asset: AssetReport, processor: dict | None) -> bool:
    """Whether the rule's ``when`` holds, read with the real evaluator over the scanned facts."""
    pack = _pack()
    rule = pack.rule(rule_id)
    facts, views = rule_views(pack, asset.scan, manifest, None, processor, AS_OF)
    context = Context(pack.level_order)
    if rule.scope != "flow":
        return holds(rule.when, facts, context)
    return any(holds(rule.when, view, context) for _, view, _ in views)


@pytest.mark.parametrize("path", CASES, ids=[_case_id(p) for p in CASES])
def test_rule_case(path: Path) -> None:
    expected = _expected(path)
    rule_id, folder = expected["rule"], path.parent
    assert folder.parent.name == rule_id, f"{path}: rule {rule_id} filed under {folder.parent.name}"
    assert folder.name.startswith("fail-" if expected["violated"] else "pass-"), folder.name
    rule = _pack().rule(rule_id)
    assert rule is not None and rule.enabled, f"{rule_id} is not an enabled rule of the default pack"

    manifest, asset, processor = _evaluate(folder)
    assert rule_id in asset.evaluated_rules
    found = [v for v in asset.violations if v.rule == rule_id]
    assert bool(found) is expected["violated"], [v.message for v in found] or "no violation"

    if "applies" in expected:
        assert _applies(rule_id, manifest, asset, processor) is expected["applies"]
    elif expected["violated"]:
        assert _applies(rule_id, manifest, asset, processor)
    if "flows" in expected:
        assert sorted({v.flow for v in found}) == sorted(expected["flows"])
    if "columns" in expected:
        assert sorted({v.column for v in found if v.column is not None}) == sorted(expected["columns"])
        assert all(v.column is not None for v in found) == bool(expected["columns"])
    if "missing" in expected:
        assert sorted({fact for v in found for fact in v.missing}) == sorted(expected["missing"])


def test_every_enabled_rule_has_a_violated_and_a_satisfied_case() -> None:
    verdicts: dict[str, set[bool]] = {}
    for path in CASES:
        expected = _expected(path)
        verdicts.setdefault(expected["rule"], set()).add(expected["violated"])
    enabled = {rule.id for rule in _pack().enabled_rules}
    lacking = {
        rule_id: sorted(verdicts.get(rule_id, set())) for rule_id in enabled if verdicts.get(rule_id) != {True, False}
    }
    assert not lacking, f"rules without both a fail- and a pass- case (rule: verdicts present): {lacking}"
    assert set(verdicts) <= enabled, f"cases for unknown or disabled rules: {sorted(set(verdicts) - enabled)}"


def test_every_case_folder_is_complete() -> None:
    """A folder without expected.yaml would be skipped silently by the discovery above."""
    folders = [p for p in HERE.glob("*/*") if p.is_dir() and not p.parent.name.startswith("_")]
    assert folders, "no case folders found"
    incomplete = [
        f"{f.parent.name}/{f.name}"
        for f in folders
        if not (f / "expected.yaml").is_file() or not (f / "manifest.yaml").is_file()
    ]
    assert not incomplete, incomplete
