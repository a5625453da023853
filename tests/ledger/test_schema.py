"""schemas/ledger-record.schema.json is a valid draft 2020-12 schema that accepts what the ledger writes and
refuses records that break the contract (the AUDIT fixtures build records by hand against it)."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from compliance.ledger import GENESIS, LedgerError, open_ledger
from compliance.ledger.chain import chained

from .ledger_support import cross_border_flow, hand_record
from .test_scan_records import SCHEMA


def test_the_schema_is_valid_and_accepts_chained_records():
    Draft202012Validator.check_schema(SCHEMA)
    validator = Draft202012Validator(SCHEMA)
    records = chained([hand_record(1, flows=[cross_border_flow("eu", 10)]), hand_record(2)], 0, GENESIS)
    assert [list(validator.iter_errors(r)) for r in records] == [[], []]


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.pop("asset"),
        lambda r: r.update(exit_code=3),
        lambda r: r.update(time="2026-12-03 13:00"),
        lambda r: r["flows"].append({"id": "x"}),
        lambda r: r.update(raw_values=["11010519491231002X"]),  # no room for anything undeclared
        lambda r: r["violations"].append(
            {"rule": "R", "severity": "urgent", "fingerprint": "f", "message": "m", "references": []}
        ),
    ],
)
def test_append_refuses_a_record_that_breaks_the_contract(tmp_path, damage):
    record = copy.deepcopy(hand_record(1))
    damage(record)
    with open_ledger(str(tmp_path / "ledger.db")) as led, pytest.raises(LedgerError, match=r"ledger-record\.schema"):
        led.append([record])
    with open_ledger(str(tmp_path / "ledger.db"), create=False) as led:
        assert list(led.records()) == [] and led.verify().ok
