"""``compliance ledger verify``: name each edited, removed, inserted or reordered record by its seq.

The stored rows are read in storage order (their key) together with the ledger's head (the seq and
SHA-256 of the last record appended, updated in the same transaction as the records). The chain is
walked backwards from the head along ``prev_sha256``:

* **edited**: a record whose stored text is not the canonical JSON of a record whose ``sha256``
  matches its content, or whose SHA-256 is not the one its successor (or the head) chains to;
* **removed**: a seq between 1 and the head's seq that no record on the chain holds;
* **inserted**: a stored record that is not on the chain (a forged or copied record, or one after
  the head);
* **reordered**: a record on the chain stored out of chain order (two swapped records: both named).

Verification is read-only and needs no secret: it proves the ledger was not changed *after* the
records were written without also rewriting every later record and the head (see README "Scan ledger").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .chain import GENESIS, canonical_json, record_sha256


@dataclass(frozen=True)
class StoredRow:
    key: int  # the storage key (the seq the record was written under)
    time: str | None  # the indexed time column
    text: str  # the stored canonical JSON


@dataclass
class LedgerVerification:
    ok: bool
    count: int  # records stored
    problems: list[str] = field(default_factory=list)  # "seq N: edited (...)", sorted by seq
    head_seq: int = 0
    head_sha256: str | None = None

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "count": self.count,
            "problems": list(self.problems),
            "head": {"seq": self.head_seq, "sha256": self.head_sha256},
        }


@dataclass
class _Entry:
    position: int  # index in storage order
    key: int
    seq: int
    sha: str | None
    prev: str | None
    intact: bool  # parses, is canonical, its sha256 matches its content and the time column


def _entry(position: int, row: StoredRow) -> _Entry:
    try:
        record = json.loads(row.text)
    except (TypeError, ValueError):
        return _Entry(position, row.key, row.key, None, None, False)
    if not isinstance(record, dict):
        return _Entry(position, row.key, row.key, None, None, False)
    seq = record.get("seq")
    seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else row.key
    sha, prev = record.get("sha256"), record.get("prev_sha256")
    sha = sha if isinstance(sha, str) else None
    prev = prev if isinstance(prev, str) else None
    intact = (
        sha is not None
        and canonical_json(record) == row.text
        and record_sha256(record) == sha
        and (row.time is None or record.get("time") == row.time)
    )
    # an edited record's own seq cannot be trusted: it is named by the seq it was stored under
    return _Entry(position, row.key, seq if intact else row.key, sha, prev, intact)


class _Problems:
    def __init__(self) -> None:
        self._by_seq: dict[int, list[str]] = {}

    def add(self, seq: int, what: str) -> None:
        found = self._by_seq.setdefault(seq, [])
        if what not in found:
            found.append(what)

    def has(self, seq: int) -> bool:
        return seq in self._by_seq

    def lines(self) -> list[str]:
        return [f"seq {seq}: {what}" for seq in sorted(self._by_seq) for what in self._by_seq[seq]]


def _predecessor(
    cur: _Entry, unmarked: dict[int, _Entry], by_sha: dict[str, list[_Entry]]
) -> tuple[_Entry | None, bool]:
    """The record ``cur`` chains to (linked=True), else the best candidate for the chain's next step.

    ``unmarked`` maps storage positions (in storage order) to the entries not yet on the chain;
    ``by_sha`` indexes every entry by its ``sha256``, so an intact chain is walked in linear time."""
    linked = [e for e in by_sha.get(cur.prev, ()) if e.position in unmarked] if cur.prev is not None else []
    if linked:  # a copy of a record may exist: prefer the one stored before cur, nearest first
        linked.sort(key=lambda e: (e.position > cur.position, abs(cur.position - e.position)))
        return linked[0], True
    below = [e for e in unmarked.values() if e.seq < cur.seq]
    if not below:
        return None, False
    below.sort(key=lambda e: (-e.seq, not e.intact, abs(cur.position - e.position)))
    return below[0], False


def verify_rows(rows: list[StoredRow], head: tuple[int, str] | None) -> LedgerVerification:
    """Verify stored rows (in storage order) against the head (seq, sha256) or None (no head row)."""
    entries = [_entry(i, row) for i, row in enumerate(rows)]
    problems = _Problems()
    if head is None and not entries:
        return LedgerVerification(True, 0)
    head_seq, head_sha = head if head is not None else (max(e.seq for e in entries), None)
    if head is None:
        problems.add(head_seq, "the ledger's head record is missing (the ledger was truncated or rebuilt)")
    if head_seq == 0 and head_sha == GENESIS and not entries:
        return LedgerVerification(True, 0, head_seq=0, head_sha256=head_sha)

    for e in entries:
        if not e.intact:
            problems.add(e.seq, "edited (its stored text does not match its SHA-256)")

    unmarked = {e.position: e for e in entries}
    by_sha: dict[str, list[_Entry]] = {}
    for e in entries:
        if e.sha is not None:
            by_sha.setdefault(e.sha, []).append(e)
    chain: list[_Entry] = []
    start = [e for e in unmarked.values() if head_sha is not None and e.sha == head_sha]
    cur = None
    if start:
        start.sort(key=lambda e: (e.seq != head_seq, -e.position))
        cur = start[0]
    else:
        at_head = [e for e in unmarked.values() if e.seq <= head_seq]
        if at_head:
            at_head.sort(key=lambda e: (-e.seq, not e.intact, -e.position))
            cur = at_head[0]
            if cur.seq == head_seq and head is not None:
                problems.add(cur.seq, "edited (not the record the ledger's head names)")
    while cur is not None:
        chain.append(cur)
        del unmarked[cur.position]
        if cur.prev == GENESIS and cur.intact:
            break
        nxt, linked = _predecessor(cur, unmarked, by_sha)
        if nxt is not None and not linked and nxt.seq == cur.seq - 1 and nxt.intact and cur.intact:
            problems.add(nxt.seq, f"edited (its SHA-256 is not the one seq {cur.seq} chains to)")
        cur = nxt

    on_chain = {e.seq for e in chain}
    for seq in range(1, head_seq + 1):
        if seq not in on_chain:
            problems.add(seq, "removed")
    head_position = chain[0].position if chain else -1
    for e in unmarked.values():
        after = " after the ledger's head" if e.seq > head_seq or e.position > head_position else ""
        problems.add(e.seq, f"inserted (stored at position {e.position + 1}{after}, not part of the chain)")

    by_seq = sorted(chain, key=lambda e: (e.seq, e.position))
    by_position = sorted(chain, key=lambda e: e.position)
    for rank, entry in enumerate(by_seq):
        if by_position[rank] is not entry:
            problems.add(entry.seq, "reordered (stored out of chain order)")

    lines = problems.lines()
    return LedgerVerification(not lines, len(entries), lines, head_seq, head_sha)
