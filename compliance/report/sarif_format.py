"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run. ``tool.driver.rules`` describes every rule the report mentions (evaluated or violated), each
with a CamelCase ``name``, help text and markdown (description, references, remediation) and the
``security-severity`` GitHub uses to sort alerts (it only reads it on rules tagged ``security``).
Each violation is one result located at the asset's source (relative path as given, URL as given)
plus logical locations for the table and column; its ``partialFingerprints`` carry the violation's
own stable fingerprint so dashboards track it across runs. Inputs that could not be scanned are
tool execution notifications and make ``executionSuccessful`` false: a dashboard must not read an
unreadable file as a clean one. Suppressions (baselines, waivers) are added by ``suppressions``
as soon as a violation carries a ``suppression``.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any, TextIO
from urllib.parse import quote

from ..redact import safe_name
from . import notices
from .links import repository_url, rule_help_uri
from .markdown_format import prose
from .model import AssetReport, Report, RuleInfo, Violation
from .options import RenderOptions
from .severity import sarif_level, security_severity
from .to_dict import flow_to_dict

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "dataflow-compliance"
FINGERPRINT_KEY = "dataflowCompliance/v1"
SUPPRESSION_KINDS = ("external", "inSource")
SUPPRESSION_STATUSES = ("accepted", "underReview", "rejected")

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DRIVE = re.compile(r"^[A-Za-z]:/")
#: characters a URI reference may hold unencoded (RFC 3986 unreserved, sub-delims, ':', '@', '/')
_URI_SAFE = "/:@!$&'()*+,;=-._~"


def artifact_uri(source: str) -> str:
    """A URL stays as given; a path keeps its forward-slash form, percent-encoded only where a URI
    reference does not allow the character (spaces, Chinese file names, '%')."""
    if _URL.match(source):
        return source
    path = source.replace("\\", "/")
    if _DRIVE.match(path):  # 'C:/x.csv' would otherwise read as scheme 'c'
        return "file:///" + quote(path, safe=_URI_SAFE)
    if ":" in path.split("/", 1)[0]:  # likewise 'a:b.csv'
        path = "./" + path
    return quote(path, safe=_URI_SAFE)


