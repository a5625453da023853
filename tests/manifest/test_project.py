"""The project file ``compliance.yaml``: globs, pack references, thresholds, and every problem of the
project and of all its manifests reported together."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from compliance.errors import ManifestError
from compliance.manifest import find_project, load_project
from compliance.policy import load_pack

ROOT = Path(__file__).resolve().parents[2]


def manifest_text(asset_id: str, extra: str = "") -> str:
    return f"id: {asset_id}\nsource: ../data/{asset_id}.csv\n{extra}"


@pytest.fixture
def repo(tmp_path, write):
    """A repository with manifests in two folders and an organisation pack."""
    write("manifests/b.yaml", manifest_text("b"))
    write("manifests/a.yaml", manifest_text("a"))
    write("manifests/nested/c.yaml", manifest_text("c"))
    write("other/d.yml", manifest_text("d"))
    write("manifests/README.md", "not a manifest\n")
    (tmp_path / "packs").mkdir()
    shutil.copy(ROOT / "policies" / "examples" / "acme-finance.yaml", tmp_path / "packs" / "org.yaml")
    return tmp_path


def project_errors(path) -> list[str]:
    with pytest.raises(ManifestError) as info:
        load_project(path)
    return info.value.errors


def test_globs_expand_sorted_in_the_order_given(repo, write):
    write(
        "compliance.yaml",
        """
        pack: packs/org.yaml
        manifests:
          - other/*.yml
          - manifests/**/*.yaml
        fail_on: medium
        as_of: 2026-06-01
        """,
    )
    project = load_project(repo)
    assert [m.id for m in project.manifests] == ["d", "a", "b", "c"]
    assert [Path(m.path) for m in project.manifests] == [
        repo / "other" / "d.yml",
        repo / "manifests" / "a.yaml",
        repo / "manifests" / "b.yaml",
        repo / "manifests" / "nested" / "c.yaml",
    ]
    assert project.path == str(repo / "compliance.yaml")
    assert project.fail_on == "medium"
    assert project.as_of == datetime.date(2026, 6, 1)
    # the relative pack path is resolved against the project file, and loads from anywhere
    assert Path(project.pack) == repo / "packs" / "org.yaml"
    assert load_pack(project.pack).id == "acme-finance"
    # manifest sources stay relative to each manifest's own folder
    assert project.manifests[1].source_paths() == [str(repo / "data" / "a.csv")]


def test_a_file_matched_twice_is_loaded_once(repo, write):
    write("compliance.yaml", "manifests: [manifests/a.yaml, 'manifests/*.yaml']\n")
    project = load_project(repo / "compliance.yaml")
    assert [m.id for m in project.manifests] == ["a", "b"]


def test_builtin_pack_default_pack_and_quoted_date(repo, write):
    write("compliance.yaml", "pack: cn-data-circulation-2025\nmanifests: [manifests/a.yaml]\nas_of: '2025-01-31'\n")
    project = load_project(repo)
    assert project.pack == "cn-data-circulation-2025"
    assert project.as_of == datetime.date(2025, 1, 31)
    write("compliance.yaml", "manifests: [manifests/a.yaml]\n")
    project = load_project(repo)
    assert (project.pack, project.fail_on, project.as_of) == (None, None, None)


def test_the_project_file_and_its_pack_are_never_manifests(repo, write):
    write("compliance.yaml", "pack: packs/org.yaml\nmanifests: ['**/*.yaml']\n")
    project = load_project(repo)
    assert [m.id for m in project.manifests] == ["a", "b", "c"]


def test_glob_matching_nothing_is_an_error_on_its_line(repo, write):
    text = "manifests:\n  - manifests/*.yaml\n  - missing/*.yaml\n  - nope.yaml\n  - manifests\n"
    path = write("compliance.yaml", text)
    errors = project_errors(repo)
    assert errors[0].startswith(f"{path}:3: $.manifests[1]: no manifest file matches 'missing/*.yaml'")
    assert errors[1].startswith(f"{path}:4: $.manifests[2]: manifest file 'nope.yaml' not found")
    assert errors[2].startswith(f"{path}:5: $.manifests[3]: 'manifests' is a folder; use a glob such as")
    assert len(errors) == 3


def test_duplicate_manifest_ids_name_both_files(repo, write):
    write("more/again.yaml", "title: copy\n" + manifest_text("a"))
    write("compliance.yaml", "manifests: [manifests/*.yaml, more/*.yaml]\n")
    [error] = project_errors(repo)
    first, second = repo / "manifests" / "a.yaml", repo / "more" / "again.yaml"
    assert error == f"{second}:2: $.id: duplicate manifest id 'a' (also in {first}:1)"


def test_every_manifest_problem_is_collected(repo, write):
    write("manifests/a.yaml", "id: a\nsource: x.csv\nstate: cooked\n")
    write("manifests/b.yaml", "source: x.csv\n")
    path = write("compliance.yaml", "pack: packs/missing.yaml\nmanifests: [manifests/*.yaml, other/*.yml]\n")
    errors = project_errors(repo)
    assert errors == [
        f"{path}:1: $.pack: pack file 'packs/missing.yaml' not found (paths are relative to the project file)",
        f"{repo / 'manifests' / 'a.yaml'}:3: $.state: 'cooked' is not one of ['raw', 'deidentified', 'anonymized']",
        f"{repo / 'manifests' / 'b.yaml'}:1: $: 'id' is a required property",
    ]


def test_unknown_builtin_pack_name(repo, write):
    path = write("compliance.yaml", "pack: no-such-pack\nmanifests: [manifests/a.yaml]\n")
    [error] = project_errors(repo)
    assert error.startswith(f"{path}:1: $.pack: unknown policy pack 'no-such-pack' (built-in packs: ")


def test_project_schema_errors(repo, write):
    path = write("compliance.yaml", "manifests: []\nfail_on: severe\nmanifest: [x]\nas_of: '2025-02-30'\n")
    errors = project_errors(repo)
    assert errors[0] == f"{path}:1: $.manifests: [] should be non-empty"
    assert errors[1].startswith(f"{path}:2: $.fail_on: 'severe' is not one of ['critical', 'high'")
    assert errors[2].startswith(f"{path}:3: $.manifest: unknown field 'manifest' (did you mean 'manifests'?)")
    assert errors[3] == f"{path}:4: $.as_of: invalid date '2025-02-30' (day is out of range for month)"
    # unquoted, YAML itself cannot build the date: reported alone, like any YAML syntax error
    path = write("compliance.yaml", "manifests: []\nas_of: 2025-02-30\n")
    assert project_errors(repo) == [f"{path}:2: $.as_of: invalid date '2025-02-30' (day is out of range for month)"]


def test_project_without_manifests_key(repo, write):
    path = write("compliance.yaml", "pack: cn-data-circulation-2025\n")
    assert project_errors(repo) == [f"{path}:1: $: 'manifests' is a required property"]


def test_directory_without_project_file(tmp_path):
    with pytest.raises(ManifestError, match=r"no compliance\.yaml in this directory"):
        load_project(tmp_path)


def test_pack_given_to_the_loader_checks_every_manifest(repo, write):
    write("manifests/a.yaml", manifest_text("a", "declared_level: secret\n"))
    write("compliance.yaml", "manifests: [manifests/*.yaml]\n")
    assert load_project(repo).manifests[0].declared_level == "secret"  # no pack: no level check
    with pytest.raises(ManifestError) as info:
        load_project(repo, pack=load_pack())
    [error] = info.value.errors
    assert error.startswith(f"{repo / 'manifests' / 'a.yaml'}:3: $.declared_level: unknown level 'secret'")


def test_find_project_looks_in_that_directory_only(repo, write):
    assert find_project(repo) is None
    write("compliance.yaml", "manifests: [manifests/a.yaml]\n")
    assert find_project(repo) == repo / "compliance.yaml"
    assert find_project(repo / "manifests") is None  # no walking up
    (repo / "dir" / "compliance.yaml").mkdir(parents=True)
    assert find_project(repo / "dir") is None  # a directory of that name is not a project file
