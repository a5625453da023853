"""One row of the data resource catalogue (数据资源目录, PLAN-2025 task (一)): an asset as last scanned.

Built from a ledger record (a scan's records or the ledger's latest per asset) and, when the asset
comes from a manifest, the manifest's title and owner. Every string is passed through the masking gate
here (``safe_name``): records are masked by the ledger already, manifests are not, and a catalogue
must not leak a personal value whichever way it was built.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..redact import safe_name, safe_optional
from .records import Record, manifest_for, open_violations


@dataclass(frozen=True)
class CatalogFlow:
    id: str
    type: str | None
    decision: str | None
    recipient: str | None
    cross_border: bool

    def label(self) -> str:
        """``id (type, decision) -> recipient`` for one-cell formats."""
        facts = ", ".join(x for x in (self.type, self.decision) if x)
        text = f"{self.id} ({facts})" if facts else self.id
        return f"{text} -> {self.recipient}" if self.recipient else text


@dataclass(frozen=True)
class CatalogEntry:
    asset: str
    title: str | None
    owner: str | None
    source: str
    table: str | None
    manifest: str | None
    rows_scanned: int | None
    rows_total: int | None
    rows_total_is_estimate: bool
    level_declared: str | None
    level_detected: str | None
    categories: tuple[str, ...]
    personal_columns: tuple[str, ...]
    sensitive_columns: tuple[str, ...]
    individuals: int | None
    individuals_exact: bool
    flows: tuple[CatalogFlow, ...]
    last_scan: str
    status: str
    open_violations: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "asset": self.asset,
            "title": self.title,
            "owner": self.owner,
            "source": self.source,
            "table": self.table,
            "manifest": self.manifest,
            "rows": {
                "scanned": self.rows_scanned,
                "total": self.rows_total,
                "total_is_estimate": self.rows_total_is_estimate,
            },
            "level": {"declared": self.level_declared, "detected": self.level_detected},
            "categories": list(self.categories),
            "columns": {"personal": list(self.personal_columns), "sensitive": list(self.sensitive_columns)},
            "individuals": {"estimate": self.individuals, "exact": self.individuals_exact},
            "flows": [
                {
                    "id": f.id,
                    "type": f.type,
                    "decision": f.decision,
                    "recipient": f.recipient,
                    "cross_border": f.cross_border,
                }
                for f in self.flows
            ],
            "last_scan": self.last_scan,
            "status": self.status,
            "open_violations": self.open_violations,
        }


def _names(values) -> tuple[str, ...]:
    return tuple(safe_name(str(v)) for v in values or ())


def _flow(raw: dict[str, Any]) -> CatalogFlow:
    return CatalogFlow(
        id=safe_name(str(raw.get("id") or "")),
        type=safe_optional(raw.get("type")),
        decision=safe_optional(raw.get("decision")),
        recipient=safe_optional(raw.get("recipient")),
        cross_border=bool(raw.get("cross_border")),
    )


def entry_from_record(
    record: Record, manifests_by_id: dict[str, Any] | None = None, today: datetime.date | None = None
) -> CatalogEntry:
    asset = record["asset"]
    manifest = manifest_for(asset["id"], manifests_by_id or {})
    rows = record.get("rows") or {}
    level = record.get("level") or {}
    columns = record.get("columns") or {}
    individuals = record.get("individuals") or {}
    owner = asset.get("owner") or (manifest.owner if manifest is not None else None)
    return CatalogEntry(
        asset=safe_name(asset["id"]),
        title=safe_optional(manifest.title if manifest is not None else None),
        owner=safe_optional(owner),
        source=safe_name(asset.get("source") or ""),
        table=safe_optional(asset.get("table")),
        manifest=safe_optional(asset.get("manifest")),
        rows_scanned=rows.get("scanned"),
        rows_total=rows.get("total"),
        rows_total_is_estimate=bool(rows.get("total_is_estimate")),
        level_declared=level.get("declared"),
        level_detected=level.get("detected"),
        categories=tuple(record.get("categories") or ()),
        personal_columns=_names(columns.get("personal")),
        sensitive_columns=_names(columns.get("sensitive")),
        individuals=individuals.get("estimate"),
        individuals_exact=bool(individuals.get("exact")),
        flows=tuple(_flow(f) for f in record.get("flows") or ()),
        last_scan=record["time"],
        status=record.get("status") or "ok",
        open_violations=len(open_violations(record, today)),
    )