def camel_case(title: str, fallback: str) -> str:
    words = re.findall(r"[^\W_]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or re.sub(r"\W|_", "", fallback)


def _violation_key(v: Violation) -> tuple[str, str, str, str]:
    return (v.rule, v.flow or "", v.column or "", v.fingerprint)


def _mentioned_rules(report: Report) -> list[RuleInfo]:
    """Rules evaluated or violated, by id; a violated rule missing from ``report.rules`` is described
    from its violation so that every result has a rule to point at."""
    described: dict[str, RuleInfo] = {}
    for asset in report.assets:
        for rule_id in asset.evaluated_rules:
            if rule_id in report.rules:
                described[rule_id] = report.rules[rule_id]
        for v in asset.violations:
            if v.rule not in described:
                described[v.rule] = report.rules.get(v.rule) or RuleInfo(
                    v.rule, v.title, v.severity, v.title, v.references, v.remediation
                )
    return [described[rule_id] for rule_id in sorted(described)]


def _help(rule: RuleInfo) -> dict[str, str]:
    text = [rule.description or rule.title]
    markdown = [prose(rule.description or rule.title)]
    if rule.references:
        text.append("References: " + "; ".join(rule.references))
        markdown.append("**References**\n\n" + "\n".join(f"- {prose(r)}" for r in rule.references))
    if rule.remediation:
        text.append("Remediation: " + rule.remediation)
        markdown.append("**Remediation**\n\n" + prose(rule.remediation))
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def _rule(rule: RuleInfo, lang: str) -> dict[str, Any]:
    tags = list(dict.fromkeys([*rule.tags, "security"]))
    described: dict[str, Any] = {
        "id": rule.id,
        "name": camel_case(rule.title, rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description or rule.title},
        "help": _help(rule),
    }
    page = rule_help_uri(rule.id, rule.pack, lang)  # docs/rules/<lang>/<id>.md, for the built-in packs' rules
    if page:
        described["helpUri"] = page
    described["defaultConfiguration"] = {"level": sarif_level(rule.severity)}
    described["properties"] = {"tags": tags, "security-severity": security_severity(rule.severity), "precision": "high"}
    return described


def suppressions(violation: Violation) -> list[dict[str, str]] | None:
    """SARIF ``suppressions`` for a waived or baselined violation, ``None`` when it has none.

    ``violation.suppression`` may be a mapping or an object with ``kind`` ("external" for baselines
    and waiver files, "inSource" for markers in the data's manifest), optional ``status`` (default
    "accepted") and optional ``justification``.
    """
    suppression = getattr(violation, "suppression", None)
    if suppression is None:
        return None
    if isinstance(suppression, dict):
        get = suppression.get
    else:

        def get(key: str) -> Any:
            return getattr(suppression, key, None)

    kind, status = get("kind") or "external", get("status") or "accepted"
    kind = {"baseline": "external", "waiver": "external"}.get(kind, kind)  # the report model's kinds
    if kind not in SUPPRESSION_KINDS or status not in SUPPRESSION_STATUSES:
        raise ValueError(f"{violation.rule}: invalid suppression kind '{kind}' or status '{status}'")
    out = {"kind": kind, "status": status}
    if get("justification"):
        out["justification"] = str(get("justification"))
    return [out]


def in_manifest(asset: AssetReport, v: Violation) -> bool:
    """The fix belongs in the asset's manifest: evidence to declare there (``missing``), or a rule about
    the asset as declared rather than about one column of the data (a level, an owner, a flow)."""
    return asset.manifest is not None and (bool(v.missing) or v.column is None)


def _logical(asset: AssetReport, column: str | None) -> list[dict[str, Any]]:
    """The table and, when the violation is about one, the column (a logical location: not a line)."""
    scan = asset.scan
    logical = [{"name": scan.table or scan.id, "fullyQualifiedName": scan.id, "kind": "type"}]
    if column is not None:
        logical.append({"name": column, "fullyQualifiedName": f"{scan.id}::{column}", "kind": "member"})
    return logical


def _locations(asset: AssetReport, v: Violation) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(locations, relatedLocations): the data source, or the manifest when the fix belongs there (the
    data source is then a related location)."""
    data = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(asset.scan.source)}},
        "logicalLocations": _logical(asset, v.column),
    }
    if not in_manifest(asset, v):
        return [data], []
    manifest = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(asset.manifest)}},
        "logicalLocations": _logical(asset, v.column),
        "message": {"text": "declared in this manifest"},
    }
    return [manifest], [{"id": 0, **data, "message": {"text": "the data"}}]


def _decision(asset: AssetReport, flow: str | None) -> dict[str, Any] | None:
    """The decision of the flow a result is about (``assets[].flows[].decision`` of the JSON report)."""
    for decision in asset.flows:
        if flow is not None and decision.flow == safe_name(flow):
            return flow_to_dict(decision)["decision"]
    return None


def _flow_decisions(assets: list[AssetReport]) -> list[dict[str, Any]]:
    """Every flow's decision, passing flows included (run ``properties.flows``)."""
    return [{"asset": a.scan.id, **flow_to_dict(d)} for a in assets for d in a.flows]


def _result(asset: AssetReport, v: Violation, index: dict[str, int]) -> dict[str, Any]:
    locations, related = _locations(asset, v)
    result: dict[str, Any] = {
        "ruleId": v.rule,
        "ruleIndex": index[v.rule],
        "level": sarif_level(v.severity),
        "message": {"text": v.message},
        "locations": locations,
        **({"relatedLocations": related} if related else {}),
        "partialFingerprints": {FINGERPRINT_KEY: v.fingerprint},
        "properties": {
            "asset": asset.scan.id,
            "column": v.column,
            "flow": v.flow,
            "missing": list(v.missing),
            "severity": v.severity,
        },
    }
    decision = _decision(asset, v.flow)
    if decision is not None:
        result["properties"]["decision"] = decision
    suppressed = suppressions(v)
    if suppressed is not None:
        result["suppressions"] = suppressed
    return result


def _notification(asset: AssetReport) -> dict[str, Any]:
    """An input that could not be scanned (level error) or holds no data (level warning)."""
    scan = asset.scan
    text = scan.error or (f"holds no data: {scan.empty}" if scan.empty else "could not be scanned")
    if scan.source not in text:
        text = f"{scan.source}: {text}"
    return {
        "level": "error" if scan.error or not scan.empty else "warning",
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(scan.source)}}}],
        "properties": {"asset": scan.id},
    }


def _notice_notifications(report: Report) -> list[dict[str, Any]]:
    """No rule evaluated (a warning: the gate cannot fail on rules), and what directory walks skipped
    (one note: the counts, each entry in its properties)."""
    found: list[dict[str, Any]] = [
        {"level": "warning", "message": {"text": text}, "descriptor": {"id": "detection-only"}}
        for text in notices.notes(report, report.lang)
    ]
    summary = notices.skipped_summary(report, report.lang)
    if summary:
        entries = [{"path": s.path, "kind": s.kind, "reason": s.reason} for s in report.skipped]
        found.append(
            {
                "level": "note",
                "message": {"text": summary},
                "descriptor": {"id": "skipped"},
                "properties": {"skipped": entries, "counts": notices.skipped_counts(report)},
            }
        )
    return found


def _utc(moment: datetime.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_sarif(report: Report, options: RenderOptions) -> dict[str, Any]:
    assets = sorted(report.assets, key=lambda a: a.scan.id)
    rules = _mentioned_rules(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [_result(a, v, index) for a in assets for v in sorted(a.violations, key=_violation_key)]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors and not report.nothing_scanned}
    notifications = [_notification(a) for a in assets if a.scan.error or a.scan.empty]
    notifications += _notice_notifications(report)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if options.timestamps and report.generated_at is not None:
        invocation["endTimeUtc"] = _utc(report.generated_at)
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": report.tool_version}
    home = repository_url()  # setup.cfg url, from the installed package's metadata
    if home:
        driver["informationUri"] = home
    driver["rules"] = [_rule(r, options.lang) for r in rules]
    policy = {"id": report.policy_id, "version": report.policy_version, "sha256": report.policy_sha256}
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "results": results,
        "properties": {"policy": policy},
    }
    flows = _flow_decisions(assets)
    if flows:
        run["properties"]["flows"] = flows
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    stream.write(json.dumps(to_sarif(report, options), ensure_ascii=False, indent=2))
    stream.write("\n")
