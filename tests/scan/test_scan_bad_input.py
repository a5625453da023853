"""Bad input: one clear line per file, status error, the other inputs still scanned, exit 2."""

from __future__ import annotations

import json

from .conftest import run_cli

GOOD = "姓名,手机号\n张伟,13812345678\n李娜,13912345678\n王芳,13712345678\n"


def _write_inputs(folder):
    (folder / "good.csv").write_text(GOOD, encoding="utf-8")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "header_only.csv").write_text("姓名,手机号\n", encoding="utf-8")
    (folder / "ragged.csv").write_text("a,b\n1,2\n3,4,5\n6,7\n", encoding="utf-8")
    (folder / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "broken.parquet").write_bytes(b"PAR1" + b"\x00" * 100 + b"garbage")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (folder / "bad_bytes.csv").write_bytes("姓名\n张伟\n".encode() + b"\xff\xfe\xfa\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    return {
        "empty.csv",
        "header_only.csv",
        "ragged.csv",
        "image.csv",
        "broken.parquet",
        "broken.xlsx",
        "bad_bytes.csv",
    }


def test_each_bad_file_is_reported_and_the_good_one_is_scanned(tmp_path):
    bad = _write_inputs(tmp_path)
    result = run_cli("scan", str(tmp_path), "--format", "json", "--no-timestamp", "--encoding", "utf-8")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    by_name = {a["source"].rsplit("/", 1)[-1]: a for a in report["assets"]}
    assert by_name["good.csv"]["status"] == "pass"
    assert [c["entities"][0]["type"] for c in by_name["good.csv"]["columns"]] == ["PERSON", "CN_MOBILE"]
    for name in bad:
        assert by_name[name]["status"] == "error", name
        assert name in by_name[name]["error"]
    # an unsupported type in a directory walk is skipped, not an error (issue 12); named, it is one
    assert [(s["path"].rsplit("/", 1)[-1], s["kind"]) for s in report["skipped"]] == [("notes.docx", "unsupported")]
    assert report["summary"]["status"] == "error"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad)
    for line in errors:
        assert "Traceback" not in line and "13812345678" not in line


def test_huge_single_field_is_an_error_or_scanned_without_crash(tmp_path):
    data = tmp_path / "huge.csv"
    with data.open("w", encoding="utf-8") as handle:
        handle.write("备注,手机号\n")
        handle.write('"' + "很长的备注" * (4 * 1024 * 1024) + '",13812345678\n')
        handle.write("短备注,13912345678\n")
    result = run_cli("scan", str(data), "--format", "json", "--no-timestamp")
    report = json.loads(result.stdout)
    asset = report["assets"][0]
    if result.exit_code == 2:
        assert asset["status"] == "error" and "huge.csv" in asset["error"]
    else:
        assert result.exit_code == 0 and asset["status"] == "pass"


def test_missing_path_and_empty_glob_fail_closed(tmp_path):
    result = run_cli("scan", str(tmp_path / "nope.csv"), str(tmp_path / "*.parquet"))
    assert result.exit_code == 2
    assert "nope.csv: no such file or directory" in result.stderr
    assert "no files match this pattern" in result.stderr


def test_numbers_dates_and_coordinates_are_not_phone_numbers(tmp_path):
    data = tmp_path / "aggregates.csv"
    rows = [
        f"2025-{m:02d},2020-10-{m:02d},{2310456 + m * 97}.20,31.23{m:04d},121.47{m:04d},{m * 1234567}"
        for m in range(1, 13)
    ]
    data.write_text("stat_month,day,gmv_cny,lat,lon,row_no\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("scan", str(data), "--format", "json", "--no-timestamp")
    columns = json.loads(result.stdout)["assets"][0]["columns"]
    assert {c["name"]: c["entities"] for c in columns} == {c["name"]: [] for c in columns}
    named = tmp_path / "phones.csv"
    named.write_text("phone\n" + "\n".join(f"2025550{i:03d}" for i in range(100, 130)) + "\n", encoding="utf-8")
    column = json.loads(run_cli("scan", str(named), "--format", "json").stdout)["assets"][0]["columns"][0]
    assert column["entities"][0]["type"] == "PHONE_NUMBER"  # the header names it: digits are accepted


def test_a_ragged_row_late_in_a_big_file_fails_the_full_scan(tmp_path):
    data = tmp_path / "late_ragged.csv"
    lines = ["姓名,手机号"] + [f"张伟,138{i:08d}" for i in range(200_000)] + ["李娜,13912345678,extra"]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("scan", str(data), "--full", "--format", "json", "--no-timestamp")
    assert result.exit_code == 2
    asset = json.loads(result.stdout)["assets"][0]
    assert asset["status"] == "error" and "late_ragged.csv" in asset["error"]
    assert "13912345678" not in result.output
