"""Text and JSON views of an anonymity check. Every data-derived string (column names, class values)
passes the masking gate here or earlier (``check.smallest_classes`` masks the values)."""

from __future__ import annotations

import json
from typing import TextIO

from ..redact import safe_name, shown
from .check import CheckReport


def to_dict(report: CheckReport, source: str) -> dict:
    m = report.measurement
    plan = report.plan
    return {
        "source": safe_name(source),
        "rows": report.rows,
        "verdict": report.verdict,
        "status": "pass" if not report.failures else "fail",
        "failures": report.failures,
        "targets": {"k": report.targets.k, "l": report.targets.l, "t": report.targets.t},
        "nulls": "dropped" if report.drop_nulls else "a value of their own",
        "count_column": safe_name(report.count_column) if report.count_column else None,
        "quasi_identifiers": [safe_name(c) for c in report.quasi_identifiers],
        "quasi_identifiers_from": report.qi_origin,
        "suggested_quasi_identifiers": [s.as_dict() | {"column": safe_name(s.column)} for s in report.suggestions],
        "sensitive": [safe_name(c) for c in report.sensitive],
        "direct_identifiers": [{"column": safe_name(d.column), "entities": d.entities} for d in report.direct],
        "pseudonyms": [p.as_dict() | {"column": safe_name(p.column)} for p in report.pseudonyms],
        "measured": None if m is None else m.as_dict(),
        "smallest_classes": [
            {"size": c["size"], "values": {safe_name(k): v for k, v in c["values"].items()}} for c in report.smallest
        ],
        "generalisation": None
        if plan is None
        else {
            "reachable": plan.reachable,
            "steps": [s | {"column": safe_name(s["column"])} for s in plan.steps()],
            "suppressed_records": plan.suppressed,
            "max_suppression": report.targets.max_suppression,
            "information_loss": None if plan.result is None else round(plan.result.loss, 6),
        },
    }


def render_json(report: CheckReport, source: str, out: TextIO) -> None:
    json.dump(to_dict(report, source), out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")


def render_text(report: CheckReport, source: str, out: TextIO) -> None:
    w = out.write
    m = report.measurement
    w(f"{shown(source)}: {report.rows} records — {report.verdict}\n")
    for d in report.direct:
        w(f"  direct identifier in clear: {shown(d.column)} ({', '.join(d.entities)})\n")
    for p in report.pseudonyms:
        w(f"  pseudonym column: {shown(p.column)}: {p.why}\n")
    if report.qi_origin == "suggested":
        w("  quasi-identifiers (none declared; suggested):\n")
    shown_suggestions = [
        s for s in report.suggestions if report.qi_origin != "declared" or s.column not in report.quasi_identifiers
    ]
    if shown_suggestions and report.qi_origin == "declared":
        w("  other columns that look like quasi-identifiers:\n")
    for s in shown_suggestions:
        w(f"    {shown(s.column)}: {', '.join(s.facts)} — {s.why}\n")
    if m is None:
        w("  anonymity not measured: no quasi-identifier declared or suggested (use --qi)\n")
    else:
        qis = ", ".join(shown(c) for c in report.quasi_identifiers)
        w(f"  quasi-identifiers: {qis}\n")
        w(f"  k-anonymity: k = {m.k} (target {report.targets.k}); {m.classes} classes\n")
        if m.risk:
            r = m.risk
            w(
                f"  prosecutor risk: max {r.maximum:.4f}, average {r.average:.4f}, "
                f"{r.records_at_risk:.2%} of records in classes below k {r.target_k}\n"
            )
        for s in m.sensitive:
            w(
                f"  {shown(s.column)}: distinct l = {s.distinct_l}, entropy l = {s.entropy_l} "
                f"(exp H = {s.entropy_l_exact:.3f}), t = {s.t:.4f} ({s.t_distance} distance)\n"
            )
        if report.smallest:
            w("  smallest classes:\n")
            for c in report.smallest:
                values = ", ".join(f"{shown(k)}={shown('∅' if v is None else v)}" for k, v in c["values"].items())
                w(f"    {c['size']:>6}  {values}\n")
    plan = report.plan
    if plan is not None:
        if plan.reachable:
            steps = ", ".join(f"{shown(s['column'])} → {s['level_name']}" for s in plan.steps() if s["level"])
            w(
                f"  to reach the target: {steps or 'suppression only'}; suppress {plan.suppressed} records "
                f"(limit {report.targets.max_suppression:.0%}); information loss {plan.result.loss:.4f}\n"
            )
        else:
            w("  the target cannot be reached by generalising these quasi-identifiers within the suppression limit\n")
    for line in report.failures:
        w(f"  FAIL {line}\n")
    if not report.failures:
        w("  PASS every target met\n")
