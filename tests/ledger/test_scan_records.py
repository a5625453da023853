"""`compliance scan` records one ledger record per asset: what, when, by whom, under which pack, found what."""

from __future__ import annotations

import datetime
import getpass
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import compliance
from compliance.ledger import open_ledger

from .ledger_support import REPO, SCHEMA, run_cli, write_people

EXAMPLE = REPO / "examples" / "important-data-raw-cross-border"


def _records(target) -> list[dict]:
    with open_ledger(str(target), create=False) as led:
        return list(led.records())


def _plain(path: Path) -> Path:
    path.write_text("sku,amount\n" + "".join(f"SKU-{i},{i}.5\n" for i in range(30)), encoding="utf-8")
    return path


@pytest.fixture
def datasets(tmp_path) -> tuple[Path, Path]:
    return write_people(tmp_path / "people.csv"), _plain(tmp_path / "plain.csv")


def test_each_asset_is_recorded_with_the_run(tmp_path, datasets):
    people, plain = datasets
    ledger = tmp_path / "audit" / "ledger.db"
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    report = tmp_path / "report.json"
    result = run_cli(
        "scan",
        people,
        plain,
        "--flow",
        "third_party",
        "--ledger",
        ledger,
        "--actor",
        "alice",
        "--format",
        "json",
        "-o",
        report,
    )
    assert result.exit_code == 1, result.stderr
    records = _records(ledger)
    assert len(records) == 2
    validator = Draft202012Validator(SCHEMA)
    for record in records:
        assert list(validator.iter_errors(record)) == []
    by_file = {Path(r["asset"]["source"]).name: r for r in records}
    assert set(by_file) == {"people.csv", "plain.csv"}
    assert len({r["run_id"] for r in records}) == 1
    assert {r["actor"] for r in records} == {"alice"}
    assert {r["exit_code"] for r in records} == {1}
    assert {r["tool"]["version"] for r in records} == {compliance.__version__}
    when = datetime.datetime.fromisoformat(records[0]["time"].replace("Z", "+00:00"))
    assert before <= when <= datetime.datetime.now(datetime.UTC)
    for name, path in (("people.csv", people), ("plain.csv", plain)):
        assert by_file[name]["dataset"] == {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "size": path.stat().st_size,
        }
    person = by_file["people.csv"]
    assert person["status"] == "ok" and person["rows"]["scanned"] == 30
    assert {"id_number", "phone"} <= set(person["columns"]["personal"])
    assert person["violations"] and all(v["fingerprint"] and v["references"] for v in person["violations"])
    assert (
        person["flows"] == [{**person["flows"][0], "id": "third_party", "type": "third_party", "cross_border": False}]
        and person["flows"][0]["decision"] == "denied"
    )
    assert by_file["plain.csv"]["columns"] == {"personal": [], "sensitive": []}
    assert by_file["plain.csv"]["violations"] != []  # governance rules: no declared level
    reported = {a["id"]: a for a in json.loads(report.read_text(encoding="utf-8"))["assets"]}
    for record in records:  # each violation of the report, no more, no fewer
        asset = reported[record["asset"]["id"]]
        assert sorted((v["rule"], v["fingerprint"]) for v in record["violations"]) == sorted(
            (v["rule"], v["fingerprint"]) for v in asset["violations"]
        )
        assert record["level"] == asset["level"]


def test_the_actor_comes_from_the_ci_when_not_given(tmp_path, datasets, monkeypatch):
    people, _ = datasets
    for name in (
        "COMPLIANCE_ACTOR",
        "GITHUB_ACTOR",
        "GITLAB_USER_LOGIN",
        "BUILD_USER_ID",
        "BUILD_REQUESTEDFOR",
        "CIRCLE_USERNAME",
        "BUILDKITE_BUILD_CREATOR",
    ):
        monkeypatch.delenv(name, raising=False)
    ledger = tmp_path / "ledger.db"
    run_cli("scan", people, "--ledger", ledger)
    monkeypatch.setenv("GITLAB_USER_LOGIN", "gitlab-bob")
    run_cli("scan", people, "--ledger", ledger)
    monkeypatch.setenv("GITHUB_ACTOR", "octocat")  # GitHub's variable comes first
    run_cli("scan", people, "--ledger", ledger)
    assert [r["actor"] for r in _records(ledger)] == [getpass.getuser(), "gitlab-bob", "octocat"]


def test_no_ledger_records_nothing(tmp_path, datasets):
    people, _ = datasets
    result = run_cli("scan", people, "--ledger", tmp_path / "ledger.db", "--no-ledger")
    assert result.exit_code == 0
    assert not (tmp_path / "ledger.db").exists()


def test_the_environment_names_the_ledger(tmp_path, datasets, monkeypatch):
    people, _ = datasets
    monkeypatch.setenv("COMPLIANCE_LEDGER", str(tmp_path / "from-env.db"))
    assert run_cli("scan", people).exit_code == 0
    assert len(_records(tmp_path / "from-env.db")) == 1


