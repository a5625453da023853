"""``--format text``: per asset a table of columns (entity, match ratio, category, masked evidence)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from .model import AssetReport, Report
from .options import RenderOptions

_STATUS = {"pass": "[green]PASS[/]", "fail": "[red]FAIL[/]", "error": "[bold red]ERROR[/]"}
_SEVERITY = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
_WORDS = {
    "en": {
        "rows": "rows scanned",
        "of": "of",
        "level": "level",
        "categories": "categories",
        "none": "none",
        "nothing": "no personal data detected",
        "violations": "violations",
        "summary": "Summary",
        "assets": "assets",
        "errors": "errors",
        "minors": "minors",
        "individuals": "distinct individuals",
    },
    "zh": {
        "rows": "已扫描行数",
        "of": "/",
        "level": "级别",
        "categories": "类别",
        "none": "无",
        "nothing": "未发现个人信息",
        "violations": "违规",
        "summary": "汇总",
        "assets": "数据资产",
        "errors": "错误",
        "minors": "未成年人",
        "individuals": "个人数量(估计)",
    },
}


def _entities(column) -> str:
    parts = []
    for hit in column.entities:
        label = f"{hit.type} {hit.match_ratio:.0%}" if not hit.sporadic else f"{hit.type} ×{hit.count} (in text)"
        parts.append(label)
    return ", ".join(parts)


def _asset(console: Console, asset: AssetReport, words: dict[str, str]) -> None:
    scan = asset.scan
    console.print(f"[bold]{scan.id}[/bold]  {_STATUS[asset.status]}")
    if scan.error:
        console.print(f"  {scan.error}")
        return
    total = "" if scan.rows_total is None else f" {words['of']} {'' if scan.rows_total_exact else '~'}{scan.rows_total}"
    level = scan.level + (f" (declared {asset.declared_level})" if asset.declared_level else "")
    console.print(
        f"  {words['rows']}: {scan.rows_scanned}{total}   {words['level']}: {level}   "
        f"{words['categories']}: {', '.join(scan.categories) or words['none']}"
    )
    facts = scan.facts
    if facts.minors_records:
        console.print(f"  {words['minors']}: {facts.minors_share:.1%}")
    if facts.distinct_individuals is not None:
        approx = "" if facts.distinct_individuals_exact else "~"
        console.print(f"  {words['individuals']}: {approx}{facts.distinct_individuals}")
    found = [c for c in scan.columns if c.entities or c.category]
    if not found:
        console.print(f"  {words['nothing']}")
    else:
        table = Table("column", "entities", "category", "evidence", box=None, padding=(0, 2, 0, 2))
        for column in found:
            table.add_row(column.name, _entities(column), column.category or "", ", ".join(column.evidence))
        console.print(table)
    for v in asset.violations:
        where = f" [{v.column}]" if v.column else ""
        console.print(f"  [{_SEVERITY.get(v.severity, '')}]{v.severity.upper()}[/] {v.rule}{where} {v.title}")
        detail = v.message[len(v.title) :].lstrip("; ") if v.message.startswith(v.title) else v.message
        if detail:
            console.print(f"      {detail}")
        console.print(f"      {'; '.join(v.references)}")
        console.print(f"      → {v.remediation}")


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
        _asset(console, asset, words)
        console.print()
    counts = report.violation_counts()
    by_severity = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "0"
    console.print(
        f"{words['summary']}: {len(report.assets)} {words['assets']}, {len(report.errors)} "
        f"{words['errors']}, {words['violations']}: {by_severity} — {_STATUS[report.status]}"
    )
