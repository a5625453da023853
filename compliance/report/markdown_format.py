"""``--format markdown``: a report a data officer can paste into a ticket (GitHub/GitLab flavoured).

Column names, asset ids and evidence come from the scanned data and pack text from an untrusted
YAML file, so nothing is pasted raw: identifiers and masked evidence go into code spans (masks like
``138****5678`` would otherwise turn into bold text), prose is backslash-escaped, and table cells get
``|`` escaped and line breaks turned into ``<br>``. Order is stable (assets by id, violations by
rule, flow, column) and the run time is only printed when ``options.timestamps`` is set.
"""

from __future__ import annotations

import re
from typing import TextIO

from ..detect.verdict import ColumnVerdict, EntityHit
from . import flow_lines, notices
from .model import SEVERITY_ORDER, AssetReport, Report, Violation
from .numbers import count, percent
from .options import RenderOptions
from .severity import label

_WORDS = {
    "en": {
        "title": "Data-flow compliance report",
        "policy": "Policy",
        "version": "version",
        "generated": "Generated",
        "gate": "Gate",
        "fail_on": "an asset fails with a violation of severity {} or above",
        "never": "violations never fail an asset",
        "scan": "Scan",
        "sample": "sample of {n} rows per table, seed {seed}",
        "full": "every row",
        "as_of": "ages as of {date}",
        "summary": "Summary",
        "overall": "Overall status",
        "assets": "Assets",
        "errors": "could not be scanned",
        "empty_count": "hold no data",
        "asset": "Asset",
        "status": "Status",
        "level": "Level (declared / detected)",
        "level_short": "Level",
        "total": "Total",
        "source": "Source",
        "table": "Table",
        "rows": "Rows scanned",
        "of": "of",
        "declared": "declared",
        "detected": "detected",
        "undeclared": "not declared",
        "none": "none",
        "categories": "Categories",
        "minors": "Records of minors",
        "records": "records",
        "individuals": "Distinct individuals",
        "manifest": "Manifest",
        "columns": "Detected columns",
        "column": "Column",
        "entities": "Entities",
        "category": "Category",
        "evidence": "Evidence (masked)",
        "in_text": "in text",
        "masked_at_source": "masked at source",
        "nothing": "No personal data detected.",
        "violations": "Violations",
        "no_violations": "No violations.",
        "flow": "Flow",
        "message": "Message",
        "references": "References",
        "remediation": "Remediation",
        "missing": "Missing evidence",
        "suppressed": "Suppressed",
        "error": "Could not be scanned",
        "pass": "PASS",
        "fail": "FAIL",
        "error_status": "ERROR",
        "empty": "EMPTY",
        "empty_note": "Holds no data",
        "nothing_scanned": "Nothing was scanned: no input holds data (an empty scan never passes).",
    },
    "zh": {
        "title": "数据流通合规检查报告",
        "policy": "策略包",
        "version": "版本",
        "generated": "生成时间",
        "gate": "判定阈值",
        "fail_on": "存在“{}”及以上级别的违规即判定为不通过",
        "never": "违规不影响判定结果",
        "scan": "扫描方式",
        "sample": "每表抽样 {n} 行，随机种子 {seed}",
        "full": "全量扫描",
        "as_of": "年龄计算基准日 {date}",
        "summary": "汇总",
        "overall": "总体结论",
        "assets": "数据资产",
        "errors": "无法扫描",
        "empty_count": "无数据",
        "asset": "数据资产",
        "status": "结论",
        "level": "级别（声明 / 检测）",
        "level_short": "级别",
        "total": "合计",
        "source": "来源",
        "table": "表",
        "rows": "已扫描行数",
        "of": "/",
        "declared": "声明",
        "detected": "检测",
        "undeclared": "未声明",
        "none": "无",
        "categories": "数据类别",
        "minors": "未成年人记录",
        "records": "条",
        "individuals": "个人数量",
        "manifest": "资产清单",
        "columns": "检测到的列",
        "column": "列",
        "entities": "识别结果",
        "category": "类别",
        "evidence": "样例（已脱敏）",
        "in_text": "文本中",
        "masked_at_source": "源头已打码",
        "nothing": "未发现个人信息。",
        "violations": "违规项",
        "no_violations": "无违规。",
        "flow": "流向",
        "message": "说明",
        "references": "依据",
        "remediation": "整改建议",
        "missing": "需补充的材料",
        "suppressed": "已豁免",
        "error": "无法扫描",
        "pass": "通过",
        "fail": "不通过",
        "error_status": "错误",
        "empty": "无数据",
        "empty_note": "无可检查的数据",
        "nothing_scanned": "未扫描到任何数据：所有输入均无数据（空扫描不会通过）。",
    },
}

