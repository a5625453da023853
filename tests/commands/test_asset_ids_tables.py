"""Asset ids of a manifest's source follow the manifest, not the file name (issue 12): a monthly export
replacing the last keeps its ids, so baselines and waivers carry over; two files matched at once still
get unique ids (issue 8, tests/hardening/test_gate_asset_ids.py). ``tables:`` declares categories and
level per table, not for every sheet of a workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ..gating.conftest import COLUMNS
from .cmds_support import AS_OF, report_of, run_cli, write_dataset, write_text

SHEETS = {"员工": ["phone", "id_number", "order_no"], "订单": ["order_no", "amount"]}


def workbook(path: Path, sheets: dict[str, list[str]] = SHEETS, rows: int = 30) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, columns in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for i in range(rows):
            sheet.append([COLUMNS[c](i) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def manifest(folder: Path, source: str, extra: str = "") -> Path:
    text = f"id: shop/orders\nsource: '{source}'\ndeclared_level: general-2\n{extra}"
    text += "flows:\n  - id: courier\n    recipient_type: third_party\n"
    return write_text(folder / "orders.yaml", text)


def scan(*args: str) -> tuple[int, dict, str]:
    result = run_cli("scan", "--format", "json", "--no-timestamp", "--as-of", AS_OF, *args)
    return result.exit_code, report_of(result.stdout), result.stderr


def by_id(report: dict) -> dict[str, dict]:
    return {a["id"]: a for a in report["assets"]}


def test_a_workbook_export_is_named_by_its_sheets_not_its_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "exports" / "orders-2025-01.xlsx")
    manifest(tmp_path / "exports", "orders-*.xlsx")
    _, report, _ = scan("--manifest", "exports/orders.yaml")
    assert sorted(by_id(report)) == ["shop/orders#员工", "shop/orders#订单"]


def test_the_next_months_export_keeps_the_baseline_and_waivers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    january = workbook(tmp_path / "exports" / "orders-2025-01.xlsx")
    manifest(tmp_path / "exports", "orders-*.xlsx")
    code, first, _ = scan("--manifest", "exports/orders.yaml")
    assert code == 1
    waived = next(v for v in by_id(first)["shop/orders#员工"]["violations"] if v["severity"] in ("high", "critical"))
    write_text(
        tmp_path / "waivers.yaml",
        f"""
        - rule: {waived["rule"]}
          asset: shop/orders#员工
          justification: reviewed with the DPO
          approver: dpo
          expires: 2099-01-01
        """,
    )
    assert run_cli("baseline", "create", "--manifest", "exports/orders.yaml", "--as-of", AS_OF).exit_code == 0
    january.rename(tmp_path / "exports" / "orders-2025-02.xlsx")  # February's export replaces January's
    code, second, err = scan("--manifest", "exports/orders.yaml", "--baseline", ".compliance-baseline.json")
    assert sorted(by_id(second)) == sorted(by_id(first))
    assert code == 0, err
    assert all("suppression" in v for a in second["assets"] for v in a["violations"])
    _, third, _ = scan("--manifest", "exports/orders.yaml", "--waivers", "waivers.yaml")
    kinds = {v["suppression"]["kind"] for v in by_id(third)["shop/orders#员工"]["violations"] if "suppression" in v}
    assert kinds == {"waiver"}


def test_a_csv_export_replaced_by_the_next_keeps_the_manifest_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "exports" / "orders-2025-01.csv", ["order_no", "phone"])
    manifest(tmp_path / "exports", "orders-*.csv")
    assert run_cli("baseline", "create", "--manifest", "exports/orders.yaml", "--as-of", AS_OF).exit_code == 0
    (tmp_path / "exports" / "orders-2025-01.csv").rename(tmp_path / "exports" / "orders-2025-02.csv")
    code, report, _ = scan("--manifest", "exports/orders.yaml", "--baseline", ".compliance-baseline.json")
    assert list(by_id(report)) == ["shop/orders"] and code == 0


def test_two_exports_at_once_are_told_apart_by_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "exports" / "orders-2025-01.xlsx")
    workbook(tmp_path / "exports" / "orders-2025-02.xlsx")
    manifest(tmp_path / "exports", "orders-*.xlsx")
    _, report, _ = scan("--manifest", "exports/orders.yaml")
    assert sorted(by_id(report)) == [
        "shop/orders#orders-2025-01.xlsx#员工",
        "shop/orders#orders-2025-01.xlsx#订单",
        "shop/orders#orders-2025-02.xlsx#员工",
        "shop/orders#orders-2025-02.xlsx#订单",
    ]


def _spi(asset: dict) -> set[str]:
    return {v["rule"] for v in asset["violations"] if v["rule"].startswith("DCS-SPI")}


def test_declared_categories_apply_per_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "hr.xlsx")
    write_text(
        tmp_path / "all.yaml", "id: hr\nsource: hr.xlsx\ndeclared_level: general-3\ncategories: [sensitive_personal]\n"
    )
    _, whole, _ = scan("--manifest", "all.yaml")
    assert _spi(by_id(whole)["hr#订单"])  # without tables: the orders sheet is declared sensitive too
    tables = (
        "tables:\n"
        "  员工: {categories: [sensitive_personal, personal], declared_level: general-3}\n"
        "  订单: {categories: [], declared_level: general-1}\n"
    )
    write_text(tmp_path / "per.yaml", "id: hr\nsource: hr.xlsx\ndeclared_level: general-3\n" + tables)
    _, per, _ = scan("--manifest", "per.yaml")
    orders, staff = by_id(per)["hr#订单"], by_id(per)["hr#员工"]
    assert not _spi(orders) and orders["level"]["declared"] == "general-1"
    assert staff["level"]["declared"] == "general-3"
    assert "DCS-CL-002" not in {v["rule"] for v in staff["violations"]}  # its categories are declared


def test_a_table_the_source_does_not_have_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "hr.xlsx")
    write_text(tmp_path / "m.yaml", "id: hr\nsource: hr.xlsx\ntables:\n  员工表: {categories: [personal]}\n")
    code, report, err = scan("--manifest", "m.yaml")
    assert code == 2
    assert by_id(report)["hr#员工表"]["status"] == "error"
    assert "tables: '员工表' is not a table of hr.xlsx" in err
    assert {"hr#员工", "hr#订单"} <= set(by_id(report))  # the real sheets are still scanned and reported
