"""Reading ledger records (``schemas/ledger-record.schema.json``): the latest state of each asset.

Catalogue and audit report read the same records; these helpers say once what "latest", "open" and
"when" mean. A record is one asset in one scan run; records come in chain order, which is time order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

Record = dict[str, Any]


def record_time(record: Record) -> datetime.datetime:
    """The record's ``time`` as an aware UTC datetime (``2026-12-03T13:00:00Z``)."""
    return parse_time(record["time"])


def parse_time(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def latest_per_asset(records: Iterable[Record]) -> dict[str, Record]:
    """Asset id -> its last record (chain order), sorted by asset id."""
    latest: dict[str, Record] = {}
    for record in records:
        latest[record["asset"]["id"]] = record
    return dict(sorted(latest.items()))


def _expired(suppression: dict[str, Any], today: datetime.date | None) -> bool:
    expires = suppression.get("expires")
    if today is None or not expires:
        return False
    try:
        return datetime.date.fromisoformat(str(expires)[:10]) < today
    except ValueError:
        return True  # an unreadable expiry cannot be shown valid: fail closed


def suppressed_fingerprints(record: Record, today: datetime.date | None = None) -> set[str]:
    """Fingerprints a waiver or baseline entry suppresses; with ``today``, expired waivers no longer do."""
    return {
        s["fingerprint"] for s in record.get("suppressions") or () if s.get("fingerprint") and not _expired(s, today)
    }


def open_violations(record: Record, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """The record's violations that no waiver or baseline entry suppresses (as of ``today``: a waiver
    that has expired since the scan suppresses nothing any more)."""
    suppressed = suppressed_fingerprints(record, today)
    return [v for v in record.get("violations") or () if v.get("fingerprint") not in suppressed]


def manifest_for(asset_id: str, manifests_by_id: dict[str, Any]) -> Any | None:
    """The manifest an asset id comes from: ``id`` itself, or ``id#member`` for a glob's files."""
    if asset_id in manifests_by_id:
        return manifests_by_id[asset_id]
    head = asset_id.split("#", 1)[0]
    return manifests_by_id.get(head)
