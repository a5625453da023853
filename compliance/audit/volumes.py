"""Cross-border volume this year against the XB-2024 thresholds (pack ``settings.cross_border``).

XB-2024 counts per processor, cumulatively since 1 January. From the ledger: every cross-border flow
recorded this year, each (asset, flow) counted once at its latest record of the year, with the flow's
recorded individuals and sensitive individuals (else the asset's distinct-individuals estimate, all of
it sensitive when the asset holds a sensitive category). As the route decision does
(``compliance.evaluate.cross_border``), all individuals count against 100,000 / 1,000,000 and those with
sensitive PI also against 10,000. A flow holding an exemption (XB-2024 Arts 3-6) is not counted; one
of an unknown volume counts as above every threshold (fail closed, as the route decision does).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from ..catalog.records import Record, record_time
from ..evaluate.cross_border import CONTRACT_OR_CERTIFICATION, NONE, SECURITY_ASSESSMENT, Thresholds
from ..redact import safe_name
from .model import CrossBorder, ProcessorVolume

UNNAMED = "(processor not recorded)"


def _sensitive(record: Record, pack) -> bool:
    categories = record.get("categories") or ()
    if pack is None:
        return any("sensitive" in c for c in categories)
    return any((cat := pack.category(c)) is not None and cat.sensitive for c in categories)


def route_for(individuals: int, sensitive: int, limits: Thresholds) -> tuple[str, str]:
    if individuals >= limits.assessment_individuals or sensitive >= limits.assessment_sensitive:
        return SECURITY_ASSESSMENT, "XB-2024 Art 7"
    if individuals >= limits.small_volume or sensitive > 0:
        return CONTRACT_OR_CERTIFICATION, "XB-2024 Art 8"
    return NONE, "XB-2024 Art 5(4)"


def cross_border(records: Iterable[Record], now: datetime.datetime, pack) -> CrossBorder:
    limits = Thresholds.from_settings(pack.settings if pack is not None else None)
    latest: dict[tuple[str, str], tuple[Record, dict]] = {}
    for record in records:
        moment = record_time(record)
        if moment.year != now.year or moment > now:
            continue
        for flow in record.get("flows") or ():
            if flow.get("cross_border") and not flow.get("exemption"):  # an exempt flow is not counted
                latest[(record["asset"]["id"], str(flow.get("id")))] = (record, flow)
    individuals: dict[str, int] = defaultdict(int)
    sensitive: dict[str, int] = defaultdict(int)
    flows: dict[str, int] = defaultdict(int)
    unknown = limits.assessment_individuals  # an unknown volume is taken as above every threshold
    for record, flow in latest.values():
        processor = safe_name(str(flow.get("processor") or UNNAMED))
        estimate = flow.get("individuals")
        if estimate is None:
            estimate = (record.get("individuals") or {}).get("estimate")
        volume = unknown if estimate is None else int(estimate)
        held = flow.get("sensitive_individuals")
        individuals[processor] += volume
        sensitive[processor] += int(held) if held is not None else volume if _sensitive(record, pack) else 0
        flows[processor] += 1
    rows = []
    for processor in sorted(flows):
        route, article = route_for(individuals[processor], sensitive[processor], limits)
        rows.append(
            ProcessorVolume(processor, individuals[processor], sensitive[processor], flows[processor], route, article)
        )
    return CrossBorder(year=now.year, thresholds=limits.as_dict(), processors=tuple(rows))
