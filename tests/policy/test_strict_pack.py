"""The built-in cn-strict-35273 pack: the default pack plus the GB/T 35273-2020 Annex B sensitive-PI view."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from compliance.cli import main
from compliance.policy import load_pack
from compliance.resources import builtin_pack_paths
from compliance.scanner import ScanOptions, scan_paths

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = load_pack("cn-data-circulation-2025")
STRICT = load_pack("cn-strict-35273")


def _scan(pack, path: Path):
    (scan,) = scan_paths([str(path)], pack, ScanOptions())
    assert scan.error is None, scan.error
    return {c.name: c.category for c in scan.columns}, set(scan.categories)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_is_built_in_and_extends_the_default():
    assert "cn-strict-35273" in builtin_pack_paths()
    assert STRICT.lineage == ("cn-strict-35273", "cn-data-circulation-2025")
    assert [r.id for r in STRICT.rules] == [r.id for r in DEFAULT.rules]
    assert STRICT.settings["minors_age"] == DEFAULT.settings["minors_age"] == 14  # PIPL governs, not "14 and under"


def test_identity_document_numbers_are_sensitive_only_in_the_strict_view():
    for entity in ("CN_RESIDENT_ID", "CN_PASSPORT", "CN_HMT_PERMIT"):
        assert DEFAULT.entities[entity].category == "personal"
        assert STRICT.entities[entity].category == "sensitive_personal"
    assert DEFAULT.entities["CN_BANK_CARD"].category == STRICT.entities["CN_BANK_CARD"].category


def test_a_customer_table_is_sensitive_only_in_the_strict_view():
    customers = ROOT / "tests" / "rules" / "_data" / "customers.csv"
    default_columns, default_categories = _scan(DEFAULT, customers)
    strict_columns, strict_categories = _scan(STRICT, customers)
    assert default_columns["身份证号"] == "personal" and "sensitive_personal" not in default_categories
    assert strict_columns["身份证号"] == "sensitive_personal" and "sensitive_personal" in strict_categories


def test_annex_b_headers_are_sensitive(tmp_path):
    headers = ["交易记录", "transaction_history", "通讯录", "browsing_history", "住宿记录", "婚史", "驾驶证号"]
    path = _write(tmp_path / "t.csv", ["mobile", *headers], [["13812345670", *["x"] * len(headers)]] * 3)
    strict, _ = _scan(STRICT, path)
    default, _ = _scan(DEFAULT, path)
    assert all(strict[h] == "sensitive_personal" for h in headers), strict
    assert not any(default[h] == "sensitive_personal" for h in headers), default


def test_policy_list_shows_both_packs():
    result = CliRunner().invoke(main, ["policy", "list"])
    assert result.exit_code == 0, result.output
    assert "cn-strict-35273" in result.output and "cn-data-circulation-2025" in result.output


def test_views_are_documented_side_by_side():
    doc = (ROOT / "docs" / "sensitive-pi-views.md").read_text(encoding="utf-8")
    assert "`cn-data-circulation-2025`" in doc and "`cn-strict-35273`" in doc
    for entity in ("CN_RESIDENT_ID", "CN_PASSPORT", "CN_HMT_PERMIT"):
        assert entity in doc
