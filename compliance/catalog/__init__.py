"""Data resource catalogue (数据资源目录, PLAN-2025 task (一)) and the important-data identification list.

    entries = catalog_entries(records, manifests)     # one entry per asset, latest record wins
    items = important_items(entries, manifests_by_id(manifests), pack)
    render_catalog(entries, "xlsx", lang="zh", meta={...}) -> bytes (str for csv, json, markdown)

Records are ledger records (``compliance.ledger``): the latest per asset read from a ledger, or the
records a scan would append (``records_from_report``), so a catalogue from a scan and one from the
ledger after that scan agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from .entry import CatalogEntry, CatalogFlow, entry_from_record
from .formats import FORMATS, TO_FILL, render_catalog, render_important
from .important import ImportantItem, important_items
from .records import Record, latest_per_asset, open_violations


def manifests_by_id(manifests: Iterable[Any]) -> dict[str, Any]:
    return {m.id: m for m in manifests}


def catalog_entries(
    records: Iterable[Record], manifests: Iterable[Any] = (), today: datetime.date | None = None
) -> list[CatalogEntry]:
    """One entry per asset (its latest record), sorted by asset id; violations open as of ``today``."""
    by_id = manifests_by_id(manifests)
    return [entry_from_record(record, by_id, today) for record in latest_per_asset(records).values()]


__all__ = [
    "FORMATS",
    "TO_FILL",
    "CatalogEntry",
    "CatalogFlow",
    "ImportantItem",
    "catalog_entries",
    "important_items",
    "latest_per_asset",
    "manifests_by_id",
    "open_violations",
    "render_catalog",
    "render_important",
]
