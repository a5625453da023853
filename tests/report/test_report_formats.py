"""What every new renderer shares: registration, one signature, determinism, timestamps, one severity map."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from importlib import import_module

import pytest
from click.testing import CliRunner

from compliance.cli import main
from compliance.report import FORMATS, RenderOptions
from compliance.report import severity as sev
from compliance.report.model import SEVERITY_ORDER

from .conftest import GENERATED_AT, ROOT_DATASET, build_report, rendered, sarif_validator, shuffled

NEW_FORMATS = ("markdown", "sarif", "junit")


def test_formats_are_registered_with_one_signature():
    for fmt in NEW_FORMATS:
        module = import_module(f"compliance.report.{FORMATS[fmt]}")
        stream = io.StringIO()
        assert module.render(build_report(), stream, RenderOptions(timestamps=False)) is None
        assert stream.getvalue().endswith("\n") and len(stream.getvalue()) > 200


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_rendering_twice_gives_identical_bytes(fmt):
    first = rendered(build_report(), fmt).encode("utf-8")
    second = rendered(build_report(), fmt).encode("utf-8")
    assert first == second


@pytest.mark.parametrize("fmt", NEW_FORMATS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_output_does_not_depend_on_input_order(fmt, seed):
    assert rendered(shuffled(build_report(), seed), fmt) == rendered(build_report(), fmt)


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_run_time_only_with_timestamps(fmt):
    stamp = GENERATED_AT.strftime("%Y-%m-%dT%H:%M:%S")
    assert stamp not in rendered(build_report(), fmt, timestamps=False)
    assert stamp in rendered(build_report(), fmt, timestamps=True)


def _github_band(score: float) -> str:
    return "critical" if score >= 9.0 else "high" if score >= 7.0 else "medium" if score >= 4.0 else "low"


def test_severity_mapping_is_the_documented_one():
    assert {s: sev.sarif_level(s) for s in SEVERITY_ORDER} == {
        "critical": "error",
        "high": "error",
        "medium": "warning",
        "low": "note",
    }
    assert [sev.security_severity(s) for s in SEVERITY_ORDER] == ["9.5", "8.0", "5.5", "2.0"]
    # GitHub's bands: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low
    for severity in SEVERITY_ORDER:
        score = float(sev.security_severity(severity))
        assert _github_band(score) == severity
    assert [sev.tag(s) for s in SEVERITY_ORDER] == ["CRITICAL", "HIGH", "MEDIUM", "LOW"]
    assert sev.label("high", "zh") == "高" and sev.label("high", "fr") == "High"
    assert sorted(SEVERITY_ORDER, key=sev.rank) == list(SEVERITY_ORDER)


def test_unknown_severity_is_refused():
    for call in (sev.sarif_level, sev.security_severity, sev.tag, sev.label):
        with pytest.raises(ValueError, match="unknown severity 'urgent'"):
            call("urgent")


def _cli(*args: str):
    return CliRunner().invoke(main, ["scan", str(ROOT_DATASET), "--no-timestamp", "--as-of", "2026-01-01", *args])


def test_cli_renders_real_scan_in_every_new_format():
    """The scanner and evaluator's report (not only the hand-built one) goes through each renderer."""
    sarif = _cli("--format", "sarif", "--flow", "third_party", "--fail-on", "never")
    assert sarif.exit_code == 0, sarif.output
    log = json.loads(sarif.stdout)
    sarif_validator().validate(log)
    assert log["runs"][0]["results"], "a third-party flow of personal data must produce results"
    junit = _cli("--format", "junit", "--flow", "third_party", "--fail-on", "never")
    root = ET.fromstring(junit.stdout.encode("utf-8"))
    assert int(root.get("failures")) == len({r["ruleId"] for r in log["runs"][0]["results"]})
    markdown = _cli("--format", "markdown", "--lang", "zh", "--fail-on", "never")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# 数据流通合规检查报告\n")


@pytest.mark.parametrize(("fmt", "lang"), [("text", "en"), ("text", "zh"), ("json", "en")])
def test_text_and_json_golden(fmt, lang):
    """The hand-built report through the text (both languages) and JSON renderers, byte for byte."""
    from .conftest import build_report, check_golden, rendered

    suffix = "txt" if fmt == "text" else "json"
    check_golden(f"report_{fmt}_{lang}.{suffix}", rendered(build_report(lang), fmt, timestamps=False, lang=lang))
