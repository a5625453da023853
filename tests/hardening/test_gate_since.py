"""``--since REF`` rescans everything when a file that changes every result changed (issue 8, the
gate): the pack, any pack it extends (the whole ``extends`` chain of file packs), the project file,
the baseline, the waiver file. Regression: a change in an extended pack scanned nothing and exited 0."""

from __future__ import annotations

import pytest

from .gate_support import AS_OF, git, git_repo, project, run_cli, scan_json, write_text

__all__ = ["project"]

CHANGED = "configuration changed, scanning everything"
BOTH = ["shop/customers", "shop/orders"]


def pack(name: str, extends: str, rule: str, severity: str) -> str:
    return (
        f"id: {name}\nversion: '1.0.0'\ntitle: {{en: {name}, zh: {name}}}\nextends: {extends}\n"
        f"overrides:\n  - rule: {rule}\n    severity: {severity}\n"
    )


@pytest.fixture
def chained(project):
    """The project's pack is packs/team.yaml → packs/base/base.yaml → shared.yaml → the built-in pack."""
    write_text(project / "packs" / "team.yaml", pack("team", "base/base.yaml", "DCS-GOV-001", "low"))
    write_text(project / "packs" / "base" / "base.yaml", pack("base", "../../shared.yaml", "DCS-CL-002", "medium"))
    write_text(project / "shared.yaml", pack("shared", "cn-data-circulation-2025", "DCS-PI-007", "medium"))
    write_text(project / "waivers.yaml", "[]\n")
    write_text(
        project / "compliance.yaml",
        f"manifests: ['manifests/*.yaml']\nas_of: {AS_OF}\npack: packs/team.yaml\n"
        "baseline: .compliance-baseline.json\nwaivers: waivers.yaml\n",
    )
    assert run_cli("baseline", "create").exit_code == 0  # under the team pack
    return git_repo(project)


def ids(report: dict) -> list[str]:
    return [a["id"] for a in report["assets"]]


@pytest.mark.parametrize("changed", ["packs/base/base.yaml", "shared.yaml"], ids=["base", "base-of-base"])
def test_change_in_an_extended_pack_rescans_everything(chained, changed):
    path = chained / changed
    path.write_text(path.read_text(encoding="utf-8").replace("severity: medium", "severity: critical"), "utf-8")
    git(chained, "commit", "-q", "-am", "stricter base")
    code, report, stderr = scan_json("--since", "HEAD~1")
    assert CHANGED in stderr
    assert ids(report) == BOTH
    assert code == 1  # the raised severity makes the accepted entries stale: the gate fails
    assert {e["reason"] for e in report["baseline"]["stale"]} == {"severity changed (medium → critical)"}


@pytest.mark.parametrize(
    ("changed", "edit"),
    [
        ("packs/team.yaml", lambda t: t.replace("version: '1.0.0'", "version: '1.0.1'")),
        ("compliance.yaml", lambda t: t + "fail_on: high\n"),
        ("waivers.yaml", lambda t: "# reviewed\n" + t),
        (".compliance-baseline.json", lambda t: t.replace('"tool"', '"tool" ', 1)),
    ],
    ids=["pack", "project", "waivers", "baseline"],
)
def test_change_in_the_configuration_rescans_everything(chained, changed, edit):
    path = chained / changed
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # uncommitted counts too
    code, report, stderr = scan_json("--since", "HEAD")
    assert CHANGED in stderr, stderr
    assert ids(report) == BOTH
    assert code == 0  # everything scanned, everything still accepted


def test_unrelated_change_scans_nothing_and_says_so(chained):
    write_text(chained / "README.md", "notes\n")
    code, report, stderr = scan_json("--since", "HEAD")
    assert ids(report) == [] and code == 0
    assert "0 of 2 manifests and datasets changed" in stderr
    assert report["summary"]["status"] == "pass"


def test_built_in_pack_chain_is_not_a_repository_file(project):
    git_repo(project)
    write_text(project / "notes.txt", "x\n")
    code, report, stderr = scan_json("--since", "HEAD")
    assert CHANGED not in stderr and ids(report) == [] and code == 0
