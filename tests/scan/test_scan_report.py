"""End-to-end scans through the CLI: golden reports, schema validity, masking, offline."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from jsonschema import Draft202012Validator

from compliance.resources import load_schema

from .conftest import check_golden, load_json, run_cli

PERSONAL_COLUMNS = {
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "住址": "LOCATION",
    "full_name": "PERSON",
    "手机号": "CN_MOBILE",
    "address": "LOCATION",
    "银行卡号": "CN_BANK_CARD",
    "contact": "PERSON",
    "姓名": "PERSON",
    "车牌号": "CN_LICENSE_PLATE",
    "港澳通行证号": "CN_HMT_PERMIT",
    "身份证号": "CN_RESIDENT_ID",
    "passport_no": "CN_PASSPORT",
    "c3": "CN_MOBILE",
    "ip_address": "IP_ADDRESS",
}
DECOYS = ("uuid", "c7", "sku", "tracking_no", "order_no", "product_name", "created_at", "amount", "status", "city")


def _scan_json(path: Path, *extra: str) -> dict:
    result = run_cli("scan", str(path), "--format", "json", "--no-timestamp", "--as-of", "2026-01-01", *extra)
    assert result.exit_code == 0, result.output
    return load_json(result.stdout)


def test_json_report_matches_golden_and_schema(customers):
    result = run_cli("scan", str(customers), "--format", "json", "--no-timestamp", "--as-of", "2026-01-01")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    Draft202012Validator(load_schema("report.schema.json")).validate(report)
    report["assets"][0]["id"] = report["assets"][0]["source"] = "customers_small.csv"
    check_golden("scan_customers_small.json", json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_columns_get_the_right_entity_and_decoys_none(customers):
    asset = _scan_json(customers)["assets"][0]
    found = {c["name"]: [e["type"] for e in c["entities"] if not e.get("sporadic")] for c in asset["columns"]}
    for column, entity in PERSONAL_COLUMNS.items():
        assert found[column][:1] == [entity], (column, found[column])
    for column in DECOYS:
        assert found[column] == [], (column, found[column])
    uscc = next(c for c in asset["columns"] if c["name"] == "统一社会信用代码")
    assert uscc["entities"][0]["type"] == "CN_USCC" and uscc["category"] == "organisation"
    assert "sensitive_personal" in asset["categories"]  # bank cards are financial accounts
    assert asset["level"]["detected"] == "general-4"


def test_json_output_is_deterministic(customers, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        args = ("scan", str(customers), "--format", "json", "--no-timestamp", "--as-of", "2026-01-01", "-o", str(out))
        assert run_cli(*args).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def _raw_personal_values(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row[c].strip() for row in rows for c in PERSONAL_COLUMNS if row[c] and len(row[c].strip()) >= 4}


def test_no_output_format_leaks_a_raw_value(customers, tmp_path):
    raw = _raw_personal_values(customers)
    assert len(raw) > 100
    for fmt in ("text", "json"):
        out = tmp_path / f"report.{fmt}"
        result = run_cli("scan", str(customers), "--full", "--format", fmt, "-o", str(out), "--as-of", "2026-01-01")
        assert result.exit_code == 0
        text = out.read_text(encoding="utf-8")
        leaked = sorted(v for v in raw if v in text)
        assert not leaked, f"{fmt} report leaks {len(leaked)} raw values"
        # scan the report itself with the scanner: one line per row, every cell checked
        lines = tmp_path / f"report_{fmt}.csv"
        with lines.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["line"])
            writer.writerows([line] for line in text.splitlines() if line.strip())
        again = _scan_json(lines, "--full")["assets"][0]
        hits = [e for c in again["columns"] for e in c["entities"]]
        assert hits == [], f"the scanner finds personal data in the {fmt} report: {hits}"


def test_sporadic_values_in_free_text_are_counted_exactly_with_full(tmp_path):
    data = tmp_path / "remarks.csv"
    rows = ["订单已发货，客户很满意"] * 300 + ["客户要求改到 13912345678 联系"] * 3 + ["请回电13800138000谢谢"]
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["备注"])
        writer.writerows([r] for r in rows)
    column = _scan_json(data, "--full")["assets"][0]["columns"][0]
    assert column["entities"] == [
        {
            "type": "CN_MOBILE",
            "match_ratio": round(4 / 304, 4),
            "count": 4,
            "score": column["entities"][0]["score"],
            "sporadic": True,
        }
    ]
    assert all("*" in e for e in column["evidence"])


def test_scan_works_with_network_blocked(customers, monkeypatch):
    """conftest blocks sockets for every test; here we also prove the e-mail check (tldextract) ran."""
    asset = _scan_json(customers)["assets"][0]
    email = next(c for c in asset["columns"] if c["name"] == "email")
    assert email["entities"][0]["type"] == "EMAIL_ADDRESS"


def test_minors_share_comes_from_birth_dates(tmp_path):
    from stdnum.iso7064 import mod_11_2

    def rid(birth: str, seq: str) -> str:
        body = f"110105{birth}{seq}"
        return body + mod_11_2.calc_check_digit(body)

    data = tmp_path / "kids.csv"
    ids = [rid("20150301", f"{i:03d}") for i in range(1, 4)] + [rid("19800101", f"{i:03d}") for i in range(1, 8)]
    data.write_text("身份证号\n" + "\n".join(ids) + "\n", encoding="utf-8")
    asset = _scan_json(data)["assets"][0]
    assert asset["facts"]["minors_share"] == 0.3 and asset["facts"]["minors_records"] == 3
    assert "minors_personal" in asset["categories"]
    older = _scan_json(data, "--as-of", "2030-01-01")["assets"][0]  # the 2015 births are 14 by then
    assert older["facts"]["minors_records"] == 0


def test_short_chinese_remarks_count_as_free_text(tmp_path):
    data = tmp_path / "comments.csv"
    remarks = ["很好", "一般", "物流慢", "包装破损"] * 40 + ["联系我 zhang.wei@example.com"] * 30
    data.write_text("comment\n" + "\n".join(remarks) + "\n", encoding="utf-8")
    for extra in ([], ["--full"]):
        column = _scan_json(data, *extra)["assets"][0]["columns"][0]
        assert column["entities"][0]["type"] == "EMAIL_ADDRESS" and column["entities"][0]["sporadic"]
        assert column["entities"][0]["count"] == 30 or not extra
