"""Inputs that hold no data never pass silently (issue 8, the gate).

A table with no data cell (no column, no row, or every cell empty once every row was read) and a
directory with no file at all are assets with status ``empty``, listed in every format. Beside assets
with data an empty one is reported and does not change the exit code; a run in which no input held
any data exits 2 (summary status ``error``)."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from .gate_support import manifest_text, mobile, run_cli, scan_json, write_dataset, write_rows, write_text

NOTHING = "error: nothing was scanned"


def header_only_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["phone", "name"])
    book.save(path)
    return path


def formulas_xlsx(path: Path) -> Path:
    """Formulas written by openpyxl have no cached values: read with data_only, every cell is empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["phone", "total"])
    for row in range(2, 6):
        sheet.append([f"=A{row + 10}", f"=SUM(B{row + 10}:B{row + 20})"])
    book.save(path)
    return path


def empty_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("create table customers (phone text, id_number text)")
        db.execute("create table orders (order_no text)")
    return path


def build(kind: str, where: Path) -> str:
    if kind == "directory":
        (where / "incoming").mkdir()
        return "incoming"
    if kind == "xlsx-header":
        return header_only_xlsx(where / "header.xlsx").name
    if kind == "xlsx-formulas":
        return formulas_xlsx(where / "formulas.xlsx").name
    if kind == "sqlite":
        return empty_sqlite(where / "empty.sqlite").name
    if kind == "json-empty-object":
        (where / "objects.json").write_text("[{}]", encoding="utf-8")
        return "objects.json"
    if kind == "json-empty-objects":
        (where / "many.json").write_text("[{}, {}, {}]", encoding="utf-8")
        return "many.json"
    if kind == "csv-empty-cells":
        (where / "blank.csv").write_text("phone,id_number\n,\n,\n", encoding="utf-8")
        return "blank.csv"
    raise AssertionError(kind)


