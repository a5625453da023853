"""Version 1 → 2.

Version 1 entries identify a violation by fingerprint, rule, asset, column, flow and severity::

    {"fingerprint": "92907df0...", "rule": "DCS-CL-002", "asset": "shop/customers", "column": "phone",
     "flow": null, "severity": "medium"}

Version 2 adds the asset's detected ``level`` and ``categories`` when the violation was accepted, so
that an escalated asset makes the entry stale. Version 1 never recorded them: they become ``null``
(not recorded, so not compared) until the next ``baseline create``; everything else is unchanged.
"""

from __future__ import annotations

from typing import Any


def _entry(item: Any) -> Any:
    if not isinstance(item, dict):
        return item  # left for the schema to report with its position
    return {**item, "level": None, "categories": None}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    entries = data.get("entries")
    return {
        **data,
        "version": 2,
        "entries": [_entry(item) for item in entries] if isinstance(entries, list) else entries,
    }
