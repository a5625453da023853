"""Cross-border volume per processor and year from the ledger (``compliance ledger exports``).

XB-2024 counts what a processor provides abroad **cumulatively since 1 January**, per processor,
leaving out flows an exemption covers (regulation.md section 7). From the ledger:

* a record counts in the year of its ``time`` (UTC);
* only flows with ``cross_border: true`` and no holding exemption (``exemption: null``) count;
* one export is one (asset id, flow id): scanning it again is not a second export. Its individuals
  are the **largest** number any of its records that year gave (a dataset that shrank later was still
  exported at its largest), and so for its sensitive individuals;
* a flow whose individuals are unknown (``null``) makes the processor's total unknown (``None``):
  the evaluation then fails closed, as for an absent ``exported_this_year``;
* the processor is the flow's ``processor`` (the project file's ``processor.name``; ``None`` when
  the project names none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

FROM_LEDGER = "from_ledger"
UNNAMED = None


@dataclass
class ProcessorExports:
    processor: str | None
    year: int
    individuals: int | None = 0  # None: a counted flow did not know its individuals
    sensitive_individuals: int | None = 0
    flows: list[dict] = field(default_factory=list)  # one per (asset, flow): asset, flow, individuals...
    exempt_flows: int = 0  # cross-border flows left out because an exemption holds

    def as_dict(self) -> dict:
        return {
            "processor": self.processor,
            "year": self.year,
            "individuals": self.individuals,
            "sensitive_individuals": self.sensitive_individuals,
            "flows": self.flows,
            "exempt_flows": self.exempt_flows,
        }


def _larger(a: int | None, b: int | None, seen: bool) -> int | None:
    if not seen:
        return b
    if a is None or b is None:
        return None
    return max(a, b)


def _belongs(asset_id: str, manifest_id: str) -> bool:
    return asset_id == manifest_id or asset_id.startswith(manifest_id + "#")


def yearly_exports(
    records: Iterable[dict], year: int, exclude: set[tuple[str, str]] = frozenset()
) -> list[ProcessorExports]:
    """Per processor (sorted, unnamed last), the cross-border flows of ``year`` and their sums.

    ``exclude``: (manifest id, flow id) pairs left out (a scan's own flows, counted by the scan itself)."""
    from ..redact import safe_name

    excluded = {(safe_name(m), safe_name(f)) for m, f in exclude}
    flows: dict[tuple, dict] = {}
    exempt: dict[str | None, set] = {}
    prefix = f"{year:04d}-"
    for record in records:
        if not str(record.get("time", "")).startswith(prefix):
            continue
        asset = (record.get("asset") or {}).get("id")
        for flow in record.get("flows") or ():
            if not flow.get("cross_border"):
                continue
            if any(_belongs(asset, m) and flow.get("id") == f for m, f in excluded):
                continue
            processor = flow.get("processor")
            key = (processor, asset, flow.get("id"))
            if flow.get("exemption"):
                exempt.setdefault(processor, set()).add(key)
                continue
            sensitive = flow.get("sensitive_individuals")
            found = flows.get(key)
            entry = found or {"asset": asset, "flow": flow.get("id"), "records": 0}
            entry["individuals"] = _larger(entry.get("individuals"), flow.get("individuals"), found is not None)
            entry["sensitive_individuals"] = _larger(entry.get("sensitive_individuals"), sensitive, found is not None)
            entry["records"] += 1
            entry["last_seen"] = record.get("time")
            flows[key] = entry
    names = {k[0] for k in flows} | set(exempt)
    out = []
    for name in sorted(names, key=lambda n: (n is None, n or "")):
        totals = ProcessorExports(name, year, exempt_flows=len(exempt.get(name, ())))
        for key, entry in sorted(flows.items(), key=lambda kv: (str(kv[0][1]), str(kv[0][2]))):
            if key[0] != name:
                continue
            totals.flows.append(entry)
            for field_name in ("individuals", "sensitive_individuals"):
                value, total = entry[field_name], getattr(totals, field_name)
                setattr(totals, field_name, None if value is None or total is None else total + value)
        out.append(totals)
    return out


def exported_this_year(
    records: Iterable[dict], year: int, processor: str | None, exclude: set[tuple[str, str]] = frozenset()
) -> dict[str, int | None]:
    """``processor.exported_this_year`` for ``processor`` (its name as in the project file) from the ledger."""
    from ..redact import safe_optional

    name = safe_optional(str(processor)) if processor is not None else None
    for totals in yearly_exports(records, year, exclude):
        if totals.processor == name:
            return {"individuals": totals.individuals, "sensitive_individuals": totals.sensitive_individuals}
    return {"individuals": 0, "sensitive_individuals": 0}