_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~#])")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def prose(value: str) -> str:
    """Prose from the pack or the data: markdown punctuation escaped, line breaks kept as ``<br>``."""
    return _LINE_BREAK.sub("<br>", _PROSE_SPECIAL.sub(r"\\\1", value))


def code_span(value: str) -> str:
    """An identifier or masked value as a code span that no backtick inside it can close early."""
    flat = _LINE_BREAK.sub(" ", value)
    if not flat:
        return "` `"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    if flat[0] in "` " or flat[-1] in "` ":
        flat = f" {flat} "
    return f"{fence}{flat}{fence}"


def _cell(formatted: str) -> str:
    """A table cell: GFM splits rows on ``|`` before anything else, even inside code spans."""
    return _LINE_BREAK.sub("<br>", formatted).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _status(status: str, words: dict[str, str]) -> str:
    return f"**{words['error_status' if status == 'error' else status]}**"


def _violation_key(v: Violation) -> tuple[str, str, str, str]:
    return (v.rule, v.flow or "", v.column or "", v.fingerprint)


def _header(report: Report, options: RenderOptions, words: dict[str, str]) -> list[str]:
    scan = report.options
    mode = words["full"] if scan.full else words["sample"].format(n=scan.sample, seed=scan.seed)
    lines = [
        f"# {words['title']}",
        "",
        f"- {words['policy']}: {code_span(report.policy_id)} {words['version']} {code_span(report.policy_version)}"
        f" (sha256 {code_span(report.policy_sha256)})",
        f"- {words['scan']}: {mode}; {words['as_of'].format(date=scan.reference_date.isoformat())}",
    ]
    gate = words["never"] if report.fail_on == "never" else words["fail_on"].format(label(report.fail_on, options.lang))
    lines.append(f"- {words['gate']}: {gate}")
    if options.timestamps and report.generated_at is not None:
        lines.append(f"- {words['generated']}: {report.generated_at.isoformat(timespec='seconds')}")
    return lines


def _summary(report: Report, assets: list[AssetReport], options: RenderOptions, words: dict[str, str]) -> list[str]:
    severities = [label(s, options.lang) for s in SEVERITY_ORDER]
    rows = []
    for asset in assets:
        counts = [sum(v.severity == s for v in asset.violations) for s in SEVERITY_ORDER]
        rows.append([code_span(asset.scan.id), _status(asset.status, words), _level(asset, words), *map(str, counts)])
    totals = report.violation_counts()
    rows.append([f"**{words['total']}**", _status(report.status, words), "", *(str(totals[s]) for s in SEVERITY_ORDER)])
    errors = f" ({len(report.errors)} {words['errors']})" if report.errors else ""
    if report.empty:
        errors += f" ({len(report.empty)} {words['empty_count']})"
    nothing = ["", words["nothing_scanned"]] if report.nothing_scanned and not report.errors else []
    for line in [*notices.notes(report, options.lang), *notices.summary_lines(report, options.lang)]:
        nothing += ["", f"> {prose(line)}"] if line else []
    return [
        f"## {words['summary']}",
        "",
        f"{words['overall']}: {_status(report.status, words)} — {words['assets']}: {len(assets)}{errors}",
        *nothing,
        "",
        *_table([words["asset"], words["status"], words["level"], *severities], rows),
    ]


def _level(asset: AssetReport, words: dict[str, str]) -> str:
    if asset.scan.error:
        return ""
    declared = code_span(asset.declared_level) if asset.declared_level else words["undeclared"]
    detected = code_span(asset.scan.level) if asset.scan.level else words["none"]
    return f"{declared} / {detected}"


def _entities(column: ColumnVerdict, words: dict[str, str]) -> str:
    def one(hit: EntityHit) -> str:
        if hit.sporadic:
            return f"{code_span(hit.type)} ×{hit.count} ({words['in_text']})"
        masked = f", {words['masked_at_source']}" if hit.masked else ""
        return f"{code_span(hit.type)} {percent(hit.match_ratio, 1)} ({hit.count}{masked})"

    return ", ".join(one(hit) for hit in column.entities)


def _category(category: str, titles: dict[str, str], lang: str) -> str:
    """The id as a code span; in Chinese reports the pack's title before it: 敏感个人信息 (`sensitive_personal`)."""
    if lang == "en" or category not in titles:
        return code_span(category)
    return f"{prose(titles[category])} ({code_span(category)})"


