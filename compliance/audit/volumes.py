"""Cross-border volume this year against the XB-2024 thresholds (pack ``settings.cross_border``).

The volumes are ``compliance ledger exports``' own (:func:`compliance.ledger.exports.yearly_exports`):
per processor, the records of the report's year up to its "now", each cross-border (asset, flow) once
at the largest number of individuals its records gave, exempt flows left out, and an unknown number
making the total unknown. The route is then the one those totals require, as the route decision does
(``compliance.evaluate.cross_border``): all individuals against 100,000 / 1,000,000, those with
sensitive PI also against 10,000 (any sensitive PI leaves the Art 5(4) exemption); an unknown total
is taken as above every threshold (fail closed).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ..catalog.records import Record, record_time
from ..evaluate.cross_border import CONTRACT_OR_CERTIFICATION, NONE, SECURITY_ASSESSMENT, Thresholds
from ..ledger.exports import yearly_exports
from ..redact import safe_name
from .model import CrossBorder, ProcessorVolume

UNNAMED = "(processor not recorded)"


def route_for(individuals: int | None, sensitive: int | None, limits: Thresholds) -> tuple[str, str]:
    if individuals is None or sensitive is None:
        return SECURITY_ASSESSMENT, "XB-2024 Art 7"  # unknown: above every threshold
    if individuals >= limits.assessment_individuals or sensitive >= limits.assessment_sensitive:
        return SECURITY_ASSESSMENT, "XB-2024 Art 7"
    if individuals >= limits.small_volume or sensitive > 0:
        return CONTRACT_OR_CERTIFICATION, "XB-2024 Art 8"
    return NONE, "XB-2024 Art 5(4)"


def cross_border(records: Iterable[Record], now: datetime.datetime, pack) -> CrossBorder:
    limits = Thresholds.from_settings(pack.settings if pack is not None else None)
    so_far = [r for r in records if record_time(r) <= now]
    rows = []
    for totals in yearly_exports(so_far, now.year):
        if not totals.flows:
            continue  # only exempt flows: nothing counts
        route, article = route_for(totals.individuals, totals.sensitive_individuals, limits)
        name = safe_name(str(totals.processor)) if totals.processor is not None else UNNAMED
        rows.append(
            ProcessorVolume(name, totals.individuals, totals.sensitive_individuals, len(totals.flows), route, article)
        )
    return CrossBorder(year=now.year, thresholds=limits.as_dict(), processors=tuple(rows))
