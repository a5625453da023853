"""One ledger record per asset of a scan report: what was scanned, found, decided and suppressed.

Everything data-derived comes from the report's masked copy (``compliance.report.masked``): asset id,
source, table, column names, messages and suppression texts pass the one masking gate. URLs lose their
password. No raw value and no hash of a raw value is recorded: ``dataset.sha256`` is the hash of the
whole source file (what an auditor needs to prove which file was scanned), fingerprints are the
report's one-way finding ids (asset id + rule + flow + column).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import uuid
from typing import Any

from .. import __version__

TOOL_NAME = "dataflow-compliance"


def _without_password(source: str) -> str:
    """A URL's password is never recorded (the one function for that: ``sources.db_url.public_url``)."""
    from ..sources.db_url import is_url, public_url

    return public_url(source) if is_url(source) else source


def _dataset(source: str) -> dict[str, Any]:
    """SHA-256 and size of the source file's whole content; nulls for URLs and unreadable files."""
    if "://" in source or not os.path.isfile(source):
        return {"sha256": None, "size": None}
    try:
        with open(source, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return {"sha256": digest, "size": os.path.getsize(source)}
    except OSError:
        return {"sha256": None, "size": None}


def _iso(time: datetime.datetime) -> str:
    if time.tzinfo is None:
        time = time.replace(tzinfo=datetime.UTC)
    return time.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _columns(scan, pack) -> dict[str, list[str]]:
    personal, sensitive = [], []
    for column in scan.columns:
        category = pack.category(column.category) if (pack is not None and column.category) else None
        is_personal = category.personal if category is not None else bool(column.entities)
        is_sensitive = category.sensitive if category is not None else False
        if is_personal or is_sensitive:
            personal.append(column.name)
        if is_sensitive:
            sensitive.append(column.name)
    return {"personal": personal, "sensitive": sensitive}


def _flows(asset, manifest, processor_name: str | None) -> list[dict[str, Any]]:
    recipients = {}
    if manifest is not None:
        recipients = {f.id: f.data.get("recipient") for f in manifest.flows}
    out = []
    for flow in asset.flows:
        facts = flow.facts or {}
        individuals = facts.get("flow_individuals")
        sensitive = facts.get("flow_sensitive_individuals") if facts.get("sensitive") else 0
        recipient = recipients.get(flow.flow)
        out.append(
            {
                "id": flow.flow,
                "type": flow.recipient_type,
                "decision": "denied" if flow.failed_rules else "allowed",
                "route": flow.required_route,
                "recipient": str(recipient) if recipient is not None else None,
                "cross_border": bool(flow.cross_border),
                "processor": processor_name if flow.cross_border else None,
                "exemption": flow.exemption if flow.exemption_holds else None,
                "individuals": individuals if isinstance(individuals, int) else None,
                "sensitive_individuals": sensitive if isinstance(sensitive, int) else None,
            }
        )
    return out


def _suppressions(asset) -> list[dict[str, Any]]:
    return [
        {
            "rule": v.rule,
            "fingerprint": v.fingerprint,
            "by": v.suppression.kind,
            "approver": v.suppression.approver,
            "expires": v.suppression.expires,
            "reason": v.suppression.justification,
        }
        for v in asset.violations
        if v.suppression is not None
    ]


def _status(asset) -> str:
    if asset.scan.error:
        return "error"
    return "empty" if asset.scan.empty else "ok"


def records_from_report(
    report,
    *,
    actor: str | None,
    exit_code: int,
    time: datetime.datetime | None = None,
    pack=None,
    manifests=(),
    processor: dict | None = None,
    run_id: str | None = None,
) -> list[dict[str, Any]]:
    """One record per asset of ``report`` (``compliance.report.model.Report``), not yet chained.

    ``pack`` tells personal from sensitive columns (by their category); ``manifests`` give each asset's
    owner and each flow's recipient; ``processor`` is the project file's ``processor`` (its ``name``
    labels cross-border flows for ``compliance ledger exports``). ``time`` defaults to the report's."""
    from ..redact import safe_name, safe_optional
    from ..report.masked import masked_report
    from ..run import shown_path

    shown = masked_report(report)
    time = time or report.generated_at or datetime.datetime.now(datetime.UTC)
    run = run_id or str(uuid.uuid4())
    by_path = {shown_path(m.path): m for m in manifests}
    processor_name = (processor or {}).get("name") if isinstance(processor, dict) else None
    processor_name = safe_optional(str(processor_name)) if processor_name is not None else None
    records = []
    hashed: dict[str, dict] = {}  # a workbook's sheets are one file: read it once
    for raw, asset in zip(report.assets, shown.assets, strict=True):
        if raw.scan.source not in hashed:
            hashed[raw.scan.source] = _dataset(raw.scan.source)
        scan = asset.scan
        manifest = by_path.get(raw.manifest) if raw.manifest else None
        facts = scan.facts
        records.append(
            {
                "time": _iso(time),
                "run_id": run,
                "actor": actor,
                "tool": {"name": TOOL_NAME, "version": report.tool_version or __version__},
                "policy": {"id": report.policy_id, "version": report.policy_version, "sha256": report.policy_sha256},
                "asset": {
                    "id": scan.id,
                    "source": safe_name(_without_password(raw.scan.source)),
                    "table": scan.table,
                    "owner": safe_optional(manifest.owner) if manifest is not None else None,
                    "manifest": asset.manifest,
                },
                "dataset": dict(hashed[raw.scan.source]),
                "rows": {
                    "scanned": scan.rows_scanned,
                    "total": scan.rows_total,
                    "total_is_estimate": not scan.rows_total_exact,
                },
                "level": {"declared": asset.declared_level, "detected": scan.level},
                "categories": list(scan.categories),
                "columns": _columns(scan, pack),
                "individuals": {
                    "estimate": facts.distinct_individuals,
                    "exact": bool(facts.distinct_individuals_exact),
                },
                "flows": _flows(asset, manifest, processor_name),
                "violations": [
                    {
                        "rule": v.rule,
                        "severity": v.severity,
                        "fingerprint": v.fingerprint,
                        "message": v.message,
                        "references": list(v.references),
                    }
                    for v in asset.violations
                ],
                "suppressions": _suppressions(asset),
                "status": _status(raw),
                "error": scan.error,
                "exit_code": exit_code,
            }
        )
    return records
