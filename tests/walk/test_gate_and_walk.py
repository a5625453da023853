"""Issue 12, "the gate and the walk": a scan that checks no rule says so in every format, ``--deny``
fails a file scan on the data it names, and ``compliance scan .`` in a git repository skips what a
repository holds besides data (``.git``, ``.gitignore``d files, README, images) instead of exiting 2.

Through the CLI: in process for most cases, and the installed ``compliance`` command for one
end-to-end run of each behaviour.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from compliance.resources import load_schema

from ..gating.conftest import run_cli, run_compliance, write_dataset
from ..hardening.gate_support import git_repo

REPORT_SCHEMA = Draft202012Validator(load_schema("report.schema.json"))
NOTE = "no manifest and no --flow: only detection ran; pass --flow TYPE or a manifest to check the rules"
FORMATS = ("text", "json", "sarif", "junit", "markdown")


def scan(*args: str, fmt: str = "json"):
    result = run_cli("scan", "--format", fmt, "--no-timestamp", "--as-of", "2026-03-01", *args)
    if fmt == "json":
        REPORT_SCHEMA.validate(json.loads(result.stdout))
    return result


@pytest.fixture
def export(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_dataset(tmp_path / "export.csv", ["phone", "id_number", "order_no"])


def _says_detection_only(fmt: str, out: str) -> bool:
    if fmt == "json":
        summary = json.loads(out)["summary"]
        return summary["notes"] == [NOTE] and summary["rules_evaluated"] == 0
    if fmt == "sarif":
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        return [n["message"]["text"] for n in notes if n["level"] == "warning"] == [NOTE]
    if fmt == "junit":
        root = ET.fromstring(out)
        skipped = [c.find("skipped").get("message") for c in root.iter("testcase") if c.find("skipped") is not None]
        return NOTE in skipped and root.get("tests") != "0"
    return NOTE.replace("--", "\\-\\-" if fmt == "markdown" else "--") in out or NOTE in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_scan_without_rules_says_only_detection_ran(export, fmt):
    result = scan("export.csv", fmt=fmt)
    assert result.exit_code == 0
    assert _says_detection_only(fmt, result.stdout), result.stdout


def test_with_a_flow_the_rules_run_and_the_note_is_gone(export):
    result = scan("export.csv", "--flow", "third_party")
    report = json.loads(result.stdout)
    assert report["summary"]["rules_evaluated"] > 0 and "notes" not in report["summary"]
    assert NOTE not in scan("export.csv", "--flow", "third_party", fmt="text").stdout


def _deny_findings(fmt: str, out: str) -> list[str]:
    """The rule ids of the --deny findings a report shows."""
    if fmt == "json":
        return sorted(v["rule"] for a in json.loads(out)["assets"] for v in a["violations"])
    if fmt == "sarif":
        return sorted(r["ruleId"] for r in json.loads(out)["runs"][0]["results"])
    if fmt == "junit":
        failed = [c.get("name") for c in ET.fromstring(out).iter("testcase") if c.find("failure") is not None]
        return sorted(re.search(r"DENY-[A-Za-z_]+", name).group() for name in failed)
    return sorted(set(re.findall(r"DENY-[A-Za-z_]+", out.replace("\\_", "_"))))  # Markdown escapes _


@pytest.mark.parametrize("fmt", FORMATS)
def test_deny_fails_a_file_scan_in_every_format(export, fmt):
    result = scan("export.csv", "--deny", "CN_RESIDENT_ID", "--deny", "CN_MOBILE", fmt=fmt)
    assert result.exit_code == 1, result.stdout
    assert _deny_findings(fmt, result.stdout) == ["DENY-CN_MOBILE", "DENY-CN_RESIDENT_ID"]


def test_deny_names_the_column_and_a_clean_file_passes(export, tmp_path):
    report = json.loads(scan("export.csv", "--deny", "personal").stdout)
    [asset] = report["assets"]
    assert sorted((v["rule"], v["column"], v["severity"]) for v in asset["violations"]) == [
        ("DENY-personal", "id_number", "critical"),
        ("DENY-personal", "phone", "critical"),
    ]
    assert report["scan"]["deny"] == ["personal"] and report["summary"]["rules_evaluated"] == 1
    write_dataset(tmp_path / "orders.csv", ["order_no", "amount"])
    clean = scan("orders.csv", "--deny", "personal", "--deny", "CN_RESIDENT_ID")
    assert clean.exit_code == 0 and json.loads(clean.stdout)["summary"]["violations"]["critical"] == 0


def test_deny_category_from_the_manifest_free_classification(export, tmp_path):
    """A sensitive category from the data (bank cards) fails --deny sensitive_personal."""
    from ..hardening.gate_support import bank_card, write_rows

    write_rows(tmp_path / "cards.csv", ["name_id", "card"], [[f"u{i}", bank_card(i)] for i in range(30)])
    report = json.loads(scan("cards.csv", "--deny", "sensitive_personal").stdout)
    categories = report["assets"][0]["categories"]
    found = [v["rule"] for v in report["assets"][0]["violations"]]
    assert ("sensitive_personal" in categories) == (found == ["DENY-sensitive_personal"]) and found


def test_an_unknown_deny_term_is_one_line_and_exit_2(export):
    result = scan("export.csv", "--deny", "CN_RESIDENT", fmt="text")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--deny CN_RESIDENT: not a category or entity" in lines[0]


def test_deny_through_the_installed_command(export, tmp_path):
    done = run_compliance(["scan", "export.csv", "--deny", "sensitive_personal", "--deny", "CN_RESIDENT_ID"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "DENY-CN_RESIDENT_ID [id_number]" in done.stdout and "Traceback" not in done.stderr


# --- the walk ------------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path, monkeypatch) -> Path:
    """A git repository holding data, docs, an image, a macOS .DS_Store, ignored files and a folder."""
    write_dataset(tmp_path / "data" / "customers.csv", ["phone", "id_number"])
    write_dataset(tmp_path / "data" / "orders.csv", ["order_no", "amount"])
    write_dataset(tmp_path / "data" / "scratch" / "tmp.csv", ["phone"])  # .gitignore'd folder
    write_dataset(tmp_path / "data" / "local.csv", ["phone"])  # .gitignore'd file
    write_dataset(tmp_path / "data" / "draft" / "d.csv", ["phone"])  # --exclude in some tests
    (tmp_path / "README.md").write_text("# data\n", encoding="utf-8")
    (tmp_path / "data" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (tmp_path / "data" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".gitignore").write_text("data/scratch/\nlocal.csv\n", encoding="utf-8")
    git_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _skipped(report: dict) -> dict[str, str]:
    return {s["path"]: s["kind"] for s in report.get("skipped", [])}


def test_scan_dot_in_a_git_repository_skips_what_is_not_data(repository):
    result = scan(".")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    sources = sorted(a["source"] for a in report["assets"])
    assert sources == ["data/customers.csv", "data/draft/d.csv", "data/orders.csv"]
    assert _skipped(report) == {
        ".git": "hidden",
        ".gitignore": "hidden",
        "README.md": "unsupported",
        "data/.DS_Store": "hidden",
        "data/chart.png": "unsupported",
        "data/local.csv": "ignored",
        "data/scratch": "ignored",
    }
    assert report["summary"]["skipped"] == 7 and report["summary"]["errors"] == 0
    assert report["summary"]["skipped_by_kind"] == {"hidden": 3, "ignored": 2, "excluded": 0, "unsupported": 2}


def test_exclude_is_repeatable_and_matches_names_and_paths(repository):
    report = json.loads(scan(".", "--exclude", "draft", "--exclude", "data/**/orders.csv").stdout)
    assert [a["source"] for a in report["assets"]] == ["data/customers.csv"]
    assert {p for p, k in _skipped(report).items() if k == "excluded"} == {"data/draft", "data/orders.csv"}


@pytest.mark.parametrize("fmt", ["text", "sarif", "junit", "markdown"])
def test_skipped_entries_are_counted_in_every_format(repository, fmt):
    result = scan("data", fmt=fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "sarif":
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        [note] = [n for n in notes if n["level"] == "note"]
        assert note["message"]["text"] == "skipped: 4 (1 hidden, 2 ignored by .gitignore, 1 unsupported)"
        assert sorted(e["path"] for e in note["properties"]["skipped"]) == [
            "data/.DS_Store", "data/chart.png", "data/local.csv", "data/scratch"
        ]  # fmt: skip
        assert json.loads(out)["runs"][0]["invocations"][0]["executionSuccessful"] is True
    elif fmt == "junit":
        root = ET.fromstring(out)
        assert root.get("errors") == "0"
        [case] = [c for c in root.iter("testcase") if c.get("name") == "[SKIPPED] entries directory walks left out"]
        assert case.find("skipped").get("message") == "skipped: 4 (1 hidden, 2 ignored by .gitignore, 1 unsupported)"
        assert "data/chart.png: unsupported file type '.png'" in case.find("system-out").text
    else:
        assert "skipped: 4 (1 hidden, 2 ignored by .gitignore, 1 unsupported)" in out


def test_a_file_named_on_the_command_line_keeps_its_strictness(repository):
    result = scan("README.md", "data/customers.csv")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    errors = [a["source"] for a in report["assets"] if a["status"] == "error"]
    assert errors == ["README.md"] and "unsupported file type '.md'" in result.stderr
    assert "skipped" not in report


def test_a_folder_holding_only_skipped_files_is_not_a_pass(repository):
    (repository / "docs").mkdir()
    (repository / "docs" / "notes.txt").write_text("x\n", encoding="utf-8")
    result = scan("docs")
    assert result.exit_code == 2  # nothing was scanned: the gate fails closed
    [asset] = json.loads(result.stdout)["assets"]
    assert asset["empty"] == "the directory holds no file to scan (every entry was skipped)"


def test_outside_a_git_repository_gitignore_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "local.csv", ["phone"])
    (tmp_path / ".gitignore").write_text("local.csv\n", encoding="utf-8")
    report = json.loads(scan(".").stdout)
    assert [a["source"] for a in report["assets"]] == ["local.csv"]  # git would not ignore it either


def test_scan_dot_through_the_installed_command(repository):
    done = run_compliance(["scan", ".", "--format", "json", "--as-of", "2026-03-01"], repository)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    REPORT_SCHEMA.validate(report)
    assert report["summary"]["skipped"] == 7 and report["summary"]["errors"] == 0


def test_skipped_names_and_deny_messages_pass_the_masking_gate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    phone = "13812345678"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{phone}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_dataset(tmp_path / "in" / "people.csv", [f"id_number:{phone}"])  # a column named by a phone number
    for fmt in FORMATS:
        result = scan("in", "--deny", "CN_RESIDENT_ID", fmt=fmt)
        assert result.exit_code == 1, (fmt, result.stdout)
        assert phone not in result.stdout + result.stderr, fmt
    report = json.loads(scan("in", "--deny", "CN_RESIDENT_ID").stdout)
    assert report["skipped"][0]["path"].startswith("in/138") and report["skipped"][0]["kind"] == "unsupported"
    assert report["assets"][0]["violations"][0]["column"].startswith("138")