def test_the_default_ledger_is_beside_the_project_file(tmp_path, monkeypatch):
    monkeypatch.delenv("COMPLIANCE_LEDGER")
    project = tmp_path / "repo"
    shutil.copytree(EXAMPLE, project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("scan", "--project", project / "compliance.yaml")
    assert result.exit_code == 1, result.stderr
    records = _records(project / ".compliance" / "ledger.db")
    assert [r["asset"]["id"] for r in records] == ["auto/vehicle-trajectories"]
    assert records[0]["asset"]["owner"] == "车联网数据中心 Connected-Car Data Centre"
    assert records[0]["flows"][0]["recipient"] == "Example Automotive R&D GmbH (group R&D centre)"
    assert records[0]["level"] == {"declared": "important", "detected": records[0]["level"]["detected"]}
    assert not (elsewhere / ".compliance").exists()


def test_without_a_project_the_ledger_is_in_the_current_directory(tmp_path, datasets, monkeypatch):
    people, _ = datasets
    monkeypatch.delenv("COMPLIANCE_LEDGER")
    monkeypatch.chdir(tmp_path)
    assert run_cli("scan", people.name).exit_code == 0
    assert [r["asset"]["id"] for r in _records(tmp_path / ".compliance" / "ledger.db")] == ["people.csv"]


def test_an_input_that_cannot_be_scanned_is_recorded_as_an_error(tmp_path, datasets):
    people, _ = datasets
    ledger = tmp_path / "ledger.db"
    result = run_cli("scan", people, tmp_path / "missing.csv", "--ledger", ledger)
    assert result.exit_code == 2
    records = {Path(r["asset"]["source"]).name: r for r in _records(ledger)}
    assert records["missing.csv"]["status"] == "error" and records["missing.csv"]["error"]
    assert {r["exit_code"] for r in records.values()} == {2}


def test_a_ledger_that_cannot_be_opened_stops_the_scan(tmp_path, datasets):
    people, _ = datasets
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("scan", people, "--ledger", blocker / "ledger.db")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing scanned
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ledger ") and "file.txt" in lines[0]


def test_a_record_that_cannot_be_written_fails_the_run(tmp_path, datasets):
    """Fail closed: the report is written, but a clean scan whose record is lost exits 2 with one line."""
    _, plain = datasets
    ledger = tmp_path / "ledger.db"
    open_ledger(str(ledger)).close()
    with sqlite3.connect(ledger) as db:
        db.execute("CREATE TRIGGER archive BEFORE INSERT ON ledger_records BEGIN SELECT RAISE(ABORT, 'archived'); END")
    result = run_cli("scan", plain, "--ledger", ledger)
    assert result.exit_code == 2
    assert "plain.csv" in result.stdout  # the report itself was written
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "cannot append" in lines[0] and "archived" in lines[0]
    assert "not recorded" in lines[0] and "Traceback" not in result.stderr
    assert _records(ledger) == []


def test_waived_violations_are_recorded_with_their_waiver(tmp_path, datasets):
    people, _ = datasets
    ledger = tmp_path / "ledger.db"
    first = json.loads(run_cli("scan", people, "--flow", "third_party", "--format", "json", "--no-ledger").stdout)
    violation = first["assets"][0]["violations"][0]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        f"- rule: {violation['rule']}\n  asset: {first['assets'][0]['id']}\n"
        "  justification: Reviewed with legal, ticket DPO-7\n  approver: dpo@example.com\n  expires: 2099-01-01\n",
        encoding="utf-8",
    )
    run_cli("scan", people, "--flow", "third_party", "--waivers", waivers, "--ledger", ledger)
    (record,) = _records(ledger)
    waived = [s for s in record["suppressions"] if s["rule"] == violation["rule"]]
    assert waived and waived[0]["by"] == "waiver"
    assert waived[0]["expires"] == "2099-01-01"
    assert waived[0]["reason"] == "Reviewed with legal, ticket DPO-7"
    assert waived[0]["approver"]  # shown as the masking gate shows it (an e-mail address is masked)
    assert "dpo@example.com" not in json.dumps(record)


def test_export_writes_each_record_as_stored_and_hashed(tmp_path, datasets):
    people, plain = datasets
    ledger = tmp_path / "ledger.db"
    run_cli("scan", people, plain, "--ledger", ledger)
    run_cli("scan", people, "--ledger", ledger)
    out = tmp_path / "archive.jsonl"
    result = run_cli("ledger", "export", "--format", "jsonl", "--ledger", ledger, "-o", out)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    previous = "0" * 64
    for seq, line in enumerate(lines, start=1):
        record = json.loads(line)
        body = {k: v for k, v in record.items() if k != "sha256"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == record["sha256"]  # anyone can re-check
        assert (record["seq"], record["prev_sha256"]) == (seq, previous)
        previous = record["sha256"]
    assert run_cli("ledger", "export", "--ledger", ledger).stdout.splitlines() == lines


def test_export_since_until_are_inclusive_days(tmp_path):
    from .ledger_support import hand_record

    ledger = str(tmp_path / "ledger.db")
    times = ["2026-01-31T23:59:59Z", "2026-02-01T00:00:00Z", "2026-02-28T23:59:59Z", "2026-03-01T00:00:00Z"]
    with open_ledger(ledger) as led:
        led.append([hand_record(i, time=t) for i, t in enumerate(times, start=1)])
    result = run_cli("ledger", "export", "--ledger", ledger, "--since", "2026-02-01", "--until", "2026-02-28")
    assert [json.loads(line)["time"] for line in result.stdout.splitlines()] == times[1:3]


def test_export_refuses_to_overwrite_the_ledger(tmp_path, datasets):
    people, _ = datasets
    ledger = tmp_path / "ledger.db"
    run_cli("scan", people, "--ledger", ledger)
    result = run_cli("ledger", "export", "--ledger", ledger, "-o", ledger)
    assert result.exit_code == 2
    assert len(_records(ledger)) == 1


def test_an_unexpected_failure_while_recording_also_fails_closed(tmp_path, datasets, monkeypatch):
    import compliance.ledger

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    _, plain = datasets
    monkeypatch.setattr(compliance.ledger, "records_from_report", broken)
    result = run_cli("scan", plain, "--ledger", tmp_path / "ledger.db")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "cannot record the run: RuntimeError" in lines[0]
