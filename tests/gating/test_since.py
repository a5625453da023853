"""``--since GIT_REF``: only manifests and datasets changed since the ref are scanned, in a real git
repository with two commits; git problems are one clear line and exit 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli, run_compliance, write_dataset, write_text

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(repo: Path, *args: str) -> str:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(project: Path) -> Path:
    """The project committed, then a second commit that changes only the orders dataset."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first")
    write_dataset(project / "data" / "orders.csv", ["order_no", "phone", "amount"], rows=50)
    git(project, "commit", "-q", "-am", "more orders")
    return project


def scanned(result) -> list[str]:
    return [a["id"] for a in json.loads(result.stdout)["assets"]]


def test_since_scans_only_the_asset_whose_data_changed(repo):
    result = run_compliance(["scan", "--since", "HEAD~1", "--format", "json", "--no-timestamp"], repo)
    assert result.returncode == 1, result.stderr  # the orders asset has violations
    assert scanned(result) == ["shop/orders"]
    assert "--since HEAD~1: 1 of 2 manifests and datasets changed" in result.stderr
    full = run_compliance(["scan", "--format", "json", "--no-timestamp"], repo)
    assert scanned(full) == ["shop/customers", "shop/orders"]  # full scans stay the default


def test_changed_manifest_and_uncommitted_changes_count(repo):
    manifest = repo / "manifests" / "customers.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "owner: Data Office\n", encoding="utf-8")
    assert scanned(run_cli("scan", "--since", "HEAD", "--format", "json")) == ["shop/customers"]
    git(repo, "add", "manifests/customers.yaml")  # staged counts as well
    assert scanned(run_cli("scan", "--since", "HEAD", "--format", "json")) == ["shop/customers"]


def test_nothing_changed_scans_nothing_and_passes(repo):
    result = run_cli("scan", "--since", "HEAD", "--format", "json")
    assert result.exit_code == 0
    assert scanned(result) == []


def test_changed_configuration_scans_everything(repo):
    write_text(repo / "waivers.yaml", "[]\n")  # untracked, and given as --waivers
    result = run_cli("scan", "--since", "HEAD", "--waivers", "waivers.yaml", "--format", "json")
    assert scanned(result) == ["shop/customers", "shop/orders"]
    assert "configuration changed, scanning everything" in result.stderr


def test_since_with_dataset_paths(repo):
    result = run_cli("scan", "data", "--since", "HEAD~1", "--flow", "third_party", "--format", "json")
    assert scanned(result) == ["data/orders.csv"]


def test_outside_a_git_repository_is_exit_2(project):
    result = run_cli("scan", "--since", "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --since needs a git repository, and ")
    assert "is not inside one" in result.stderr


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~5"])
def test_unknown_ref_is_exit_2(repo, ref):
    result = run_cli("scan", "--since", ref)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --since: unknown git ref '{ref}'")


def test_ref_that_looks_like_an_option_is_refused(repo):
    result = run_cli("scan", "--since=--output=/tmp/x")
    assert result.exit_code == 2
    assert "is not a git ref" in result.stderr
