"""Issue 12: compressed and archived inputs (.gz, .bz2, .xz, .zst, .zip) and standard input (``-``).

The same data scans the same way whatever it is packed in; a corrupt or inflating archive is one
line and exit 2 while the other inputs are still scanned; names inside archives are masked.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest

from compliance.sources import compressed

from ..gating.conftest import resident_id, run_cli, run_compliance, write_dataset


def scan_json(*args: str, stdin: bytes | None = None):
    from click.testing import CliRunner

    from compliance.cli import main

    result = CliRunner().invoke(main, ["scan", "--format", "json", "--no-timestamp", *args], input=stdin)
    return result.exit_code, json.loads(result.stdout) if result.stdout else None, result.stderr


def zstd(data: bytes) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as out:
        out.write(data)
    return sink.getvalue().to_pybytes()


PACKERS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress, ".zst": zstd}


@pytest.fixture
def plain(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_dataset(tmp_path / "export.csv", ["phone", "id_number", "order_no"], rows=60)


def _summary(asset: dict) -> tuple:
    columns = {c["name"]: [e["type"] for e in c["entities"]] for c in asset["columns"]}
    return asset["rows_scanned"], asset["rows_total"], asset["level"]["detected"], columns


@pytest.mark.parametrize("ending", sorted(PACKERS))
def test_a_compressed_file_scans_like_the_plain_one(plain, ending):
    packed = plain.with_name(f"export.csv{ending}")
    packed.write_bytes(PACKERS[ending](plain.read_bytes()))
    code, report, _ = scan_json("export.csv", packed.name, "--full")
    assert code == 0
    by_id = {a["id"]: a for a in report["assets"]}
    assert set(by_id) == {"export.csv", f"export.csv{ending}"}
    assert _summary(by_id[f"export.csv{ending}"]) == _summary(by_id["export.csv"])
    assert by_id[f"export.csv{ending}"]["format"] == "csv"


def test_a_compressed_json_lines_file_and_a_walk_finds_packed_files(plain, tmp_path):
    (tmp_path / "in").mkdir()
    lines = "".join(json.dumps({"id": resident_id(i), "n": i}) + "\n" for i in range(30)).encode()
    (tmp_path / "in" / "people.jsonl.gz").write_bytes(gzip.compress(lines))
    (tmp_path / "in" / "notes.txt.gz").write_bytes(gzip.compress(b"not a table\n"))
    code, report, _ = scan_json("in")
    assert code == 0
    [asset] = report["assets"]
    assert asset["id"] == "in/people.jsonl.gz" and asset["format"] == "jsonl"
    assert [e["type"] for e in asset["columns"][0]["entities"]] == ["CN_RESIDENT_ID"]
    assert [(s["path"], s["kind"]) for s in report["skipped"]] == [("in/notes.txt.gz", "unsupported")]


def test_each_zip_member_is_a_table_and_the_rest_is_skipped(plain, tmp_path):
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(plain, "2026/orders.csv")
        z.write(plain, "2026/copy.csv")
        z.writestr("README.txt", "hello")
        z.writestr("__MACOSX/2026/._orders.csv", "junk")
        z.writestr("../../escape.csv", "a,b\n1,2\n")
        z.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
    code, report, _ = scan_json("export.zip")
    assert code == 0
    assert [a["id"] for a in report["assets"]] == ["export.zip#2026/copy.csv", "export.zip#2026/orders.csv"]
    assert {a["source"] for a in report["assets"]} == {"export.zip"}
    assert {a["table"] for a in report["assets"]} == {"2026/copy.csv", "2026/orders.csv"}
    kinds = {s["path"]: s["kind"] for s in report["skipped"]}
    assert kinds == {
        "export.zip#../../escape.csv": "unsupported",
        "export.zip#README.txt": "unsupported",
        "export.zip#__MACOSX/2026/._orders.csv": "hidden",
        "export.zip#inner.zip": "unsupported",
    }
    assert not list(tmp_path.parent.glob("escape.csv")) and not (tmp_path / "escape.csv").exists()


def test_member_names_are_masked(plain, tmp_path):
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as z:
        z.write(plain, "13812345678.csv")
    code, report, _ = scan_json("export.zip")
    text = json.dumps(report, ensure_ascii=False)
    assert code == 0 and "13812345678" not in text
    assert report["assets"][0]["name_masked"] is True


def test_corrupt_archives_are_one_line_each_and_the_rest_is_scanned(plain, tmp_path):
    good = gzip.compress(plain.read_bytes())
    (tmp_path / "cut.csv.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (tmp_path / "liar.csv.zst").write_bytes(b"plain text, not zstd\n")
    code, report, stderr = scan_json("export.csv", "cut.csv.gz", "bad.zip", "liar.csv.zst")
    assert code == 2
    status = {a["id"]: a["status"] for a in report["assets"]}
    assert status == {"bad.zip": "error", "cut.csv.gz": "error", "export.csv": "pass", "liar.csv.zst": "error"}
    lines = stderr.strip().splitlines()
    assert lines == [
        "error: bad.zip: corrupt zip archive (is the file truncated or not really .zip?)",
        "error: cut.csv.gz: corrupt gzip data (is the file truncated or not really gzip?)",
        "error: liar.csv.zst: corrupt zstd data (is the file truncated or not really zstd?)",
    ]
    assert "Traceback" not in stderr and "compliance-" not in stderr  # no temporary path leaks


def test_a_bad_member_is_an_error_of_its_own_naming_archive_and_member(plain, tmp_path):
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as z:
        z.writestr("ragged.csv", "a,b\n1,2\n1,2,3\n")
        z.write(plain, "good.csv")
    code, report, stderr = scan_json("export.zip")
    status = {a["id"]: a["status"] for a in report["assets"]}
    assert code == 2 and status == {"export.zip#good.csv": "pass", "export.zip#ragged.csv": "error"}
    assert stderr.strip() == (
        "error: export.zip#ragged.csv: line 3: 3 fields where the header has 2 (ragged row; is a quote unbalanced?)"
    )


def test_inflation_limits_refuse_bombs(plain, tmp_path, monkeypatch):
    repeated = plain.read_bytes().splitlines(keepends=True)
    data = repeated[0] + repeated[1] * 40_000  # about 1.5 MB of one row: compresses several hundred-fold
    (tmp_path / "bomb.csv.gz").write_bytes(gzip.compress(data, 9))
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("rows.csv", data)
    monkeypatch.setattr(compressed, "RATIO_CHECK_BYTES", 256 << 10)
    monkeypatch.setattr(compressed, "MAX_RATIO", 20)
    code, report, stderr = scan_json("bomb.csv.gz", "bomb.zip", "export.csv")
    assert code == 2
    assert {a["id"]: a["status"] for a in report["assets"]}["export.csv"] == "pass"
    assert "bomb.csv.gz: refused while decompressing: inflates more than 20x" in stderr
    assert "bomb.zip: refused before decompressing: member 'rows.csv' inflates more than 20x" in stderr
    monkeypatch.setattr(compressed, "MAX_RATIO", 100_000)
    monkeypatch.setattr(compressed, "MAX_TOTAL_BYTES", 1 << 20)
    code, _, stderr = scan_json("bomb.csv.gz", "bomb.zip")
    assert "bomb.csv.gz: refused while decompressing: more than 0 GiB inflated" in stderr
    assert "bomb.zip: refused before decompressing: members declare" in stderr


def test_stdin_reads_csv_by_default_detects_compression_and_takes_a_format(plain):
    data = plain.read_bytes()
    code, report, _ = scan_json("-", stdin=data)
    assert code == 0 and [a["source"] for a in report["assets"]] == ["<stdin>"]
    assert _summary(report["assets"][0])[0] == 60
    code, report, _ = scan_json("-", "--deny", "CN_RESIDENT_ID", stdin=gzip.compress(data))
    assert code == 1 and report["assets"][0]["violations"][0]["rule"] == "DENY-CN_RESIDENT_ID"
    lines = "".join(json.dumps({"id": resident_id(i)}) + "\n" for i in range(20)).encode()
    code, report, _ = scan_json("-", "--stdin-format", "jsonl", stdin=lines)
    assert code == 0 and report["assets"][0]["format"] == "jsonl"
    code, _, stderr = scan_json("-", stdin=b"PAR1" + bytes(64))
    assert code == 2 and "<stdin>: file is a Parquet file, not CSV (--stdin-format says" in stderr
    code, report, stderr = scan_json("-", "export.csv", stdin=b"")
    assert code == 2 and "<stdin>: standard input is empty" in stderr
    assert {a["id"]: a["status"] for a in report["assets"]}["export.csv"] == "pass"


def test_stdin_through_the_installed_command(plain, tmp_path):
    import subprocess

    from ..gating.conftest import compliance_command, subprocess_env

    done = subprocess.run(
        [*compliance_command(), "scan", "-", "--format", "json"],
        input=gzip.compress(plain.read_bytes()),
        cwd=tmp_path,
        env=subprocess_env(),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["assets"][0]["rows_scanned"] == 60
    zipped = run_compliance(["scan", "export.csv.xz"], tmp_path)
    assert zipped.returncode == 2 and "export.csv.xz: no such file or directory" in zipped.stdout + zipped.stderr


def test_an_unknown_stdin_format_is_a_usage_error(plain):
    result = run_cli("scan", "-", "--stdin-format", "xml")
    assert result.exit_code == 2