KINDS = [
    "directory",
    "xlsx-header",
    "xlsx-formulas",
    "sqlite",
    "json-empty-object",
    "json-empty-objects",
    "csv-empty-cells",
]
REASONS = {
    "directory": {"the directory holds no file"},
    "xlsx-header": {"no data rows"},
    "xlsx-formulas": {"no data rows"},
    "sqlite": {"no data rows"},
    "json-empty-object": {"no columns"},
    "json-empty-objects": {"no columns"},
    "csv-empty-cells": {"every cell is empty"},
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_input_without_data_alone_exits_2(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    given = build(kind, tmp_path)
    code, report, stderr = scan_json(given, "--flow", "third_party")
    assert code == 2
    assert stderr.startswith(NOTHING), stderr
    assert report["assets"] and {a["status"] for a in report["assets"]} == {"empty"}
    assert {a["empty"] for a in report["assets"]} == REASONS[kind]
    assert report["summary"]["status"] == "error"
    assert report["summary"]["empty"] == len(report["assets"]) and report["summary"]["errors"] == 0
    text = run_cli("scan", given)
    assert text.exit_code == 2 and "EMPTY" in text.stdout and "— ERROR" in text.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_an_input_without_data_beside_real_data_is_reported_not_an_error(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    given = build(kind, tmp_path)
    write_dataset(tmp_path / "orders.csv", ["order_no", "amount"])  # no personal data: passes
    code, report, stderr = scan_json(given, "orders.csv")
    assert code == 0, stderr
    assert NOTHING not in stderr
    statuses = {a["id"]: a["status"] for a in report["assets"]}
    assert statuses.pop("orders.csv") == "pass"
    assert set(statuses.values()) == {"empty"}
    assert report["summary"]["status"] == "pass" and report["summary"]["empty"] == len(statuses)
    write_dataset(tmp_path / "customers.csv", ["phone", "id_number"])
    code, report, _ = scan_json(given, "customers.csv", "--flow", "third_party")
    assert code == 1  # violations still gate as usual
    assert report["summary"]["empty"] == len(statuses)


def test_an_empty_sheet_appears_in_the_report_beside_sheets_with_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "客户"
    book.active.append(["手机号"])
    for i in range(20):
        book.active.append([mobile(i)])
    book.create_sheet("blank")  # no cell at all
    book.create_sheet("header").append(["phone"])  # a header, no row
    book.save(tmp_path / "book.xlsx")
    code, report, _ = scan_json("book.xlsx")
    assert code == 0
    assert [(a["id"], a["status"], a.get("empty")) for a in report["assets"]] == [
        ("book.xlsx#blank", "empty", "no columns"),
        ("book.xlsx#header", "empty", "no data rows"),
        ("book.xlsx#客户", "pass", None),
    ]


def test_a_workbook_of_only_blank_sheets_is_still_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    book.create_sheet("two")
    book.save(tmp_path / "blank.xlsx")
    code, report, stderr = scan_json("blank.xlsx")
    assert code == 2 and report["summary"]["errors"] == 1
    assert "blank.xlsx: no data rows (every sheet is empty)" in stderr


def _render(fmt: str, *args: str) -> tuple[int, str]:
    result = run_cli("scan", "--format", fmt, "--no-timestamp", *args)
    return result.exit_code, result.stdout


def test_every_format_lists_the_empty_asset(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    header_only_xlsx(tmp_path / "header.xlsx")
    write_dataset(tmp_path / "orders.csv", ["order_no", "amount"])
    args = ("header.xlsx", "orders.csv")

    code, text = _render("text", *args)
    assert code == 0 and "header.xlsx#Sheet  EMPTY" in text and "holds no data: no data rows" in text
    assert "Summary: 2 assets, 0 errors, 1 empty" in text and text.rstrip().endswith("PASS")
    code, markdown = _render("markdown", *args)
    assert "`header.xlsx#Sheet` — **EMPTY**" in markdown and "Holds no data: no data rows" in markdown
    assert "(1 hold no data)" in markdown
    _, sarif = _render("sarif", *args)
    invocation = json.loads(sarif)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    [note] = [n for n in invocation["toolExecutionNotifications"] if "asset" in n.get("properties", {})]
    assert note["level"] == "warning" and note["message"]["text"] == "header.xlsx: holds no data: no data rows"
    _, junit = _render("junit", *args)
    suite = next(s for s in ET.fromstring(junit) if s.get("name") == "header.xlsx#Sheet")
    [case] = suite
    assert case.get("name") == "[EMPTY] input holds no data" and case.find("skipped").get("message") == "no data rows"
    code, report, _ = scan_json(*args)
    assert {a["id"]: a["status"] for a in report["assets"]} == {"header.xlsx#Sheet": "empty", "orders.csv": "pass"}
    zh = run_cli("scan", "--lang", "zh", *args).stdout
    assert "无数据" in zh


def test_nothing_scanned_fails_in_every_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty_sqlite(tmp_path / "empty.sqlite")
    code, text = _render("text", "empty.sqlite")
    assert code == 2 and "nothing was scanned" in text and text.rstrip().endswith("ERROR")
    code, markdown = _render("markdown", "empty.sqlite")
    assert code == 2 and "Nothing was scanned" in markdown and "Overall status: **ERROR**" in markdown
    code, sarif = _render("sarif", "empty.sqlite")
    assert code == 2 and json.loads(sarif)["runs"][0]["invocations"][0]["executionSuccessful"] is False
    code, junit = _render("junit", "empty.sqlite")
    root = ET.fromstring(junit)
    assert code == 2 and root.get("errors") == "2" and root.get("skipped") == "0"
    soft = run_cli("scan", "empty.sqlite", "--soft-fail")
    assert soft.exit_code == 2  # --soft-fail relaxes violations, never an empty scan


def test_manifest_source_directory_without_data_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    write_text(tmp_path / "m" / "orders.yaml", manifest_text("shop/orders", "../exports", [("c", "third_party")]))
    code, report, stderr = scan_json("--manifest", "m/orders.yaml")
    assert code == 2 and stderr.startswith(NOTHING)
    assert [(a["id"], a["status"], a["empty"]) for a in report["assets"]] == [
        ("shop/orders", "empty", "the directory holds no file")
    ]
    (tmp_path / "exports" / "README.txt").write_text("exports land here\n", encoding="utf-8")
    code, report, stderr = scan_json("--manifest", "m/orders.yaml")  # a walk skips README files (issue 12)
    assert code == 2 and stderr.startswith(NOTHING) and report["skipped"][0]["kind"] == "unsupported"
    assert report["assets"][0]["empty"] == "the directory holds no file to scan (every entry was skipped)"


def test_with_a_manifest_an_empty_table_still_gets_its_rules(tmp_path, monkeypatch):
    """Rules about the manifest's own declarations need no data: an empty asset can still fail."""
    monkeypatch.chdir(tmp_path)
    write_rows(tmp_path / "data" / "orders.csv", ["phone", "id_number"], [["", ""], ["", ""]])
    manifest = manifest_text("shop/orders", "../data/orders.csv", [("c", "third_party")])
    write_text(tmp_path / "m" / "orders.yaml", manifest)
    write_dataset(tmp_path / "data" / "other.csv", ["order_no"])
    code, report, _ = scan_json("--manifest", "m/orders.yaml", "data/other.csv")
    orders = next(a for a in report["assets"] if a["id"] == "shop/orders")
    assert orders["empty"] == "every cell is empty"
    assert [(v["rule"], v["severity"]) for v in orders["violations"]] == [("DCS-GOV-001", "low")]
    assert (code, orders["status"]) == (0, "empty")  # below the default threshold (high)
    code, report, _ = scan_json("--manifest", "m/orders.yaml", "data/other.csv", "--fail-on", "low")
    orders = next(a for a in report["assets"] if a["id"] == "shop/orders")
    assert (code, orders["status"], report["summary"]["empty"]) == (1, "fail", 1)


def test_no_baseline_is_written_from_inputs_without_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty_sqlite(tmp_path / "empty.sqlite")
    result = run_cli("baseline", "create", "empty.sqlite")
    assert result.exit_code == 2
    assert result.stderr == "error: no baseline written: nothing was scanned (2 asset(s) hold no data)\n"
    assert not (tmp_path / ".compliance-baseline.json").exists()
    write_dataset(tmp_path / "orders.csv", ["order_no", "phone"])
    assert run_cli("baseline", "create", "empty.sqlite", "orders.csv", "--flow", "third_party").exit_code == 0
