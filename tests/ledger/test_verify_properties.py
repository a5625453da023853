"""Property: any one tampering of a chain of any length is named, and only the tampered seqs are named."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.ledger.chain import GENESIS, canonical_json, chained, record_sha256
from compliance.ledger.verify import StoredRow, verify_rows

from .ledger_support import hand_record


def _chain(n: int) -> list[StoredRow]:
    records = chained([hand_record(i) for i in range(1, n + 1)], 0, GENESIS)
    return [StoredRow(r["seq"], r["time"], canonical_json(r)) for r in records]


def _head(rows: list[StoredRow]) -> tuple[int, str]:
    last = json.loads(rows[-1].text)
    return last["seq"], last["sha256"]


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 14), st.data())
def test_each_kind_of_tampering_names_exactly_the_tampered_records(n, data):
    rows = _chain(n)
    head = _head(rows)
    kinds = ["edit", "edit_hash", "edit_prev", "edit_seq", "break_json", "delete", "insert", "swap", "move_time"]
    kind = data.draw(st.sampled_from(kinds))
    k = data.draw(st.integers(1, n))
    if kind == "edit":
        record = json.loads(rows[k - 1].text)
        record["actor"] = "someone else"
        rows[k - 1] = StoredRow(k, rows[k - 1].time, canonical_json(record))
        expected = {(k, "edited")}
    elif kind == "edit_hash":  # the forger recomputes the record's own hash: its successor (or the head) disagrees
        record = json.loads(rows[k - 1].text)
        record["rows"]["scanned"] += 1
        record["sha256"] = record_sha256(record)
        rows[k - 1] = StoredRow(k, rows[k - 1].time, canonical_json(record))
        expected = {(k, "edited")}
    elif kind in ("edit_prev", "edit_seq", "break_json"):  # the chain fields themselves, or the JSON, damaged
        text = rows[k - 1].text
        if kind == "break_json":
            text = text[:-1]
        else:
            record = json.loads(text)
            if kind == "edit_prev":
                record["prev_sha256"] = "f" * 64
            else:
                record["seq"] = n + 7
            text = canonical_json(record)
        rows[k - 1] = StoredRow(k, rows[k - 1].time, text)
        expected = {(k, "edited")}
    elif kind == "delete":
        del rows[k - 1]
        expected = {(k, "removed")}
    elif kind == "insert":  # a well-formed record chained after k-1, the rest renumbered
        prev = json.loads(rows[k - 2].text)["sha256"] if k > 1 else GENESIS
        forged = {**hand_record(500), "seq": k, "prev_sha256": prev}
        forged["sha256"] = record_sha256(forged)
        rows.insert(k - 1, StoredRow(k, forged["time"], canonical_json(forged)))
        rows = [StoredRow(i + 1, r.time, r.text) for i, r in enumerate(rows)]
        expected = {(k, "inserted")}
    elif kind == "swap":
        j = data.draw(st.integers(1, n).filter(lambda j: j != k))
        a, b = rows[k - 1], rows[j - 1]
        rows[k - 1], rows[j - 1] = StoredRow(k, b.time, b.text), StoredRow(j, a.time, a.text)
        expected = {(k, "reordered"), (j, "reordered")}
    else:  # the indexed time column changed, the record text left alone
        rows[k - 1] = StoredRow(k, "2020-01-01T00:00:00Z", rows[k - 1].text)
        expected = {(k, "edited")}
    result = verify_rows(rows, head)
    named = {(int(p.split(":")[0].split()[1]), p.split(": ")[1].split()[0]) for p in result.problems}
    assert not result.ok
    assert named == expected, (kind, k, result.problems)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 20))
def test_an_untouched_chain_of_any_length_verifies(n):
    rows = _chain(n) if n else []
    result = verify_rows(rows, _head(rows) if rows else (0, GENESIS))
    assert result.ok and result.count == n and result.problems == []
