"""The hash chain: canonical JSON of a record, its SHA-256, and how a run's records are linked.

Each record holds ``prev_sha256`` (the previous record's ``sha256``, 64 zeros for the first) and
``sha256``: the SHA-256 of its own canonical JSON without the ``sha256`` key. Canonical JSON is
``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``, UTF-8 encoded: the same
record gives the same bytes on every machine, so anyone can recompute the chain with ``jq`` and
``sha256sum``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical_json(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_sha256(record: dict[str, Any]) -> str:
    """SHA-256 (hex) of the record's canonical JSON without its own ``sha256`` key."""
    body = {k: v for k, v in record.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def chained(records: list[dict[str, Any]], last_seq: int, last_sha256: str) -> list[dict[str, Any]]:
    """Copies of ``records`` numbered after ``last_seq`` and linked after ``last_sha256``."""
    out = []
    prev = last_sha256
    for offset, record in enumerate(records, start=1):
        linked = {k: v for k, v in record.items() if k not in ("seq", "prev_sha256", "sha256")}
        linked["seq"] = last_seq + offset
        linked["prev_sha256"] = prev
        linked["sha256"] = prev = record_sha256(linked)
        out.append(linked)
    return out
