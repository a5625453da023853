"""The pre-commit hook definition runs as pre-commit would run it; the CI examples do what the README says."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from .conftest import AS_OF, REPO, run_compliance


def hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "dataflow-compliance"]
    return found


def test_hook_definition_is_what_pre_commit_needs():
    definition = hook()
    assert definition["language"] == "python"
    assert definition["pass_filenames"] is False
    assert shlex.split(definition["entry"])[:2] == ["compliance", "scan"]
    files = re.compile(definition["files"])
    for path in ("compliance.yaml", "manifests/shop/customers.yaml", "data/customers.csv", "exports/x.parquet"):
        assert files.search(path), path
    for path in ("README.md", "src/app.py", "docs/manifests.txt"):
        assert not files.search(path), path


def test_hook_entry_gates_a_sample_repository(project: Path):
    """pre-commit runs ``entry`` (plus ``args``, no file names) from the repository root."""
    entry = shlex.split(hook()["entry"])
    assert entry[0] == "compliance"
    command = entry[1:]  # the console script is resolved by compliance_command()
    failing = run_compliance(command, project)
    assert failing.returncode == 1, failing.stderr
    assert "FAIL" in failing.stdout

    (project / "compliance.yaml").write_text(
        f"manifests: ['manifests/*.yaml']\nas_of: {AS_OF}\nbaseline: .compliance-baseline.json\n", encoding="utf-8"
    )
    created = run_compliance(["baseline", "create"], project)
    assert created.returncode == 0, created.stderr
    passing = run_compliance(command, project)
    assert passing.returncode == 0, passing.stderr
    assert "suppressed:" in passing.stdout and "PASS" in passing.stdout


def _steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_github_actions_example_uploads_sarif_even_when_the_gate_fails():
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = _steps(workflow)
    runs = [s.get("run", "") for s in steps]
    assert any("pip install" in r for r in runs)
    scan = next(r for r in runs if r.startswith("compliance scan"))
    args = shlex.split(scan)
    assert args[args.index("--format") + 1] == "sarif"
    output = args[args.index("-o") + 1]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] == output
    assert workflow["permissions"]["security-events"] == "write"


def test_gitlab_example_keeps_a_junit_report_artifact():
    config = yaml.safe_load((REPO / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["data-compliance"]
    scan = next(line for line in job["script"] if line.startswith("compliance scan"))
    args = shlex.split(scan)
    assert args[args.index("--format") + 1] == "junit"
    assert job["artifacts"]["reports"]["junit"] == args[args.index("-o") + 1]
    assert job["artifacts"]["when"] == "always"


def test_readme_use_in_ci_section_shows_both_pipelines_and_the_hook():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in CI", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        "id: dataflow-compliance",
        "compliance baseline create",
        "--waivers",
        "--since",
        "--soft-fail",
    ):
        assert needle in section, needle
