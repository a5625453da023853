"""Symbolic link loops and duplicate paths (issue 8): each real file is scanned once, everywhere.

Before: ``data/**/*.csv`` under a folder holding a link back to itself matched one file 41 times
(once per level until the OS's link limit) and the report listed 41 assets for it.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.manifest import load_manifest
from compliance.sources import expand_paths
from compliance.sources.globbing import glob_paths

from .crash_support import assert_scanned, good_csv, json_report, run_in_process

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "third-party-no-separate-consent"


@pytest.fixture
def tree(tmp_path) -> Path:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    good_csv(data)
    good_csv(data / "sub", "nested.csv")
    os.symlink("..", data / "sub" / "up")  # a loop: data/sub/up/sub/up/...
    os.symlink(".", data / "self")  # a loop on the spot
    os.symlink("sub", data / "sub_again")  # a second way to the same folder
    os.symlink("good.csv", data / "z_alias.csv")  # a second name for the same file
    return tmp_path


def real_files(paths: list[str]) -> list[tuple[int, int]]:
    return [(os.stat(p).st_dev, os.stat(p).st_ino) for p in paths]


@pytest.mark.parametrize(
    "given",
    [
        ["data/**/*.csv"],
        ["data"],
        ["data/**"],
        ["data", "data/good.csv", "./data/sub/../good.csv", "data/z_alias.csv"],
        ["data/self/self/sub/up/good.csv", "data/good.csv"],
    ],
)
def test_each_real_file_is_expanded_once(tree, given, monkeypatch):
    monkeypatch.chdir(tree)
    files, rejected = expand_paths(given)
    assert len(real_files(files)) == len(set(real_files(files))), files
    names = sorted(os.path.basename(f) for f in files)
    if given[0].startswith("data/self"):
        assert names == ["good.csv"]
    else:
        assert names == ["good.csv", "nested.csv"], files
    assert not [r for r in rejected if "hidden" not in r[1]], rejected


def test_a_glob_through_a_link_loop_reports_each_file_once(tree):
    result = run_in_process(["scan", "--format", "json", "data/**/*.csv"], tree)
    assert "Traceback" not in result.stderr
    report = json_report(result.stdout)
    assert sorted(os.path.basename(a["source"]) for a in report["assets"]) == ["good.csv", "nested.csv"]
    assert_scanned(report, "good.csv")


def test_a_manifest_source_glob_through_a_link_loop_keeps_each_file_once(tree):
    shutil.copytree(EXAMPLE / "manifests", tree / "manifests")
    manifest = next((tree / "manifests").glob("*.yaml"))
    text = manifest.read_text(encoding="utf-8").replace("source: ../data/members.csv", "source: ../data/**/*.csv")
    manifest.write_text(text, encoding="utf-8")
    sources = load_manifest(manifest).source_paths()
    assert sorted(os.path.basename(s) for s in sources) == ["good.csv", "nested.csv"], sources
    result = run_in_process(["scan", "--format", "json", "--manifest", str(manifest)], tree)
    report = json_report(result.stdout)
    assert len(report["assets"]) == 2, [a["id"] for a in report["assets"]]


# --- without links, the loop-safe glob answers exactly what glob.glob answers -----------------------
# (one glob quirk is left out: for ``**/sub/**`` and a *file* named ``sub`` glob answers ``d/sub/``)
_names = st.sampled_from(["a", "b.csv", ".h", "c.json", "sub", "x.csv"])
_trees = st.lists(st.lists(_names, min_size=1, max_size=4), min_size=1, max_size=12)
_patterns = st.sampled_from(
    ["**", "**/*.csv", "d/**", "d/**/*.csv", "d/**/sub/*", "d/*/**/*.json", "d/**/.*", "d/**/b.csv"]
)


@given(tree=_trees, pattern=_patterns)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_glob_paths_agrees_with_glob_on_trees_without_links(tmp_path_factory, tree, pattern):
    root = tmp_path_factory.mktemp("tree")
    for parts in tree:
        folder = root.joinpath("d", *parts[:-1])
        if any(p.is_file() for p in [folder, *folder.parents] if p != root):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        leaf = folder / parts[-1]
        if not leaf.exists():
            leaf.write_text("x", encoding="utf-8")
    assert glob_paths(pattern, root_dir=root) == sorted(glob.glob(pattern, root_dir=root, recursive=True))
