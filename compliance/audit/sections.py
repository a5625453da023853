"""The report's tables computed from the latest record per asset: levels, categories, open violations
by severity and rule, suppressions with their expiry, and assets never scanned or stale.

"Open" is as of the report's day: a violation whose waiver has expired since the scan is open again
(and its waiver is listed as expired)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..catalog.records import Record, manifest_for, open_violations, record_time
from ..redact import safe_name, safe_optional
from .model import CategoryRow, CoverageRow, LevelRow, RuleRow, SuppressionRow

SEVERITIES = ("critical", "high", "medium", "low")
EXPIRING_DAYS = 30


def _level_of(record: Record, pack) -> str:
    """The level the asset is held at: the higher of declared and detected (就高从严)."""
    level = record.get("level") or {}
    found = [lv for lv in (level.get("detected"), level.get("declared")) if lv]
    if pack is not None:
        order = pack.level_order
        found = [lv for lv in found if lv in order]
        best = order.highest(found) if found else None
    else:
        best = found[0] if found else None
    return best or "unknown"


def _level_titles(pack, lang: str) -> list[tuple[str, str]]:
    if pack is None:
        return []
    out = []
    for top in pack.levels:
        out.append((top.id, top.title.get(lang)))
        out += [(sub.id, sub.title.get(lang)) for sub in top.sublevels]
    return out


def level_rows(latest: dict[str, Record], pack, lang: str, today: datetime.date) -> list[LevelRow]:
    assets: Counter[str] = Counter()
    individuals: Counter[str] = Counter()
    violations: Counter[str] = Counter()
    for record in latest.values():
        level = _level_of(record, pack)
        assets[level] += 1
        individuals[level] += (record.get("individuals") or {}).get("estimate") or 0
        violations[level] += len(open_violations(record, today))
    known = _level_titles(pack, lang)
    rows = [LevelRow(lid, title, assets[lid], individuals[lid], violations[lid]) for lid, title in known]
    titled = {lid for lid, _ in known}
    rows += [
        LevelRow(lid, lid, n, individuals[lid], violations[lid])
        for lid, n in sorted(assets.items())
        if lid not in titled
    ]
    return rows


def category_rows(latest: dict[str, Record], pack, lang: str, today: datetime.date) -> list[CategoryRow]:
    assets: Counter[str] = Counter()
    violations: Counter[str] = Counter()
    for record in latest.values():
        count = len(open_violations(record, today))
        for category in dict.fromkeys(record.get("categories") or ()):
            assets[category] += 1
            violations[category] += count
    rows = []
    for category_id in sorted(assets, key=lambda c: (-assets[c], c)):
        category = pack.category(category_id) if pack is not None else None
        rows.append(
            CategoryRow(
                category=safe_name(category_id),
                title=category.title.get(lang) if category else safe_name(category_id),
                personal=bool(category and category.personal),
                sensitive=bool(category and category.sensitive),
                assets=assets[category_id],
                open_violations=violations[category_id],
            )
        )
    return rows


def severity_counts(latest: dict[str, Record], today: datetime.date) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for record in latest.values():
        for violation in open_violations(record, today):
            counts[violation.get("severity", "low")] = counts.get(violation.get("severity", "low"), 0) + 1
    return counts


def _references(rule_id: str, found: Iterable[str], pack) -> tuple[str, ...]:
    rule = pack.rule(rule_id) if pack is not None else None
    if rule is not None and rule.references:
        return tuple(str(r) for r in rule.references)
    return tuple(dict.fromkeys(safe_name(r) for r in found))


def rule_rows(latest: dict[str, Record], pack, lang: str, today: datetime.date) -> list[RuleRow]:
    count: Counter[str] = Counter()
    assets: dict[str, set[str]] = defaultdict(set)
    severity: dict[str, str] = {}
    refs: dict[str, list[str]] = defaultdict(list)
    for asset_id, record in latest.items():
        for violation in open_violations(record, today):
            rule = violation["rule"]
            count[rule] += 1
            assets[rule].add(asset_id)
            severity.setdefault(rule, violation.get("severity", "low"))
            refs[rule] += violation.get("references") or []
    rows = []
    for rule_id in count:
        rule = pack.rule(rule_id) if pack is not None else None
        rows.append(
            RuleRow(
                rule=safe_name(rule_id),
                severity=severity[rule_id],
                title=rule.title.get(lang) if rule is not None else "",
                assets=len(assets[rule_id]),
                violations=count[rule_id],
                references=_references(rule_id, refs[rule_id], pack),
            )
        )
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(rows, key=lambda r: (rank.get(r.severity, 9), -r.violations, r.rule))


def _flag(expires: str | None, today: datetime.date) -> str:
    if not expires:
        return "no_expiry"
    try:
        day = datetime.date.fromisoformat(str(expires)[:10])
    except ValueError:
        return "expired"  # an unreadable expiry cannot be shown valid: fail closed
    if day < today:
        return "expired"
    return "expiring" if (day - today).days <= EXPIRING_DAYS else "ok"


def suppression_rows(latest: dict[str, Record], today: datetime.date) -> list[SuppressionRow]:
    rows = []
    for asset_id, record in latest.items():
        for s in record.get("suppressions") or ():
            rows.append(
                SuppressionRow(
                    asset=safe_name(asset_id),
                    rule=safe_name(str(s.get("rule") or "")),
                    kind=str(s.get("by") or ""),
                    approver=safe_optional(s.get("approver")),
                    expires=safe_optional(s.get("expires")),
                    reason=safe_optional(s.get("reason")),
                    flag=_flag(s.get("expires"), today),
                )
            )
    order = {"expired": 0, "expiring": 1, "ok": 2, "no_expiry": 3}
    return sorted(rows, key=lambda r: (order[r.flag], r.expires or "", r.asset, r.rule))


def never_scanned(every_asset: set[str], manifests: Iterable[Any]) -> list[CoverageRow]:
    """Manifests of the project with no record at all in the ledger."""
    from ..run import shown_path

    scanned_heads = {a.split("#", 1)[0] for a in every_asset} | every_asset
    return [
        CoverageRow(asset=safe_name(m.id), manifest=safe_name(shown_path(m.path)), last_scan=None, age_days=None)
        for m in sorted(manifests, key=lambda m: m.id)
        if m.id not in scanned_heads
    ]


def stale_rows(latest: dict[str, Record], now: datetime.datetime, days: int, manifests_by_id) -> list[CoverageRow]:
    from ..run import shown_path

    rows = []
    for asset_id, record in latest.items():
        age = (now - record_time(record)).days
        if age > days:
            manifest = manifest_for(asset_id, manifests_by_id)
            rows.append(
                CoverageRow(
                    asset=safe_name(asset_id),
                    manifest=safe_optional(
                        shown_path(manifest.path) if manifest is not None else record["asset"].get("manifest")
                    ),
                    last_scan=record["time"],
                    age_days=age,
                )
            )
    return sorted(rows, key=lambda r: (-(r.age_days or 0), r.asset))
