"""expand_paths: files, directories (recursive, sorted), globs; nothing skipped without a reason."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.sources import SUPPORTED_EXTENSIONS, expand_inputs, expand_paths, open_tables
from compliance.sources.paths import format_of


@pytest.fixture
def tree(tmp_path):
    for name in ["b.csv", "a.JSON", "z/deep/c.parquet", "z/deep/notes.txt", "z/d.xlsx", "m/e.jsonl", "m/f.db",
                 "image.png", ".hidden.csv", ".git/config", "z/.cache/x.csv", "m/g.tsv", "m/h.sqlite3"]:  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return tmp_path


def rel(root, paths):
    return [os.path.relpath(p, root) for p in paths]


def test_directory_walk_is_recursive_sorted_and_reports_the_rest_as_skipped(tree):
    out = expand_inputs([str(tree)])
    assert rel(tree, out.files) == [
        "a.JSON", "b.csv", "m/e.jsonl", "m/f.db", "m/g.tsv", "m/h.sqlite3", "z/d.xlsx", "z/deep/c.parquet"
    ]  # fmt: skip
    assert out.rejected == []  # in a walk, nothing of this is an error
    kinds = {os.path.relpath(s.path, tree): s.kind for s in out.skipped}
    assert kinds == {
        "image.png": "unsupported", "z/deep/notes.txt": "unsupported",
        ".hidden.csv": "hidden", ".git": "hidden", "z/.cache": "hidden",
    }  # fmt: skip
    reasons = {os.path.relpath(s.path, tree): s.reason for s in out.skipped}
    assert reasons["image.png"].startswith("unsupported file type '.png'")
    assert reasons[".git"] == "hidden, not scanned"
    assert expand_inputs([str(tree)]) == out  # deterministic
    assert expand_paths([str(tree)]) == (out.files, [])


def test_exclude_names_and_path_patterns(tree, monkeypatch):
    monkeypatch.chdir(tree)
    out = expand_inputs(["."], exclude=["deep", "m/*.db", "*.tsv"])
    assert out.files == ["a.JSON", "b.csv", "m/e.jsonl", "m/h.sqlite3", "z/d.xlsx"]
    assert {s.path: s.reason for s in out.skipped if s.kind == "excluded"} == {
        "z/deep": "excluded by --exclude deep",
        "m/f.db": "excluded by --exclude m/*.db",
        "m/g.tsv": "excluded by --exclude *.tsv",
    }
    assert expand_inputs(["b.csv", "z"], exclude=["**/d.xlsx", "b.csv"]).files == ["z/deep/c.parquet"]


def test_a_walk_in_a_git_work_tree_skips_what_git_ignores(tree, monkeypatch):
    import subprocess

    monkeypatch.chdir(tree)
    (tree / ".gitignore").write_text("*.db\nz/deep/\n!keep.db\n", encoding="utf-8")
    (tree / "m" / "keep.db").write_text("x")
    (tree / "m" / ".gitignore").write_text("g.tsv\n", encoding="utf-8")  # nested rules apply too
    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    out = expand_inputs(["."])
    assert {s.path for s in out.skipped if s.kind == "ignored"} == {"m/f.db", "m/g.tsv", "z/deep"}
    assert "m/keep.db" in out.files and "m/f.db" not in out.files
    assert expand_inputs(["m/f.db"]).files == ["m/f.db"]  # named on the command line: scanned


def test_globs_files_and_missing_paths(tree):
    files, rejected = expand_paths(
        [str(tree / "m" / "*.json*"), str(tree / "**" / "*.parquet"), str(tree / "b.csv"), str(tree / "nope.csv"),
         str(tree / "*.nothing"), str(tree / "image.png"), str(tree / "b.csv")]
    )  # fmt: skip
    assert rel(tree, files) == ["m/e.jsonl", "z/deep/c.parquet", "b.csv"]  # duplicates once, in order
    assert [(os.path.relpath(p, tree), r.split(" (")[0]) for p, r in rejected] == [
        ("nope.csv", "no such file or directory"),
        ("*.nothing", "no files match this pattern"),
        ("image.png", "unsupported file type '.png'"),
    ]


def test_a_glob_matching_a_directory_walks_it(tree):
    files, _ = expand_paths([str(tree / "z*")])
    assert rel(tree, files) == ["z/d.xlsx", "z/deep/c.parquet"]


def test_supported_extensions_are_case_insensitive_and_dispatch(tree):
    assert format_of("A.CSV") == "csv" and format_of("x.ndjson") == "jsonl" and format_of("x.txt") is None
    assert set(SUPPORTED_EXTENSIONS.values()) == {"csv", "tsv", "json", "jsonl", "parquet", "xlsx", "sqlite"}
    (tree / "UP.CSV").write_text("a,b\n1,2\n")
    [table] = open_tables(str(tree / "UP.CSV"))
    assert table.format == "csv" and table.columns == ["a", "b"]


_PART = st.sampled_from(["a", "b", "数据", ".hid", "c d", "__MACOSX"])
_LEAF = st.sampled_from(["x.csv", "y.JSONL", "z.csv.gz", "k.zip", "README.md", "img.png", ".DS_Store", "n.txt"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=st.lists(st.tuples(st.lists(_PART, max_size=3), _LEAF), min_size=1, max_size=12))
def test_a_walk_accounts_for_every_file_exactly_once(tmp_path_factory, tree):
    """Every file under the walked folder is scanned or skipped, never both, never lost; nothing hidden
    or unsupported is scanned; the order is stable."""
    root = tmp_path_factory.mktemp("walk")
    made = set()
    for folders, leaf in tree:
        path = root.joinpath(*folders, leaf)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue
        made.add(str(path))
    made = {p for p in made if os.path.isfile(p)}
    out = expand_inputs([str(root)], exclude=["c d"])
    assert out.rejected == []
    covered = []
    for path in made:
        by = [s.path for s in out.skipped if path == s.path or path.startswith(s.path + os.sep)]
        covered.append((path in out.files) + len(by))
    assert covered == [1] * len(made)
    assert len(out.files) == len(set(out.files))
    for path in out.files:
        parts = os.path.relpath(path, root).split(os.sep)
        assert not any(p.startswith(".") for p in parts) and "c d" not in parts and format_of(path)
    assert expand_inputs([str(root)], exclude=["c d"]) == out
