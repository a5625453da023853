"""Version 0 → 1.

Version 0 is the baseline teams made before the format existed: a bare JSON array of the violations of
a JSON report, each with the id of its asset added, e.g. made with
``jq '[.assets[] as $a | $a.violations[] | . + {asset: $a.id}]' report.json``::

    [{"asset": "shop/customers", "rule": "DCS-CL-002", "severity": "medium", "column": "phone",
      "flow": null, "fingerprint": "92907df0...", "message": "...", "title": "...", ...}]

It has no version, no record of the policy pack and keeps report-only keys. Version 1 wraps the entries
in a versioned document, keeps only the keys that identify a violation, drops duplicates and sorts
them; the pack is recorded as unknown (``policy: null``) until the next ``baseline create``.
"""

from __future__ import annotations

from typing import Any

ENTRY_KEYS = ("fingerprint", "rule", "asset", "column", "flow", "severity")


def _entry(item: Any) -> Any:
    if not isinstance(item, dict):
        return item  # left for the schema to report with its position
    entry = {key: item.get(key) for key in ENTRY_KEYS}
    return {key: value for key, value in entry.items() if value is not None or key in ("column", "flow")}


def upgrade(data: list[Any]) -> dict[str, Any]:
    entries = [_entry(item) for item in data]
    unique: dict[Any, Any] = {}
    for entry in entries:
        key = entry.get("fingerprint") if isinstance(entry, dict) else None
        unique[key if isinstance(key, str) else id(entry)] = entry

    def order(entry: Any) -> tuple[str, ...]:
        if not isinstance(entry, dict):
            return ("",)
        return tuple(str(entry.get(k) or "") for k in ("asset", "rule", "flow", "column", "fingerprint"))

    return {
        "version": 1,
        "tool": "dataflow-compliance",
        "created_by_version": "unknown",
        "policy": None,
        "entries": sorted(unique.values(), key=order),
    }
