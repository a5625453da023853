"""``compliance catalog``: the data resource catalogue from the ledger or a scan, and the important-data list."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from compliance.ledger import open_ledger

EXAMPLE = "examples/important-data-raw-cross-border"
EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "md"}


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_catalog_from_the_ledger_matches_the_golden_file(cli, history_ledger, fmt):
    result = cli.run("catalog", "--from-ledger", history_ledger, "--format", fmt, "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    cli.golden(f"catalog_ledger.{EXTENSIONS[fmt]}", result.stdout.replace(str(history_ledger), "LEDGER"))


def test_catalog_in_chinese_matches_the_golden_file(cli, history_ledger):
    result = cli.run("catalog", "--from-ledger", history_ledger, "--lang", "zh", "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    assert "| 资产 | 名称 | 责任人 |" in result.stdout
    cli.golden("catalog_ledger_zh.md", result.stdout.replace(str(history_ledger), "LEDGER"))


def test_the_latest_record_of_each_asset_is_listed(cli, history_ledger):
    result = cli.run("catalog", "--from-ledger", history_ledger, "--format", "json", "--now", cli.now)
    assets = {a["asset"]: a for a in json.loads(result.stdout)["assets"]}
    assert sorted(assets) == ["customers", "hr/staff.xlsx#员工", "orders"]
    customers = assets["customers"]
    assert customers["last_scan"] == "2026-11-26T09:00:00Z"  # the ninth weekly scan, not the 2025 one
    assert customers["individuals"] == {"estimate": 120_008, "exact": False}
    assert customers["level"] == {"declared": "general", "detected": "important"}
    assert customers["columns"] == {"personal": ["phone", "id_number"], "sensitive": ["id_number"]}
    assert customers["flows"][0]["cross_border"] is True
    # DCS-PI-001 is waived (until 2026-12-20), DCS-CL-002 is open; the critical one was fixed in week 7
    assert customers["open_violations"] == 1
    # the staff waiver expired on 2026-11-01: on 2026-12-03 its violation is open again
    assert assets["hr/staff.xlsx#员工"]["open_violations"] == 1
    assert assets["hr/staff.xlsx#员工"]["table"] == "员工"


def test_xlsx_holds_the_same_cells_as_csv(cli, history_ledger, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "catalog.xlsx"
    result = cli.run("catalog", "--from-ledger", history_ledger, "--format", "xlsx", "-o", out, "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(out).active
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    as_csv = cli.run("catalog", "--from-ledger", history_ledger, "--format", "csv", "--now", cli.now).stdout
    assert cells == list(csv.reader(io.StringIO(as_csv)))
    assert sheet.freeze_panes == "A2"


def test_xlsx_is_not_written_to_a_terminal(cli, history_ledger, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    from compliance.cli.audit_inputs import write_any
    from compliance.errors import OutputError

    with pytest.raises(OutputError, match="binary format"):
        write_any("-", b"PK", "xlsx")


def test_formula_cells_are_defused_in_csv_and_xlsx(cli, tmp_path, make):
    from openpyxl import load_workbook

    ledger = tmp_path / "ledger.db"
    with open_ledger(ledger) as led:
        led.append([make.record('=HYPERLINK("http://x")', make.at("2026-11-01"), owner="@owner")])
    text = cli.run("catalog", "--from-ledger", ledger, "--format", "csv", "--now", cli.now).stdout
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0].startswith("'=") and row[2] == "'@owner"
    out = tmp_path / "c.xlsx"
    cli.run("catalog", "--from-ledger", ledger, "--format", "xlsx", "-o", out, "--now", cli.now)
    cell = load_workbook(out).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.fixture
def example_project(tmp_path, cli):
    folder = tmp_path / "project"
    shutil.copytree(cli.repo / EXAMPLE, folder)
    return folder


def test_important_list_from_a_scan_matches_the_golden_file(cli, example_project, monkeypatch):
    monkeypatch.chdir(example_project)
    for fmt, name in (("json", "catalog_important.json"), ("markdown", "catalog_important_zh.md")):
        result = cli.run("catalog", "--important", "--format", fmt, "--lang", "zh", "--now", cli.now)
        assert result.exit_code == 0, result.stderr
        cli.golden(name, result.stdout)
    item = json.loads(cli.run("catalog", "--important", "--format", "json", "--now", cli.now).stdout)["important"][0]
    assert item["name"] == "车辆行驶轨迹（上海车队） / Vehicle trajectories, Shanghai fleet"
    assert item["level"] == "important" and item["reasons"] == ["level:important"]
    assert item["declaration_ref"] == "ID-DECL-2025-006"
    assert item["purpose"] == "navigation; vehicle_diagnostics; autonomous_driving_rd"  # consent purposes
    assert item["method"] == "raw_export"  # the flow's environment
    assert item["to_fill"] == ["scope", "security_measures"]  # only the owner knows these


def test_declaration_fields_of_the_manifest_fill_the_list(cli, example_project, monkeypatch):
    manifest = next((example_project / "manifests").glob("*.yaml"))
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "declaration:\n  scope: 上海车队 2025 年行驶轨迹\n  security_measures: AES-256 at rest; role-based access\n"
        + "  purpose: 自动驾驶研发\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(example_project)
    result = cli.run("catalog", "--important", "--format", "json", "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    item = json.loads(result.stdout)["important"][0]
    assert item["scope"] == "上海车队 2025 年行驶轨迹"
    assert item["security_measures"] == "AES-256 at rest; role-based access"
    assert item["purpose"] == "自动驾驶研发"  # the declaration wins over the consent purposes
    assert item["to_fill"] == []
    markdown = cli.run("catalog", "--important", "--now", cli.now).stdout
    assert "[TO FILL IN]" not in markdown.split("\n", 6)[-1]


def test_to_fill_fields_are_marked_in_every_table_format(cli, history_ledger, tmp_path):
    from openpyxl import load_workbook

    md = cli.run("catalog", "--from-ledger", history_ledger, "--important", "--now", cli.now).stdout
    assert md.count("[TO FILL IN]") >= 4  # purpose, method, scope, security measures of `customers`
    zh = cli.run("catalog", "--from-ledger", history_ledger, "--important", "--lang", "zh", "--now", cli.now).stdout
    assert "【待填写】" in zh
    out = tmp_path / "important.xlsx"
    cli.run("catalog", "--from-ledger", history_ledger, "--important", "--format", "xlsx", "-o", out, "--now", cli.now)
    values = [v for row in load_workbook(out).active.iter_rows(values_only=True) for v in row]
    assert values.count("[TO FILL IN]") == 4


def test_ten_million_individuals_make_general_data_important(cli, tmp_path, make):
    ledger = tmp_path / "ledger.db"
    with open_ledger(ledger) as led:
        led.append([make.record("big", make.at("2026-11-01"), detected="general-3", individuals=10_000_000)])
        led.append([make.record("small", make.at("2026-11-01"), detected="general-3", individuals=9_999_999)])
    result = cli.run("catalog", "--from-ledger", ledger, "--important", "--format", "json", "--now", cli.now)
    items = json.loads(result.stdout)["important"]
    assert [(i["asset"], i["reasons"]) for i in items] == [("big", ["individuals>=10000000"])]


def test_catalog_from_a_scan_agrees_with_the_catalog_from_its_ledger(cli, example_project, monkeypatch):
    monkeypatch.chdir(example_project)
    ledger = example_project / "scans.db"
    scanned = cli.run("scan", "--ledger", ledger, "--format", "json")
    assert scanned.exit_code == 1  # the example's violations
    from_ledger = json.loads(cli.run("catalog", "--from-ledger", ledger, "--format", "json", "--now", cli.now).stdout)
    from_scan = json.loads(cli.run("catalog", "--format", "json", "--now", cli.now).stdout)
    for doc in (from_ledger, from_scan):
        for asset in doc["assets"]:
            asset.pop("last_scan")
    assert from_ledger["assets"] == from_scan["assets"]
    assert from_ledger["assets"][0]["title"].startswith("车辆行驶轨迹")
    assert from_scan["from"] == "scan" and from_ledger["from"] == "scans.db"


def test_an_unreadable_input_is_listed_and_the_run_exits_2(cli, tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_bytes(b"name,phone\n\xff\xfe\x00\xd8broken\n")
    (tmp_path / "good.csv").write_text("phone\n13812345678\n13912345678\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli.run("catalog", "bad.csv", "good.csv", "--format", "json", "--now", cli.now)
    assert result.exit_code == 2
    statuses = {a["asset"]: a["status"] for a in json.loads(result.stdout)["assets"]}
    assert statuses == {"bad.csv": "error", "good.csv": "ok"}
    assert "error: bad.csv" in result.stderr


def test_a_missing_ledger_is_one_line_and_exit_2(cli, tmp_path):
    result = cli.run("catalog", "--from-ledger", tmp_path / "nope.db")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nope.db" in result.stderr
    assert not (tmp_path / "nope.db").exists()  # reading never creates a ledger


def test_paths_and_from_ledger_together_are_a_usage_error(cli, history_ledger):
    result = cli.run("catalog", "--from-ledger", history_ledger, "some.csv")
    assert result.exit_code == 2


def test_json_catalogues_follow_their_schema(cli, history_ledger, example_project, monkeypatch):
    from jsonschema import Draft202012Validator

    from compliance.schema_check import load_schema

    schema = load_schema("catalog.schema.json")
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    outputs = [
        cli.run("catalog", "--from-ledger", history_ledger, "--format", "json", *extra).stdout
        for extra in ([], ["--important"])
    ]
    monkeypatch.chdir(example_project)
    outputs += [cli.run("catalog", "--format", "json", *extra).stdout for extra in ([], ["--important"])]
    for text in outputs:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))]
        assert errors == []
    broken = json.loads(outputs[0])
    broken["assets"][0]["status"] = "fine"
    assert not validator.is_valid(broken)
