"""Tamper tests (issue 13 acceptance): one byte changed in a stored record, one deleted, one inserted,
two swapped → `compliance ledger verify` names each by its seq and exits 1; on SQLite and PostgreSQL.

The ledger is changed behind the tool's back: SQLite's file bytes are edited in place, rows are
deleted, inserted and swapped with plain SQL, as someone with write access to the database would.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
import sqlalchemy as sa

from compliance.ledger import GENESIS, open_ledger, record_sha256
from compliance.ledger.chain import canonical_json

from .ledger_support import hand_record, run_cli

COUNT = 8


def _engine_and_table(kind: str, target: str):
    if kind == "sqlite":
        return sa.create_engine(f"sqlite:///{target}", poolclass=sa.pool.NullPool), "ledger_records"
    parsed = sa.engine.make_url(target)
    schema = parsed.query["schema"]
    engine = sa.create_engine(parsed.difference_update_query(["schema"]).set(drivername="postgresql+psycopg"))
    return engine, f'"{schema}".ledger_records'


class Stored:
    """Plain SQL on the ledger's table, as a person with write access to the database would use it."""

    def __init__(self, kind: str, target: str) -> None:
        self.kind, self.target = kind, target
        self.engine, self.table = _engine_and_table(kind, target)

    def rows(self) -> dict[int, tuple[str, str]]:
        with self.engine.connect() as conn:
            found = conn.execute(sa.text(f"SELECT seq, time, record FROM {self.table} ORDER BY seq"))
            return {seq: (time, text) for seq, time, text in found}

    def run(self, sql: str, **params) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.text(sql.format(table=self.table)), params)

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def ledger(backend):
    """A ledger of COUNT records appended in three runs; (kind, target, Stored)."""
    kind, target = backend
    with open_ledger(target) as led:
        led.append([hand_record(i) for i in (1, 2, 3)])
        led.append([hand_record(i) for i in (4, 5)])
        led.append([hand_record(i) for i in (6, 7, 8)])
    stored = Stored(kind, target)
    yield kind, target, stored
    stored.close()


def _verify(target: str):
    with open_ledger(target, create=False) as led:
        return led.verify()


def test_an_untouched_ledger_verifies(ledger):
    _, target, _ = ledger
    result = _verify(target)
    assert (result.ok, result.count, result.problems, result.head_seq) == (True, COUNT, [], COUNT)
    cli = run_cli("ledger", "verify", "--ledger", target)
    assert cli.exit_code == 0, cli.output
    assert f"{COUNT} records, chain intact" in cli.stdout


def test_one_byte_changed_in_a_stored_record_is_named(ledger):
    kind, target, stored = ledger
    before, after = b'"scanned":1005', b'"scanned":1095'  # one byte of record 5's text
    if kind == "sqlite":
        with open(target, "rb") as handle:
            data = handle.read()
        assert data.count(before) == 1
        at = data.index(before) + len(b'"scanned":10')
        with open(target, "r+b") as handle:  # the file itself, not through SQLite
            handle.seek(at)
            handle.write(b"9")
    else:
        stored.run(
            "UPDATE {table} SET record = replace(record, :a, :b) WHERE seq = 5", a=before.decode(), b=after.decode()
        )
    assert after.decode() in stored.rows()[5][1]
    result = _verify(target)
    assert result.problems == ["seq 5: edited (its stored text does not match its SHA-256)"]
    cli = run_cli("ledger", "verify", "--ledger", target)
    assert cli.exit_code == 1
    assert "seq 5: edited" in cli.stdout and "NOT INTACT" in cli.stdout


@pytest.mark.parametrize("seq", [1, 4, COUNT])
def test_a_deleted_record_is_named(ledger, seq):
    _, target, stored = ledger
    stored.run("DELETE FROM {table} WHERE seq = :s", s=seq)
    result = _verify(target)
    assert result.problems == [f"seq {seq}: removed"]
    assert run_cli("ledger", "verify", "--ledger", target).exit_code == 1


def test_a_forged_record_inserted_into_the_chain_is_named(ledger):
    """The forger chains a well-formed record after seq 3 (its own SHA-256 correct) and renumbers the rest."""
    _, target, stored = ledger
    third = json.loads(stored.rows()[3][1])
    forged = {**hand_record(99, asset="forged"), "seq": 4, "prev_sha256": third["sha256"]}
    forged["sha256"] = record_sha256(forged)
    stored.run("UPDATE {table} SET seq = seq + 1000 WHERE seq > 3")
    stored.run("UPDATE {table} SET seq = seq - 999 WHERE seq > 1000")
    stored.run("INSERT INTO {table} (seq, time, record) VALUES (4, :t, :r)", t=forged["time"], r=canonical_json(forged))
    result = _verify(target)
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].startswith("seq 4: inserted (stored at position 4")


def test_a_copied_record_appended_after_the_head_is_named(ledger):
    _, target, stored = ledger
    time, text = stored.rows()[3]
    stored.run("INSERT INTO {table} (seq, time, record) VALUES (:s, :t, :r)", s=COUNT + 1, t=time, r=text)
    result = _verify(target)
    assert result.problems == [
        f"seq 3: inserted (stored at position {COUNT + 1} after the ledger's head, not part of the chain)"
    ]


def test_two_swapped_records_are_both_named(ledger):
    _, target, stored = ledger
    rows = stored.rows()
    for seq, other in ((2, 6), (6, 2)):
        stored.run(
            "UPDATE {table} SET time = :t, record = :r WHERE seq = :s", t=rows[other][0], r=rows[other][1], s=seq
        )
    result = _verify(target)
    assert result.problems == [
        "seq 2: reordered (stored out of chain order)",
        "seq 6: reordered (stored out of chain order)",
    ]
    cli = run_cli("ledger", "verify", "--ledger", target, "--format", "json")
    assert cli.exit_code == 1
    assert json.loads(cli.stdout)["problems"] == result.problems


def test_appending_after_tampering_keeps_the_evidence(ledger):
    """A later scan chains onto the head; the tampered record is still named."""
    _, target, stored = ledger
    stored.run("DELETE FROM {table} WHERE seq = 4")
    with open_ledger(target) as led:
        appended = led.append([hand_record(9)])
    assert appended[0]["seq"] == COUNT + 1 and appended[0]["prev_sha256"] != GENESIS
    assert _verify(target).problems == ["seq 4: removed"]


def test_verify_of_a_missing_ledger_is_an_error(tmp_path):
    result = run_cli("ledger", "verify", "--ledger", str(tmp_path / "nothing.db"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nothing.db" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "nothing.db").exists()


@pytest.mark.parametrize(
    "url",
    ["postgresql://auditor:s3cret-pw@127.0.0.1:9/ledger", "postgresql://auditor@127.0.0.1:9/ledger?password=s3cret-pw"],
)
def test_a_ledger_url_never_shows_its_password(url):
    result = run_cli("ledger", "verify", "--ledger", url)
    assert result.exit_code == 2
    assert "s3cret-pw" not in result.stderr and urllib.parse.quote("s3cret-pw") not in result.stderr
    assert "postgresql://" in result.stderr and len(result.stderr.splitlines()) == 1
