"""A manifest whose glob matches nothing does not hide the other manifests' reports (issue 8, the
gate): every manifest is reported, the unmatched one as an error asset naming the manifest and the
glob, and the run exits 2. Regression: one unmatched glob aborted the run with no report at all."""

from __future__ import annotations

import pytest

from .gate_support import manifest_text, project, run_cli, scan_json, write_text

__all__ = ["project"]


def unmatched(project, source: str = "'../data/2026-*.csv'") -> None:
    write_text(project / "manifests" / "archive.yaml", manifest_text("shop/archive", source, [("bi", "internal")]))


def test_project_reports_every_manifest_and_exits_2(project):
    unmatched(project)
    code, report, stderr = scan_json()
    assert code == 2
    assert [(a["id"], a["status"]) for a in report["assets"]] == [
        ("shop/archive", "error"),
        ("shop/customers", "fail"),
        ("shop/orders", "fail"),
    ]
    archive = report["assets"][0]
    assert archive["error"].endswith("source '../data/2026-*.csv' matches no file (relative to manifests)")
    assert archive["error"].startswith("manifests/archive.yaml: ")
    assert "error: manifests/archive.yaml: source '../data/2026-*.csv' matches no file" in stderr
    assert report["summary"]["status"] == "error" and report["summary"]["errors"] == 1
    assert sum(report["summary"]["violations"].values()) > 0  # the other manifests' findings are all there


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "junit"])
def test_every_format_shows_the_unmatched_manifest_and_the_others(project, fmt):
    unmatched(project, "'../data/**/*.parquet'")
    result = run_cli("scan", "--format", fmt, "--no-timestamp")
    assert result.exit_code == 2
    for asset in ("shop/archive", "shop/customers", "shop/orders"):
        assert asset in result.stdout
    assert "matches no file" in result.stdout


def test_given_manifests_are_all_reported_too(project):
    unmatched(project)
    code, report, _ = scan_json("--manifest", "manifests/archive.yaml", "--manifest", "manifests/orders.yaml")
    assert code == 2
    assert [(a["id"], a["status"]) for a in report["assets"]] == [("shop/archive", "error"), ("shop/orders", "fail")]
    code, report, _ = scan_json("--manifest", "manifests/archive.yaml", "--soft-fail")
    assert code == 2 and report["summary"]["status"] == "error"


def test_no_baseline_is_written_while_a_glob_matches_nothing(project):
    unmatched(project)
    result = run_cli("baseline", "create")
    assert result.exit_code == 2 and "no baseline written" in result.stderr
