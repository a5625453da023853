"""Readable rich tables for ``policy list``, ``policy show`` and ``rules explain``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..evaluate.conditions import fact_paths
from ..policy.describe import reference_label
from ..policy.fact_docs import described_facts
from ..policy.model import Pack, Rule

_SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
_LABELS = {
    "en": {
        "levels": "Levels",
        "categories": "Categories",
        "rules": "Rules",
        "why": "Why",
        "refs": "References",
        "fix": "Remediation",
        "severity": "Severity",
        "scope": "Scope",
        "disabled": "disabled",
        "reads": "Manifest fields it reads",
        "title": "title",
    },
    "zh": {
        "levels": "分级",
        "categories": "数据类别",
        "rules": "规则",
        "why": "依据说明",
        "refs": "法律依据",
        "fix": "整改建议",
        "severity": "严重程度",
        "scope": "适用范围",
        "disabled": "已停用",
        "reads": "读取的清单字段",
        "title": "标题",
    },
}


def _console() -> Console:
    """Terminal width on a terminal; a wide fixed width when piped, so tables do not wrap into noise."""
    probe = Console()
    return Console(highlight=False, soft_wrap=False, width=None if probe.is_terminal else 140)


def print_pack_list(packs: list[Pack], lang: str, default: str) -> None:
    table = Table("id", "version", "title", "rules", box=None, header_style="bold")
    for pack in packs:
        marker = " (default)" if pack.id == default else ""
        table.add_row(pack.id + marker, pack.version, pack.title.get(lang), str(len(pack.rules)))
    _console().print(table)


def print_pack(pack: Pack, lang: str) -> None:
    console = _console()
    text = _LABELS[lang]
    console.print(f"[bold]{pack.title.get(lang)}[/bold]  {pack.id} {pack.version}")
    if len(pack.lineage) > 1:
        console.print("extends: " + " -> ".join(pack.lineage[1:]))
    levels = Table("id", "title", title=text["levels"], title_justify="left", box=None)
    for level in pack.levels:
        levels.add_row(level.id, level.title.get(lang))
        for sub in level.sublevels:
            levels.add_row("  " + sub.id, sub.title.get(lang))
    console.print(levels)
    cats = Table(
        "id",
        "title",
        "min level",
        "personal",
        "sensitive",
        title=text["categories"],
        title_justify="left",
        box=None,
    )
    for cat in pack.categories:
        cats.add_row(cat.id, cat.title.get(lang), cat.min_level, _yes(cat.personal), _yes(cat.sensitive))
    console.print(cats)
    rules = Table("id", "severity", "scope", "title", "references", title=text["rules"], title_justify="left", box=None)
    for rule in pack.rules:
        title = rule.title.get(lang) + ("" if rule.enabled else f" [dim]({text['disabled']})[/dim]")
        refs = "; ".join(f"{r.document} {r.article}" for r in rule.references)
        rules.add_row(rule.id, _severity(rule.severity), rule.scope, title, refs)
    console.print(rules)


def print_rule_list(rules: list[Rule], lang: str) -> None:
    """``rules list``: one row per rule (id, severity, scope, title)."""
    text = _LABELS[lang]
    table = Table("id", text["severity"], text["scope"], text["title"], box=None, header_style="bold")
    for rule in rules:
        table.add_row(rule.id, _severity(rule.severity), rule.scope, rule.title.get(lang))
    _console().print(table)


def print_rule(rule: Rule, pack: Pack, lang: str) -> None:
    console = _console()
    text = _LABELS[lang]
    console.print(f"[bold]{rule.id}[/bold]  {rule.title.get(lang)}")
    console.print(
        f"{text['severity']}: {_severity(rule.severity)}    {text['scope']}: {rule.scope}    "
        f"pack: {rule.pack or pack.id}"
    )
    if not rule.enabled:
        console.print(f"[dim]{text['disabled']}: {rule.disabled_reason or ''}[/dim]")
    if rule.description:
        console.print(f"\n[bold]{text['why']}[/bold]\n{rule.description.get(lang)}")
    console.print(f"\n[bold]{text['refs']}[/bold]")
    for ref in rule.references:
        console.print(f"- {reference_label(pack, ref.document, ref.article, lang)}")
    console.print(f"\n[bold]{text['fix']}[/bold]\n{rule.remediation.get(lang)}")
    reads = described_facts([*fact_paths(rule.when), *fact_paths(rule.require)])
    if reads:  # the manifest fields that decide the rule, with their schema meaning (English)
        console.print(f"\n[bold]{text['reads']}[/bold]")
        for path, meaning in reads:
            console.print(f"- {path}: {meaning}", markup=False)


def _yes(flag: bool) -> str:
    return "yes" if flag else "-"


def _severity(severity: str) -> str:
    return f"[{_SEVERITY_STYLE.get(severity, '')}]{severity}[/]"
