"""``--deny CATEGORY|ENTITY``: fail a scan when a file holds data of that kind, no manifest needed.

The way detect-secrets fails on any secret: ``compliance scan export.csv --deny sensitive_personal
--deny CN_RESIDENT_ID`` exits 1 when a column of ``export.csv`` is classified ``sensitive_personal``
or holds resident ids. Each term is a pack category id or an entity name the pack maps; an unknown
term is a usage error before anything is read. Every match is a critical violation of the rule
``DENY-<term>`` (one per column, or one for the asset when only the asset-level classification
holds the category, e.g. ``minors_personal`` from birth dates), so it shows in every format and can
be baselined or waived like any other finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import UsageError
from .evaluate.fingerprint import fingerprint
from .policy.model import Pack
from .report.model import AssetReport, Report, RuleInfo, Violation

RULE_PREFIX = "DENY-"
SEVERITY = "critical"

_WORDS = {
    "en": {
        "title": "Denied data present: {term}",
        "column": "column {column} holds {what} {term}, which --deny {term} forbids",
        "asset": "the asset is classified {term}, which --deny {term} forbids",
        "category": "data of category",
        "entity": "values of",
        "remediation": "Remove or mask this data before the file is shared or committed, or drop --deny {term}.",
        "description": "The command line (--deny {term}) forbids {term} in any scanned file.",
    },
    "zh": {
        "title": "存在被禁止的数据：{term}",
        "column": "列 {column} 含有{what} {term}，--deny {term} 禁止此类数据",
        "asset": "该数据资产被归类为 {term}，--deny {term} 禁止此类数据",
        "category": "类别",
        "entity": "实体",
        "remediation": "在共享或提交文件前删除或遮蔽这些数据，或去掉 --deny {term}。",
        "description": "命令行参数 --deny {term} 禁止任何被扫描的文件含有 {term}。",
    },
}


def rule_id(term: str) -> str:
    return f"{RULE_PREFIX}{term}"


def is_deny_rule(rule: str) -> bool:
    return rule.startswith(RULE_PREFIX)


def check_terms(terms: Iterable[str], pack: Pack) -> tuple[str, ...]:
    """The terms, each a category id or an entity name of ``pack``; an unknown one is a UsageError."""
    categories = {c.id for c in pack.categories}
    known = categories | set(pack.entities)
    checked: dict[str, None] = {}
    for term in terms:
        if term not in known:
            raise UsageError(
                f"--deny {term}: not a category or entity of pack {pack.id} "
                f"(categories: {', '.join(sorted(categories))}; entities: {', '.join(sorted(pack.entities))})"
            )
        checked[term] = None
    return tuple(checked)


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def rule_infos(terms: Sequence[str], lang: str) -> dict[str, RuleInfo]:
    words = _words(lang)
    return {
        rule_id(t): RuleInfo(
            id=rule_id(t),
            title=words["title"].format(term=t),
            severity=SEVERITY,
            description=words["description"].format(term=t),
            references=(f"--deny {t}",),
            remediation=words["remediation"].format(term=t),
            tags=("deny",),
        )
        for t in terms
    }


def violations(asset: AssetReport, terms: Sequence[str], pack: Pack, lang: str = "en") -> list[Violation]:
    """The denied data ``asset`` holds: one violation per term and column (or per term for the asset)."""
    scan = asset.scan
    if scan.error or scan.level is None:
        return []
    words = _words(lang)
    categories = {c.id for c in pack.categories}
    found: list[Violation] = []
    for term in terms:
        is_category = term in categories
        columns = [
            c.name
            for c in scan.columns
            if (c.category == term if is_category else any(hit.type == term for hit in c.entities))
        ]
        what = words["category" if is_category else "entity"]
        where: list[str | None] = list(columns)
        if not where and is_category and term in scan.categories:
            where = [None]
        for column in where:
            message = (
                words["column"].format(column=column, what=what, term=term)
                if column is not None
                else words["asset"].format(term=term)
            )
            found.append(
                Violation(
                    rule=rule_id(term),
                    severity=SEVERITY,
                    title=words["title"].format(term=term),
                    message=message,
                    references=(f"--deny {term}",),
                    remediation=words["remediation"].format(term=term),
                    fingerprint=fingerprint(scan.id, rule_id(term), None, column),
                    column=column,
                )
            )
    return found


def apply(report: Report, terms: Sequence[str], pack: Pack) -> None:
    """Add the ``--deny`` violations to every scanned asset of ``report`` (before baselines and waivers)."""
    if not terms:
        return
    report.denied = tuple(terms)
    report.rules.update(rule_infos(terms, report.lang))
    for asset in report.assets:
        if asset.scan.error:
            continue
        asset.evaluated_rules = [*asset.evaluated_rules, *(rule_id(t) for t in terms)]
        asset.violations = [*asset.violations, *violations(asset, terms, pack, report.lang)]