def _facts(asset: AssetReport, words: dict[str, str], lang: str = "en", titles=None) -> list[str]:
    titles = titles or {}
    scan = asset.scan
    total = ""
    if scan.rows_total is not None:
        total = f" {words['of']} {'' if scan.rows_total_exact else '≈'}{scan.rows_total}"
    lines = [f"- {words['source']}: {code_span(scan.source)}"]
    if scan.table:
        lines.append(f"- {words['table']}: {code_span(scan.table)}")
    if asset.manifest:
        lines.append(f"- {words['manifest']}: {code_span(asset.manifest)}")
    lines.append(f"- {words['rows']}: {scan.rows_scanned}{total}")
    detected = code_span(scan.level) if scan.level else words["none"]
    declared = f"{words['declared']} {code_span(asset.declared_level)}" if asset.declared_level else words["undeclared"]
    lines.append(f"- {words['level_short']}: {words['detected']} {detected}, {declared}")
    categories = ", ".join(_category(c, titles, lang) for c in scan.categories) or words["none"]
    lines.append(f"- {words['categories']}: {categories}")
    if scan.facts.minors_records:
        share = f"{percent(scan.facts.minors_share, 1)} ({scan.facts.minors_records} {words['records']})"
        lines.append(f"- {words['minors']}: {share}")
    if scan.facts.distinct_individuals is not None:
        individuals = count(scan.facts.distinct_individuals, scan.facts.distinct_individuals_exact, lang)
        lines.append(f"- {words['individuals']}: {individuals}")  # exact, or the sketch's estimate
    return lines


def _columns(asset: AssetReport, words: dict[str, str], lang: str = "en", titles=None) -> list[str]:
    titles = titles or {}
    found = [c for c in asset.scan.columns if c.entities or c.category]
    lines = [f"### {words['columns']}", ""]
    if not found:
        return [*lines, words["nothing"]]
    rows = [
        [
            code_span(c.name),
            _entities(c, words),
            _category(c.category, titles, lang) if c.category else "",
            ", ".join(code_span(e) for e in c.evidence),
        ]
        for c in found
    ]
    return lines + _table([words["column"], words["entities"], words["category"], words["evidence"]], rows)


def _suppression_note(v: Violation) -> str | None:
    suppression = getattr(v, "suppression", None)
    if suppression is None:
        return None
    get = suppression.get if isinstance(suppression, dict) else lambda key: getattr(suppression, key, None)
    return get("justification") or ""


def _violation(v: Violation, options: RenderOptions, words: dict[str, str]) -> list[str]:
    lines = ["", f"#### {label(v.severity, options.lang)} — {prose(v.rule)}: {prose(v.title)}", ""]
    if v.column is not None:
        lines.append(f"- {words['column']}: {code_span(v.column)}")
    if v.flow is not None:
        lines.append(f"- {words['flow']}: {code_span(v.flow)}")
    lines.append(f"- {words['message']}: {prose(v.message)}")
    if v.references:
        lines.append(f"- {words['references']}: {'; '.join(prose(r) for r in v.references)}")
    lines.append(f"- {words['remediation']}: {prose(v.remediation)}")
    if v.missing:
        lines.append(f"- {words['missing']}: {', '.join(code_span(m) for m in v.missing)}")
    note = _suppression_note(v)
    if note is not None:
        lines.append(f"- {words['suppressed']}: {prose(note)}")
    return lines


def _flows(asset: AssetReport, options: RenderOptions) -> list[str]:
    """Every flow's decision (route, deciding article, facts, failed rules) for a reviewer to audit."""
    if not asset.flows:
        return []
    lines = ["", "### " + ("流向判定" if options.lang == "zh" else "Flow decisions")]
    for decision in asset.flows:
        lines += ["", f"- {prose(flow_lines.headline(decision, options.lang))}"]
        lines += [f"  - {prose(line)}" for line in flow_lines.details(decision, options.lang)]
    return lines


def _asset(asset: AssetReport, options: RenderOptions, words: dict[str, str], titles=None) -> list[str]:
    lines = ["", f"## {code_span(asset.scan.id)} — {_status(asset.status, words)}", ""]
    if asset.scan.error:
        return [*lines, f"{words['error']}: {prose(asset.scan.error)}"]
    if asset.scan.empty:
        lines += [f"{words['empty_note']}: {prose(asset.scan.empty)}", ""]
    lines += _facts(asset, words, options.lang, titles)
    columns = _columns(asset, words, options.lang, titles)
    lines += ["", *columns, *_flows(asset, options), "", f"### {words['violations']}"]
    if not asset.violations:
        return [*lines, "", words["no_violations"]]
    for v in sorted(asset.violations, key=_violation_key):
        lines += _violation(v, options, words)
    return lines


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    words = _WORDS.get(options.lang, _WORDS["en"])
    assets = sorted(report.assets, key=lambda a: a.scan.id)
    lines = [*_header(report, options, words), "", *_summary(report, assets, options, words)]
    for asset in assets:
        lines += _asset(asset, options, words, report.category_titles)
    stream.write("\n".join(lines) + "\n")
