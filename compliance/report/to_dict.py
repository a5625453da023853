"""The JSON report contract (design.md, ``schemas/report.schema.json``) as plain data.

Deterministic: assets sorted by id, columns in table order, keys sorted at serialisation;
``timestamps=False`` leaves out run times so golden files stay stable.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..anonymity.scan_hook import report_view
from ..detect.verdict import ColumnVerdict, EntityHit
from . import notices
from .model import AssetReport, FlowDecision, Report, Violation

SCHEMA_VERSION = "1"


def _column(column: ColumnVerdict) -> dict[str, Any]:
    out = {
        "name": column.name,
        "entities": [_entity(e) for e in column.entities],
        "category": column.category,
        "evidence": list(column.evidence),
        "header_signals": list(column.header_signals),
        "non_null": column.non_null,
    }
    if column.name_masked:
        out["name_masked"] = True  # the name held a personal value and is shown masked
    if column.placeholders:
        out["placeholders"] = column.placeholders  # N/A, -, 未提供 ...: not counted as values
    return out


def _entity(e: EntityHit) -> dict[str, Any]:
    out = {"type": e.type, "match_ratio": e.match_ratio, "count": e.count, "score": e.score, "sporadic": e.sporadic}
    if e.masked:
        out["masked"] = True  # every value found was masked at the source: de-identified at most
    return out


def _suppression(v: Violation) -> dict[str, Any]:
    s = v.suppression
    return {
        "kind": s.kind,
        "justification": s.justification,
        "approver": s.approver,
        "expires": s.expires,
        "source": s.source,
    }


def _violation(v: Violation) -> dict[str, Any]:
    out = {
        "rule": v.rule,
        "severity": v.severity,
        "title": v.title,
        "column": v.column,
        "flow": v.flow,
        "message": v.message,
        "references": list(v.references),
        "remediation": v.remediation,
        "fingerprint": v.fingerprint,
        "missing": list(v.missing),
    }
    if v.suppression is not None:
        out["suppression"] = _suppression(v)
    return out


def flow_to_dict(d: FlowDecision) -> dict[str, Any]:
    """``assets[].flows[]``: the flow and its decision (names already passed the masking gate)."""
    decision = {
        "cross_border": d.cross_border,
        "trigger": d.trigger,
        "required_route": d.required_route,
        "declared_route": d.declared_route,
        "exemption": d.exemption,
        "exemption_holds": d.exemption_holds,
        "exemption_problem": d.exemption_problem,
        "route_satisfied": d.route_satisfied,
        "route_problem": d.route_problem,
        "expired": d.expired,
        "article": d.article,
        "articles": list(d.articles),
        "reason": d.reason,
        "facts": dict(d.facts),
        "thresholds": dict(d.thresholds),
        "would_change": list(d.would_change),
        "notes": list(d.notes),
        "failed_rules": list(d.failed_rules),
        "status": d.status,
    }
    return {"id": d.flow, "recipient_type": d.recipient_type, "decision": decision}


def _asset(asset: AssetReport) -> dict[str, Any]:
    scan = asset.scan
    out = {
        "id": scan.id,
        "source": scan.source,
        "table": scan.table,
        "format": scan.format,
        "rows_scanned": scan.rows_scanned,
        "rows_total": scan.rows_total,
        "rows_total_exact": scan.rows_total_exact,
        "level": {"declared": asset.declared_level, "detected": scan.level},
        "categories": list(scan.categories),
        "facts": {
            "minors_share": scan.facts.minors_share,
            "minors_records": scan.facts.minors_records,
            "distinct_individuals": scan.facts.distinct_individuals,
            "distinct_individuals_exact": scan.facts.distinct_individuals_exact,
        },
        "columns": [_column(c) for c in scan.columns],
        "manifest": asset.manifest,
        "rules_evaluated": len(asset.evaluated_rules),
        "violations": [_violation(v) for v in asset.violations],
        **({"flows": [flow_to_dict(f) for f in asset.flows]} if asset.flows else {}),
        "status": asset.status,
        "error": scan.error,
    }
    if asset.name_masked:
        out["name_masked"] = True  # the id, source or table held a personal value and is shown masked
    if scan.empty and not scan.error:
        out["empty"] = scan.empty  # why there was nothing to check (only on such assets)
    if scan.anonymity is not None:  # measured k/l/t of anonymised and de-identified assets
        out["anonymity"] = report_view(scan.anonymity)
    return out


def _add_suppressions(out: dict[str, Any], report: Report) -> None:
    """``summary.suppressed`` by kind, ``baseline.stale`` and ``waivers.expired`` (only when used)."""
    suppressed = report.suppressed_counts()
    if report.baseline_file or report.waivers_file or any(suppressed.values()):
        out["summary"]["suppressed"] = suppressed
    if report.baseline_file:
        stale = [{**e.to_dict(), "reason": e.stale} for e in report.stale_baseline]
        out["baseline"] = {"file": report.baseline_file, "stale": stale}
    if report.waivers_file:
        expired = [w.to_dict() for w in report.expired_waivers]
        out["waivers"] = {"file": report.waivers_file, "expired": expired}


def _add_notices(out: dict[str, Any], report: Report) -> None:
    """``summary.rules_evaluated`` and ``summary.notes`` (why nothing was checked), ``summary.skipped``
    and the ``skipped`` entries of directory walks, ``summary.rules_skipped`` and the ``rules_skipped``
    entries (pack rules not evaluated, and why), ``scan.deny`` (the ``--deny`` terms)."""
    out["summary"]["rules_evaluated"] = notices.rules_evaluated(report)
    notes = notices.notes(report, report.lang)
    if notes:
        out["summary"]["notes"] = notes
    out["summary"]["skipped"] = len(report.skipped)
    if report.skipped:
        out["summary"]["skipped_by_kind"] = notices.skipped_counts(report)
        out["skipped"] = [{"path": s.path, "kind": s.kind, "reason": s.reason} for s in report.skipped]
    out["summary"]["rules_skipped"] = len(report.rules_skipped)
    if report.rules_skipped:
        out["rules_skipped"] = [s.to_dict() for s in report.rules_skipped]
    if report.denied:
        out["scan"]["deny"] = list(report.denied)


def report_to_dict(report: Report, timestamps: bool = True) -> dict[str, Any]:
    options = report.options
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dataflow-compliance", "version": __version__},
        "policy": {"id": report.policy_id, "version": report.policy_version, "sha256": report.policy_sha256},
        "scan": {
            "mode": "full" if options.full else "sample",
            "sample": None if options.full else options.sample,
            "seed": options.seed,
            "as_of": options.reference_date.isoformat(),
        },
        "assets": [_asset(a) for a in sorted(report.assets, key=lambda a: a.scan.id)],
        "summary": {
            "assets": len(report.assets),
            "errors": len(report.errors),
            "empty": len(report.empty),
            "violations": report.violation_counts(),
            "status": report.status,
            "fail_on": report.fail_on,
        },
    }
    _add_suppressions(out, report)
    _add_notices(out, report)
    if timestamps and report.generated_at is not None:
        out["generated_at"] = report.generated_at.isoformat(timespec="seconds")
    return out
