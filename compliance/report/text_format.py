"""``--format text``: per asset a table of columns (entity, match ratio, category, masked evidence)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import flow_lines, notices
from .model import AssetReport, Report
from .numbers import count, percent
from .options import RenderOptions
from .severity import label

_STATUS_STYLE = {"pass": "green", "fail": "red", "error": "bold red", "empty": "yellow"}
_STATUS_WORD = {
    "en": {"pass": "PASS", "fail": "FAIL", "error": "ERROR", "empty": "EMPTY"},
    "zh": {"pass": "通过", "fail": "不通过", "error": "错误", "empty": "无数据"},  # as the markdown report says
}
_SEVERITY = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
_WORDS = {
    "en": {
        "rows": "rows scanned",
        "of": "of",
        "level": "level",
        "categories": "categories",
        "none": "none",
        "masked_at_source": "masked at source",
        "nothing": "no personal data detected",
        "violations": "violations",
        "summary": "Summary",
        "assets": "assets",
        "errors": "errors",
        "empty": "empty",
        "holds_nothing": "holds no data",
        "nothing_scanned": "nothing was scanned: no input holds data (an empty scan never passes)",
        "minors": "minors",
        "individuals": "distinct individuals",
        "declared": "declared",
        "baseline": "baseline",
        "waiver": "waiver",
        "suppressed": "suppressed",
        "stale": "stale entries (match nothing any more; re-create the baseline)",
        "expired": "expired waivers (no longer suppress)",
        "approved": "approved by",
        "until": "until",
        "column": "column",
        "entities": "entities",
        "category": "category",
        "evidence": "evidence",
        "in_text": "in text",
    },
    "zh": {
        "rows": "已扫描行数",
        "of": "/",
        "level": "级别",
        "categories": "类别",
        "none": "无",
        "masked_at_source": "源头已打码",
        "nothing": "未发现个人信息",
        "violations": "违规",
        "summary": "汇总",
        "assets": "数据资产",
        "errors": "错误",
        "empty": "无数据",
        "holds_nothing": "无数据",
        "nothing_scanned": "未扫描到任何数据：所有输入均无数据（空扫描不会通过）",
        "minors": "未成年人",
        "individuals": "个人数量",
        "declared": "已声明",
        "baseline": "基线",
        "waiver": "豁免",
        "suppressed": "已抑制",
        "stale": "失效基线条目（已不匹配任何违规，请重新生成基线）",
        "expired": "已过期豁免（不再抑制）",
        "approved": "批准人",
        "until": "有效期至",
        "column": "列",
        "entities": "识别结果",
        "category": "类别",
        "evidence": "样例（已脱敏）",
        "in_text": "文本中",
    },
}


def _status(status: str, lang: str) -> str:
    """``PASS`` in English, ``通过`` in Chinese, in the status's colour."""
    word = _STATUS_WORD.get(lang, _STATUS_WORD["en"])[status]
    return f"[{_STATUS_STYLE[status]}]{word}[/]"


def _severity(severity: str, lang: str) -> str:
    """``HIGH`` in English (the JUnit and log tag), the translated label otherwise (``高``)."""
    return severity.upper() if lang == "en" else label(severity, lang)


def _severity_word(severity: str, lang: str) -> str:
    """``high`` in the English summary line, the translated label otherwise."""
    return severity if lang == "en" else label(severity, lang)


def _category(category: str, titles: dict[str, str], lang: str) -> str:
    """A category id in English reports, its title in the pack's words otherwise (``敏感个人信息``)."""
    return category if lang == "en" else titles.get(category, category)


def _entities(column, words: dict[str, str]) -> str:
    parts = []
    for hit in column.entities:
        share = percent(hit.match_ratio)  # 99.8%, never rounded up to 100%
        text = f"{hit.type} {share}" if not hit.sporadic else f"{hit.type} ×{hit.count} ({words['in_text']})"
        if hit.masked:
            text += f" ({words['masked_at_source']})"
        parts.append(text)
    return ", ".join(parts)


