"""``compliance anonymity check`` and ``compliance anonymize`` end to end, and the same checks in ``scan``."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from compliance.cli import main
from compliance.resources import load_schema

DATA = Path(__file__).resolve().parents[1] / "rules" / "_data"


def _run(*args, stdout=False):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout if stdout else result.output


def _check(path, *args):
    code, out = _run("anonymity", "check", path, "--format", "json", *args, stdout=True)
    return code, json.loads(out)


def test_a_truly_5_anonymous_dataset_passes_controlled_sharing_and_fails_public_release():
    code, report = _check(DATA / "anonymity_k5.csv", "--qi", "age_band,city", "--k", "5")
    assert code == 0 and report["status"] == "pass"
    assert report["measured"]["k"] == 5
    assert report["measured"]["risk"]["maximum"] == pytest.approx(0.2)
    code, report = _check(DATA / "anonymity_k5.csv", "--qi", "age_band,city", "--k", "20")
    assert code == 1 and report["failures"] == ["k 5 below the target 20"]
    assert report["generalisation"]["reachable"]


def test_a_leftover_phone_column_fails():
    code, report = _check(DATA / "anonymity_phone.csv", "--qi", "age_band,city")
    assert code == 1
    assert report["verdict"] == "identifiable"
    assert report["direct_identifiers"] == [{"column": "联系电话", "entities": ["CN_MOBILE"]}]


def test_a_hashed_id_dataset_is_de_identified_still_personal():
    code, report = _check(DATA / "anonymity_hashed.csv", "--qi", "age_band,city")
    assert code == 1
    assert report["verdict"] == "de-identified, still personal"
    assert [p["column"] for p in report["pseudonyms"]] == ["customer_key"]
    assert report["measured"]["k"] == 5  # k holds; the pseudonyms still make it personal


def test_quasi_identifiers_are_suggested_with_reasons(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "出生日期,性别,证件前缀,职业,民族,学历,amount\n"
        + "".join(
            f"199{i % 10}-0{1 + i % 9}-1{i % 10},{'男女'[i % 2]},330106199{i % 10}0{1 + i % 9}1{i % 10},"
            f"教师,汉族,本科,{i}\n"
            for i in range(40)
        ),
        encoding="utf-8",
    )
    code, report = _check(path)
    assert report["quasi_identifiers_from"] == "suggested"
    facts = {s["column"]: s["facts"] for s in report["suggested_quasi_identifiers"]}
    assert facts["出生日期"] == ["birth date"]
    assert facts["性别"] == ["sex"]
    assert facts["证件前缀"] == ["region", "birth date"]  # an ID cut to 14 digits still gives both away
    assert facts["职业"] == ["occupation"] and facts["民族"] == ["ethnicity"] and facts["学历"] == ["education"]
    assert "amount" not in facts
    assert all(s["why"] for s in report["suggested_quasi_identifiers"])
    assert code == 1


def test_smallest_classes_name_quasi_identifier_values_only():
    code, report = _check(DATA / "anonymity_k3.csv", "--qi", "age_band,city")
    assert code == 1
    smallest = report["smallest_classes"][0]
    assert smallest == {"size": 3, "values": {"age_band": "40-49", "city": "北京市"}}


def test_text_output_names_the_measures():
    code, out = _run(
        "anonymity", "check", DATA / "anonymity_health_l1.csv", "--qi", "age_band,city", "--sensitive", "diagnosis"
    )
    assert code == 1
    assert "k-anonymity: k = 5" in out
    assert "diagnosis: distinct l = 1" in out
    assert "FAIL l 1 of 'diagnosis' below the target 2" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "missing.csv"),
        ([DATA / "anonymity_k5.csv", "--qi", "age_band,nowhere"], "no column 'nowhere'"),
    ],
)
def test_input_errors_exit_2_with_one_line(args, message):
    code, out = _run("anonymity", "check", *args)
    assert code == 2
    assert message in out and "Traceback" not in out


def _failing(tmp_path: Path) -> Path:
    """Records with birth dates, sex and region codes: k = 1 as given."""
    rows = ["姓名,手机号,birth_date,sex,region,diagnosis"]
    for i in range(600):
        rows.append(
            f"张{'伟芳娜'[i % 3]},139{i:08d},19{60 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d},"
            f"{'男女'[i % 2]},{['330106', '330102', '110105', '110108'][i % 4]},{['高血压', '糖尿病', '哮喘'][i % 3]}"
        )
    path = tmp_path / "patients.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_anonymize_output_of_a_failing_dataset_passes_the_scan(tmp_path):
    source = _failing(tmp_path)
    code, report = _check(source, "--qi", "birth_date,sex,region")
    assert code == 1 and report["measured"]["k"] == 1
    out = tmp_path / "patients.anon.csv"
    code, text = _run(
        "anonymize",
        source,
        "--qi",
        "birth_date,sex,region",
        "--k",
        "5",
        "--l",
        "2",
        "--sensitive",
        "diagnosis",
        "-o",
        out,
    )
    assert code == 0, text
    evidence = json.loads(Path(f"{out}.evidence.json").read_text(encoding="utf-8"))
    jsonschema.validate(evidence, load_schema("anonymisation-evidence.schema.json"))
    assert evidence["output"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert evidence["measured"]["k"] >= 5 and evidence["measured"]["l"] >= 2
    assert evidence["suppression"]["rate"] <= 0.05
    assert {d["column"] for d in evidence["direct_identifiers"]} == {"姓名", "手机号"}
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert "姓名" not in header and "手机号" not in header
    code, again = _check(out, "--qi", "birth_date,sex,region", "--sensitive", "diagnosis")
    assert code == 0 and again["measured"]["k"] == evidence["measured"]["k"]

    manifest = tmp_path / "patients.anon.yaml"
    manifest.write_text(
        "id: patients-anon\nsource: patients.anon.csv\nstate: anonymized\nanonymisation:\n  method: generalisation\n"
        "  quasi_identifiers: [birth_date, sex, region]\n  sensitive: [diagnosis]\n"
        f"  k: {evidence['measured']['k']}\n  l: {evidence['measured']['l']}\n"
        "  evaluation_ref: patients.anon.csv.evidence.json\n",
        encoding="utf-8",
    )
    code, text = _run("scan", "--manifest", manifest, "--format", "json", "--no-timestamp", stdout=True)
    scanned = json.loads(text)
    jsonschema.validate(scanned, load_schema("report.schema.json"))
    (asset,) = scanned["assets"]
    assert not [v for v in asset["violations"] if v["rule"].startswith("DCS-AN-")], asset["violations"]
    assert asset["anonymity"]["k"] == evidence["measured"]["k"]
    assert asset["anonymity"]["evidence"] == "verified"

    out.write_text(
        out.read_text(encoding="utf-8") + out.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8"
    )  # the file changed after the evidence was written
    code, text = _run("scan", "--manifest", manifest, "--format", "json", "--no-timestamp", stdout=True)
    rules = {v["rule"] for v in json.loads(text)["assets"][0]["violations"]}
    assert "DCS-AN-006" in rules


def test_a_claim_above_the_measured_k_fails_in_the_scan_with_both_figures(tmp_path):
    shutil.copy(DATA / "anonymity_k3.csv", tmp_path / "data.csv")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "id: claimed\nsource: data.csv\nstate: anonymized\nanonymisation:\n"
        "  quasi_identifiers: [age_band, city]\n  k: 12\n  evaluation_ref: EVAL-1\n",
        encoding="utf-8",
    )
    code, text = _run("scan", "--manifest", manifest, "--format", "json", "--no-timestamp", stdout=True)
    assert code == 1
    (asset,) = json.loads(text)["assets"]
    claims = [v for v in asset["violations"] if v["rule"] == "DCS-AN-008"]
    assert len(claims) == 1 and "claimed k 12, measured k 3" in claims[0]["message"]
    assert asset["anonymity"]["smallest_classes"][0] == {"size": 3, "values": {"age_band": "40-49", "city": "北京市"}}


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_anonymize_writes_the_input_format(tmp_path, fmt):
    rows = [{"age": str(20 + i % 50), "zip": f"31{i % 7:04d}", "sex": "男女"[i % 2]} for i in range(400)]
    source = tmp_path / f"in.{fmt}"
    if fmt == "parquet":
        pq.write_table(pa.Table.from_pylist(rows), source)
    else:
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    code, text = _run("anonymize", source, "--qi", "age,zip,sex", "--k", "10", "-o", out)
    assert code == 0, text
    code, report = _check(out, "--qi", "age,zip,sex", "--k", "10")
    assert code == 0 and report["measured"]["k"] >= 10
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == report["rows"]


def test_anonymize_refuses_an_unreachable_target(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("age,sex\n20,男\n30,女\n", encoding="utf-8")
    code, out = _run("anonymize", path, "--qi", "age,sex", "--k", "5", "-o", tmp_path / "o.csv")
    assert code == 2 and "cannot be reached" in out


def test_aggregated_rows_count_as_their_records(tmp_path):
    path = tmp_path / "cells.csv"
    path.write_text("month,district,buyers\n2025-01,朝阳区,12\n2025-01,海淀区,3\n2025-02,朝阳区,40\n", encoding="utf-8")
    code, report = _check(path, "--qi", "month,district", "--count-column", "buyers", "--k", "10")
    assert report["measured"]["records"] == 55 and report["measured"]["k"] == 3 and code == 1
    assert report["smallest_classes"][0] == {"size": 3, "values": {"month": "2025-01", "district": "海淀区"}}
    code, _ = _run("anonymity", "check", path, "--qi", "month", "--count-column", "district")
    assert code == 2


def _people(tmp_path):
    rows = "".join(f"{20 + i % 50},31{i % 7:04d},{'男女'[i % 2]}\n" for i in range(400))
    source = tmp_path / "in.csv"
    source.write_text("age,zip,sex\n" + rows, encoding="utf-8")
    return source


def test_anonymize_output_is_complete_or_untouched(tmp_path, monkeypatch):
    import pyarrow.csv as pacsv

    source, out = _people(tmp_path), tmp_path / "out.csv"
    out.write_text("the previous release\n", encoding="utf-8")

    def full_disk(data, where, options=None):
        Path(where).write_text("half a dat", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pacsv, "write_csv", full_disk)
    code, text = _run("anonymize", source, "--qi", "age,zip,sex", "--k", "10", "-o", out)
    assert code == 2 and "No space left on device" in text and "nothing was written" in text, text
    assert out.read_text(encoding="utf-8") == "the previous release\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]  # no temporary file left


@pytest.mark.parametrize("where", ["missing/out.csv", "folder", "evidence-is-input"])
def test_anonymize_refuses_an_unwritable_output_before_the_work(tmp_path, where):
    source = _people(tmp_path)
    (tmp_path / "folder").mkdir()
    args = ["-o", tmp_path / where]
    if where == "evidence-is-input":
        args = ["-o", tmp_path / "out.csv", "--evidence", source]
    code, text = _run("anonymize", source, "--qi", "age,zip,sex", "--k", "10", *args)
    assert code == 2 and len(text.strip().splitlines()) == 1, text
    assert source.read_text(encoding="utf-8").startswith("age,zip,sex\n")
    assert not (tmp_path / "out.csv").exists()
