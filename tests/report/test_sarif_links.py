"""SARIF links and locations on real scans (issue 12, Outputs): the project's repository as
``informationUri``, each built-in rule's page in ``docs/rules/`` as ``helpUri`` (pages generated from the
packs and shipped up to date), the column as a logical location, the manifest as the location of a
violation whose fix belongs there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

import compliance
from compliance.policy.docs import LANGS, documented_rules, pages, stale
from compliance.resources import builtin_pack_paths

from .conftest import sarif_validator

ROOT = Path(__file__).resolve().parents[2]
RULE_PAGES = ROOT / "docs" / "rules"
EXAMPLE = ROOT / "examples" / "third-party-no-separate-consent"


def installed(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    command = [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]
    env = dict(os.environ, CI="true")
    parent = str(Path(compliance.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (parent, env.get("PYTHONPATH", "")) if p)
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_shipped_rule_pages_are_what_the_packs_generate():
    """Fails when a rule of a built-in pack changed and `compliance policy docs` was not re-run."""
    assert stale(RULE_PAGES) == [], "run `compliance policy docs` and commit docs/rules/"
    rules = documented_rules()
    defined = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in builtin_pack_paths().values()]
    every = {rule["id"] for pack in defined for rule in pack.get("rules") or []}
    assert every <= rules.keys()  # every rule a built-in pack defines has its pages
    assert len(pages()) == len(rules) * len(LANGS) + len(LANGS)  # one page per rule and language, an index each


def test_each_page_is_in_its_language_and_links_the_other():
    for rule_id, (rule, _) in documented_rules().items():
        for lang, other in (("en", "zh"), ("zh", "en")):
            text = (RULE_PAGES / lang / f"{rule_id}.md").read_text(encoding="utf-8")
            assert text.startswith(f"# {rule_id}: {rule.title.get(lang)}\n")
            assert rule.remediation.get(lang).strip() in text
            assert f"(../{other}/{rule_id}.md)" in text
        assert f"[{rule_id}]({rule_id}.md)" in (RULE_PAGES / "zh" / "README.md").read_text(encoding="utf-8")


def test_policy_docs_check_names_stale_missing_and_orphan_pages(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULE_PAGES, folder)
    assert installed(["policy", "docs", "--check", "--out", str(folder)], tmp_path).returncode == 0
    (folder / "en" / "DCS-CL-001.md").write_text("# hand-edited\n", encoding="utf-8")
    (folder / "zh" / "DCS-PI-001.md").unlink()
    (folder / "en" / "DCS-OLD-999.md").write_text("# a rule that is gone\n", encoding="utf-8")
    checked = installed(["policy", "docs", "--check", "--out", str(folder)], tmp_path)
    assert checked.returncode == 1
    named = sorted("/".join(Path(line.split(": out of date")[0]).parts[-2:]) for line in checked.stderr.splitlines())
    assert named == ["en/DCS-CL-001.md", "en/DCS-OLD-999.md", "zh/DCS-PI-001.md"]
    fixed = installed(["policy", "docs", "--out", str(folder)], tmp_path)
    assert fixed.returncode == 0 and "3 page(s) written or removed" in fixed.stdout
    assert not (folder / "en" / "DCS-OLD-999.md").exists()
    module = subprocess.run(
        [sys.executable, "-m", "compliance.policy.docs", "--check", str(folder)], capture_output=True, text=True
    )
    assert module.returncode == 0, module.stderr


@pytest.fixture
def example(tmp_path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_real_scan_links_rules_to_their_pages_and_locates_manifest_fixes(example, lang):
    args = ["scan", "--format", "sarif", "--lang", lang, "--as-of", "2026-01-01", "--no-timestamp"]
    result = installed(args, example)
    assert result.returncode == 1, result.stderr  # the example fails the gate
    log = json.loads(result.stdout)
    sarif_validator().validate(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/dataflow-compliance/dataflow-compliance"
    for rule in driver["rules"]:
        prefix = f"{driver['informationUri']}/blob/main/docs/rules/{lang}/"
        assert rule["helpUri"] == f"{prefix}{rule['id']}.md"
        assert (RULE_PAGES / lang / f"{rule['id']}.md").is_file(), "every helpUri names a shipped page"
    manifest = "manifests/members.yaml"
    located = {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]}
    assert manifest in located, "a violation whose fix is evidence to declare is located at the manifest"
    for r in run["results"]:
        (where,) = r["locations"]
        uri = unquote(where["physicalLocation"]["artifactLocation"]["uri"])
        column = r["properties"]["column"]
        if r["properties"]["missing"] or column is None:
            assert uri == manifest
            (data,) = r["relatedLocations"]
            assert unquote(data["physicalLocation"]["artifactLocation"]["uri"]) == "data/members.csv"
        else:
            assert uri == "data/members.csv"
        if column is not None:  # the column is a logical location (a member of the table)
            assert where["logicalLocations"][-1] == {
                "name": column,
                "fullyQualifiedName": f"{r['properties']['asset']}::{column}",
                "kind": "member",
            }
