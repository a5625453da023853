"""The distribution ships every package, the policy packs and the schemas; the CLI works from anywhere."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import compliance
from compliance.resources import builtin_pack_paths, data_dir

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = os.environ.get("COMPLIANCE_TEST_INSTALLED") == "1"


def test_every_package_is_listed_in_setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "compliance").rglob("__init__.py")}
    assert on_disk <= listed, f"add to setup.cfg [options] packages: {sorted(on_disk - listed)}"


def test_packs_and_schemas_are_found():
    assert "cn-data-circulation-2025" in builtin_pack_paths()
    for schema in (
        "policy-pack.schema.json",
        "report.schema.json",
        "asset-manifest.schema.json",
        "project.schema.json",
    ):
        assert (data_dir("schemas") / schema).is_file()


@pytest.mark.skipif(not INSTALLED, reason="only meaningful against a non-editable install (CI)")
def test_tests_run_against_the_installed_distribution():
    package_dir = Path(compliance.__file__).resolve().parent
    assert ROOT not in package_dir.parents, f"compliance imported from the checkout: {package_dir}"
    assert (package_dir / "policies" / "cn-data-circulation-2025.yaml").is_file()
    assert (package_dir / "schemas" / "policy-pack.schema.json").is_file()


@pytest.mark.skipif(not INSTALLED, reason="needs the installed console script")
def test_console_script_validates_builtin_pack_from_any_directory(tmp_path):
    exe = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    pack = Path(compliance.__file__).resolve().parent / "policies" / "cn-data-circulation-2025.yaml"
    done = subprocess.run([exe, "policy", "validate", str(pack)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ok (cn-data-circulation-2025" in done.stdout
    listed = subprocess.run([exe, "policy", "list"], cwd=tmp_path, capture_output=True, text=True)
    assert "cn-data-circulation-2025" in listed.stdout
