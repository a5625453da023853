"""The anonymity checks inside ``compliance scan``, for assets whose manifest says ``state: anonymized`` or
``deidentified``: measure on the data, so the manifest's k and l are claims, not facts.

``attach`` (before the rules run) reads the whole table, measures it over
``anonymisation.quasi_identifiers`` (or the suggested ones when none are declared) and
``anonymisation.sensitive`` (or the columns detected as sensitive), finds pseudonym columns and checks a
JSON evidence file named by ``anonymisation.evaluation_ref``; the figures become the ``asset.anonymity.*``
facts (docs/policy-format.md) that DCS-AN-003/004/005/006/008/009 read. ``annotate`` (after) adds the
measured and claimed figures to those rules' messages ("claimed k 12, measured 3").
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..errors import ComplianceError
from ..redact import safe_name
from .check import Targets, measure_table, record_counts
from .data import read_table
from .evidence import verify
from .pseudonyms import pseudonym_columns
from .suggest import suggest

log = logging.getLogger(__name__)

STATES = ("anonymized", "deidentified")
MEASURED_RULES = ("DCS-AN-003", "DCS-AN-004", "DCS-AN-005", "DCS-AN-008", "DCS-AN-010")


def _sensitive_columns(scan, pack, qis: list[str]) -> list[str]:
    out = []
    for column in scan.columns:
        category = pack.category(column.category) if column.category else None
        if category is not None and category.sensitive and column.name not in qis:
            out.append(column.name)
    return out


def measure_asset(scan, manifest, pack, engine: str = "local") -> dict | None:
    """The ``asset.anonymity`` facts of one scanned asset (None when its state asks for none). With
    ``engine="spark"`` the figures come from Spark group-bys where Spark reads the source as the local
    reader does (``compliance/engines/spark_anonymity.py``); pseudonyms and suggested quasi-identifiers
    still come from the whole table read here."""
    if manifest is None or manifest.state not in STATES or scan.error:
        return None
    claim = manifest.data.get("anonymisation") or {}
    settings = pack.settings.get("anonymisation") or {}
    targets = Targets(k=int(settings.get("k_controlled", 5)))
    facts: dict = {"measured": False}
    try:
        data, _ = read_table(scan.source, table=scan.table)
    except ComplianceError as err:
        facts["error"] = f"could not be read for measuring: {err}"
        return facts
    entities = {c.name: [hit.type for hit in c.entities] for c in scan.columns}
    pseudonyms = pseudonym_columns(data)
    facts["pseudonym_columns"] = [p.column for p in pseudonyms]
    facts["pseudonyms"] = [p.as_dict() for p in pseudonyms]
    reference = claim.get("evaluation_ref")
    if reference:
        facts["evidence"], _ = verify(str(reference), str(manifest.folder), scan.source)
    declared = list(claim.get("quasi_identifiers") or [])
    named = (
        declared + list(claim.get("sensitive") or []) + ([claim["count_column"]] if claim.get("count_column") else [])
    )
    missing = [c for c in named if c not in data.column_names]
    if missing:
        facts["error"] = "declared column(s) not in the data: " + ", ".join(missing)
        return facts
    if declared:
        qis, origin = declared, "declared"
    else:
        direct = {c.name for c in scan.columns if any(_is_direct(pack, hit.type) for hit in c.entities)}
        excluded = frozenset(direct | set(facts["pseudonym_columns"]) | {claim.get("count_column")})
        suggestions = suggest(data, entities, excluded)
        qis, origin = [s.column for s in suggestions], "suggested"
        facts["suggested"] = [s.as_dict() for s in suggestions]
    sensitive = list(claim.get("sensitive") or []) or _sensitive_columns(scan, pack, qis)
    facts.update(quasi_identifiers=qis, quasi_identifiers_from=origin, sensitive=sensitive)
    if not qis:
        facts["error"] = "no quasi-identifier declared or suggested"
        return facts
    measured = _on_spark(scan, qis, sensitive, targets.k, claim.get("count_column")) if engine == "spark" else None
    if measured is None:
        weights = record_counts(data, claim.get("count_column"), scan.source)
        measured = measure_table(data, qis, sensitive, targets, weights=weights)
    measurement, smallest = measured
    facts.update(
        measured=True,
        records=measurement.records,
        classes=measurement.classes,
        k=measurement.k,
        l=measurement.l,
        entropy_l=min((s.entropy_l for s in measurement.sensitive if s.entropy_l is not None), default=None),
        t=None if measurement.t is None else round(measurement.t, 6),
        max_risk=round(measurement.risk.maximum, 6) if measurement.risk else None,
        average_risk=round(measurement.risk.average, 6) if measurement.risk else None,
        records_at_risk=round(measurement.risk.records_at_risk, 6) if measurement.risk else None,
        smallest_classes=smallest,
    )
    return facts


def _on_spark(scan, qis: list[str], sensitive: list[str], target_k: int, count_column: str | None):
    """(measurement, smallest classes) from Spark group-bys, or None: measure on the driver."""
    from ..engines.spark import SparkEngine
    from ..engines.spark_anonymity import FORMATS, measure
    from ..sources import open_tables

    if scan.format not in FORMATS:
        log.info("%s: anonymity measured on the driver (Spark measures CSV/TSV and Parquet)", safe_name(scan.source))
        return None
    table = next((t for t in open_tables(scan.source) if t.table == scan.table), None)
    if table is None:
        return None
    return measure(SparkEngine.shared().spark, table, qis, sensitive, target_k, count_column)


def _is_direct(pack, entity: str) -> bool:
    mapping = pack.entities.get(entity)
    return bool(mapping and mapping.identifier == "direct")


def attach(scan, manifest, pack, engine: str = "local") -> None:
    """Set ``scan.anonymity``; a failure to measure leaves the facts missing (the rules then fail closed)."""
    try:
        scan.anonymity = measure_asset(scan, manifest, pack, engine)
    except ComplianceError as err:
        scan.anonymity = {"measured": False, "error": str(err)}


def _claims(violation, facts: dict, claim: dict, settings: dict, lang: str) -> str:
    """``claimed k 12, measured k 3`` (or the measured figure and its target when nothing was claimed)."""
    zh = lang == "zh"
    if not facts.get("measured"):
        reason = facts.get("error") or "not measured"
        return ("未能在数据上测量: " if zh else "not measured on the data: ") + safe_name(reason)
    model = "l" if violation.rule in ("DCS-AN-005", "DCS-AN-010") else "k"
    target = {"DCS-AN-003": "k_controlled", "DCS-AN-004": "k_public", "DCS-AN-005": "l_sensitive"}.get(violation.rule)
    claimed = claim.get(model)
    parts = []
    if claimed is not None:
        parts.append(f"声明 {model} {claimed}" if zh else f"claimed {model} {claimed}")
    parts.append(f"实测 {model} {facts.get(model)}" if zh else f"measured {model} {facts.get(model)}")
    if target and settings.get(target) is not None:
        parts.append(f"目标 {settings[target]}" if zh else f"target {settings[target]}")
    return ("，" if zh else ", ").join(parts)


def annotate(violations: list, scan, manifest, pack, lang: str = "en") -> list:
    """Add the measured (and claimed) figures to the messages of the rules that read them."""
    facts = getattr(scan, "anonymity", None)
    if not facts or manifest is None:
        return violations
    claim = manifest.data.get("anonymisation") or {}
    settings = pack.settings.get("anonymisation") or {}
    out = []
    for violation in violations:
        if violation.rule in MEASURED_RULES:
            extra = _claims(violation, facts, claim, settings, lang)
            if extra:
                violation = replace(violation, message=f"{violation.message}; {extra}")
        out.append(violation)
    return out


def report_view(facts: dict | None) -> dict | None:
    """The measured figures for the JSON report (names through the masking gate)."""
    if facts is None:
        return None
    names = [safe_name(c) for c in facts.get("quasi_identifiers", [])]
    out = {
        "measured": facts.get("measured", False),
        "quasi_identifiers": names,
        "quasi_identifiers_from": facts.get("quasi_identifiers_from"),
        "sensitive": [safe_name(c) for c in facts.get("sensitive", [])],
        "pseudonym_columns": [safe_name(c) for c in facts.get("pseudonym_columns", [])],
        "evidence": facts.get("evidence"),
        "error": safe_name(facts["error"]) if facts.get("error") else None,
    }
    for key in ("records", "classes", "k", "l", "entropy_l", "t", "max_risk", "average_risk", "records_at_risk"):
        out[key] = facts.get(key)
    out["smallest_classes"] = [
        {"size": c["size"], "values": {safe_name(k): v for k, v in c["values"].items()}}
        for c in facts.get("smallest_classes", [])
    ]
    return out