def _asset(console: Console, asset: AssetReport, words: dict[str, str], lang: str = "en", titles=None) -> None:
    titles = titles or {}
    scan = asset.scan
    console.print(f"[bold]{escape(scan.id)}[/bold]  {_status(asset.status, lang)}")
    if scan.error:
        console.print(f"  {escape(scan.error)}")
        return
    if scan.empty:
        console.print(escape(f"  {words['holds_nothing']}: {scan.empty}"))
        if scan.level is None:  # no table was read (an empty directory)
            return
    total = "" if scan.rows_total is None else f" {words['of']} {'' if scan.rows_total_exact else '~'}{scan.rows_total}"
    level = scan.level + (f" ({words['declared']} {asset.declared_level})" if asset.declared_level else "")
    categories = ", ".join(_category(c, titles, lang) for c in scan.categories) or words["none"]
    declared_only = [c for c in asset.declared_categories if c not in scan.categories]
    if declared_only:
        categories += f" ({words['declared']}: {', '.join(_category(c, titles, lang) for c in declared_only)})"
    console.print(
        escape(f"  {words['rows']}: {scan.rows_scanned}{total}   {words['level']}: {level}   ")
        + escape(f"{words['categories']}: {categories}")
    )
    facts = scan.facts
    if facts.minors_records:
        console.print(f"  {words['minors']}: {percent(facts.minors_share, 1)}")
    if facts.distinct_individuals is not None:  # exact below the sketch's size, an estimate above
        individuals = count(facts.distinct_individuals, facts.distinct_individuals_exact, lang)
        console.print(f"  {words['individuals']}: {individuals}")
    found = [c for c in scan.columns if c.entities or c.category]
    if not found:
        console.print(f"  {words['nothing']}")
    else:
        headers = [words[h] for h in ("column", "entities", "category", "evidence")]
        table = Table(*headers, box=None, padding=(0, 2, 0, 2))
        for column in found:
            category = _category(column.category, titles, lang) if column.category else ""
            table.add_row(escape(column.name), _entities(column, words), category, escape(", ".join(column.evidence)))
        console.print(table)
    for v in asset.violations:
        if v.suppression is not None:
            continue  # listed below, apart from the violations that gate
        where = escape(f" [{v.column}]") if v.column else ""  # a column name is data, not markup
        style = _SEVERITY.get(v.severity, "")
        console.print(f"  [{style}]{_severity(v.severity, lang)}[/] {v.rule}{where} {escape(v.title)}")
        detail = v.message[len(v.title) :].lstrip("; ") if v.message.startswith(v.title) else v.message
        if detail:  # messages quote column and flow names from the data: never markup
            console.print(f"      {escape(detail)}")
        console.print(f"      {escape('; '.join(v.references))}")
        console.print(f"      → {escape(v.remediation)}")
    for v in asset.violations:
        if v.suppression is not None:
            console.print(f"  [dim]{escape(_suppressed(v, words, lang))}[/]")
    for decision in asset.flows:  # every flow's decision, so a reviewer can audit the reasoning
        for line in flow_lines.lines(decision, lang):
            console.print(f"  {escape(line)}")


def _where(item) -> str:
    return (f" [{item.column}]" if item.column else "") + (f" ({item.flow})" if item.flow else "")


def _suppressed(v, words: dict[str, str], lang: str = "en") -> str:
    """One line per suppressed violation, naming what suppresses it (baseline or waiver)."""
    s = v.suppression
    line = f"{words.get(s.kind, s.kind)}: {_severity(v.severity, lang)} {v.rule}{_where(v)} {v.title}"
    if s.kind == "waiver":
        line += f" — {s.justification} ({words['approved']} {s.approver}, {words['until']} {s.expires})"
    return line


def _gating_files(console: Console, report: Report, words: dict[str, str], lang: str = "en") -> None:
    """Stale baseline entries and expired waivers, each under its own heading."""
    if report.baseline_file and report.stale_baseline:
        console.print(
            escape(f"{words['baseline']} {report.baseline_file}: {len(report.stale_baseline)} {words['stale']}")
        )
        for e in report.stale_baseline:
            reason = f" — {e.stale}" if e.stale else ""
            console.print(escape(f"  {_severity(e.severity, lang)} {e.rule} {e.asset}{_where(e)}{reason}"))
        console.print()
    if report.waivers_file and report.expired_waivers:
        console.print(
            escape(f"{words['waiver']} {report.waivers_file}: {len(report.expired_waivers)} {words['expired']}")
        )
        for w in report.expired_waivers:
            ticket = f", {w.ticket}" if w.ticket else ""
            line = f"  {w.expires.isoformat()} {w.rule} {w.asset}{_where(w)} ({w.approver}{ticket}; {w.source})"
            console.print(escape(line))
        console.print()


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    words = _WORDS.get(options.lang, _WORDS["en"])
    console = Console(
        file=stream,
        force_terminal=options.color,
        no_color=not options.color,
        width=140,
        highlight=False,
        soft_wrap=True,
    )
    for asset in sorted(report.assets, key=lambda a: a.scan.id):
        _asset(console, asset, words, options.lang, report.category_titles)
        console.print()
    _gating_files(console, report, words, options.lang)
    counts = report.violation_counts()
    by_severity = ", ".join(f"{n} {_severity_word(s, options.lang)}" for s, n in counts.items() if n) or "0"
    suppressed = ", ".join(f"{n} {words.get(k, k)}" for k, n in report.suppressed_counts().items() if n)
    suppressed = f", {words['suppressed']}: {suppressed}" if suppressed else ""
    empty = f", {len(report.empty)} {words['empty']}" if report.empty else ""
    if report.nothing_scanned and not report.errors:
        console.print(escape(words["nothing_scanned"]))
    for line in [*notices.notes(report, options.lang), *notices.summary_lines(report, options.lang)]:
        if line:
            console.print(escape(line))
    status = _status(report.status, options.lang)
    console.print(
        f"{words['summary']}: {len(report.assets)} {words['assets']}, {len(report.errors)} "
        f"{words['errors']}{empty}, {words['violations']}: {by_severity}{suppressed} — {status}"
    )
