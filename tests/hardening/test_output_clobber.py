"""``-o`` naming a file the run reads (issue 8): refused, one line, exit 2, before anything is read.

A report or baseline written over a dataset, the pack, a manifest, the project file, a baseline or a
waiver file destroys it. Every case also passes a FIFO as a dataset: had the scan started, the FIFO
would add an error line of its own, so a single line proves the refusal came first. The target is
compared by identity (``samefile``): another spelling or a symbolic link is the same file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from compliance.resources import builtin_pack_paths

from .crash_support import assert_clean_failure, good_csv, run_in_process

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "third-party-no-separate-consent"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root)
    good_csv(root)
    (root / "data" / "more").mkdir()
    good_csv(root / "data" / "more", "found.csv")
    shutil.copy(next(iter(builtin_pack_paths().values())), root / "pack.yaml")
    (root / "waivers.yaml").write_text("version: 1\nwaivers: []\n", encoding="utf-8")
    (root / "baseline.json").write_text('{"version": 2, "entries": []}\n', encoding="utf-8")
    os.mkfifo(root / "pipe.csv")
    os.symlink("good.csv", root / "link-to-good.csv")
    return root


def manifest_and_source(root: Path) -> tuple[str, str]:
    manifest = sorted((root / "manifests").glob("*.yaml"))[0]
    source = next(p for p in sorted((root / "data").iterdir()) if p.is_file())
    return str(manifest.relative_to(root)), str(source.relative_to(root))


def _refused(root: Path, args: list[str], target: str) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}
    result = run_in_process(args, root)
    lines = assert_clean_failure(result.exit_code, result.stderr, target)
    assert len(lines) == 1, lines  # the FIFO among the inputs was never reached: nothing was scanned
    assert "is also an input of this run" in lines[0]
    assert result.stdout == ""
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before


CASES = {
    "the dataset": (["scan", "good.csv", "pipe.csv"], "good.csv"),
    "the dataset, spelled otherwise": (["scan", "good.csv", "pipe.csv"], "./data/../good.csv"),
    "the dataset, through a link": (["scan", "good.csv", "pipe.csv"], "link-to-good.csv"),
    "a dataset found in a directory": (["scan", "data", "pipe.csv"], "data/more/found.csv"),
    "a dataset matched by a glob": (["scan", "data/**/*.csv", "pipe.csv"], "data/more/found.csv"),
    "the pack file": (["scan", "good.csv", "pipe.csv", "--pack", "pack.yaml"], "pack.yaml"),
    "the waiver file": (["scan", "good.csv", "pipe.csv", "--waivers", "waivers.yaml"], "waivers.yaml"),
    "the baseline": (["scan", "good.csv", "pipe.csv", "--baseline", "baseline.json"], "baseline.json"),
    "the project file": (["scan", "pipe.csv", "--project", "compliance.yaml"], "compliance.yaml"),
    "the project file, found": (["scan"], "compliance.yaml"),
    "baseline create over the dataset": (["baseline", "create", "good.csv", "pipe.csv"], "good.csv"),
    "baseline create over the pack": (["baseline", "create", "pipe.csv", "--pack", "pack.yaml"], "pack.yaml"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_over_an_input_is_refused(project, case):
    args, target = CASES[case]
    _refused(project, [*args, "-o", target], target)


def test_output_over_a_manifest_or_its_source_is_refused(project):
    manifest, source = manifest_and_source(project)
    _refused(project, ["scan", "pipe.csv", "--manifest", manifest, "-o", manifest], manifest)
    _refused(project, ["scan", "pipe.csv", "--manifest", manifest, "-o", source], source)
    _refused(project, ["scan", "-o", manifest], manifest)  # the project's manifest
    _refused(project, ["scan", "-o", source], source)  # and its source


def test_output_to_a_new_file_beside_the_inputs_is_written(project):
    result = run_in_process(["scan", "good.csv", "-o", "report.txt"], project)
    assert result.exit_code in (0, 1), result.stderr
    assert "good.csv" in (project / "report.txt").read_text(encoding="utf-8")
