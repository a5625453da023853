"""The audit report laid out once as sections of paragraphs, tables and charts; HTML, Markdown and PDF
render this layout, so the formats cannot drift apart in what they show.

Charts carry their data as a table too: Markdown prints the table, HTML and PDF draw the SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .charts import bar_chart, line_chart
from .clock import iso
from .labels import text
from .model import AuditReport
from .sections import SEVERITIES


@dataclass(frozen=True)
class Para:
    text: str
    css: str = ""  # "ok", "bad", "note"


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    row_css: list[str] = field(default_factory=list)  # per row: "", "bad", "warn"
    nowrap: tuple[int, ...] = ()  # columns of identifiers (rule ids, dates) that must not break at a hyphen
    #: column widths in percent: a fixed table layout, so a browser or WeasyPrint need not measure every
    #: cell twice (automatic layout was two thirds of a 10,000-record PDF's time)
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chart:
    svg: str
    data: Table


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: list


def _yes(value: bool, lang: str) -> str:
    return text("yes" if value else "no", lang)


def _n(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _known(value: int | None, lang: str) -> str:
    return text("unknown", lang) if value is None else _n(value)


def cover(report: AuditReport) -> list:
    lang = report.lang
    v = report.verification
    if report.since or report.until:
        since = report.since.date().isoformat() if report.since else "…"
        until = report.until.date().isoformat() if report.until else "…"
        period = f"{text('from', lang)} {since} {text('to', lang)} {until}"
    else:
        period = text("all_time", lang)
    verdict = (
        Para(text("verified_ok", lang, count=v.count), "ok")
        if v.ok
        else Para(text("verified_bad", lang, n=len(v.problems), count=v.count), "bad")
    )
    facts = Table(
        ["", ""],
        [
            [text("generated", lang), iso(report.generated_at)],
            [text("period", lang), period],
            [text("ledger", lang), report.ledger],
            [text("policies", lang), ", ".join(report.policies)],
            [text("records", lang), _n(report.records)],
            [text("assets", lang), _n(report.assets)],
        ],
        widths=(30, 70),
    )
    blocks = [verdict, facts]
    blocks += [Para(problem, "bad") for problem in v.problems[:50]]
    if len(v.problems) > 50:
        blocks.append(Para(f"… {len(v.problems) - 50} more", "bad"))
    return blocks


def _levels(report: AuditReport) -> Section:
    lang = report.lang
    rows = [[r.title, r.level, _n(r.assets), _n(r.individuals), _n(r.open_violations)] for r in report.levels]
    table = Table(
        [text("level", lang), "id", text("assets", lang), text("individuals", lang), text("open_violations", lang)],
        rows,
        widths=(32, 17, 15, 18, 18),
    )
    chart = bar_chart([(r.title, r.assets) for r in report.levels], text("levels", lang))
    categories = Table(
        [
            text("category", lang),
            "id",
            text("personal", lang),
            text("sensitive", lang),
            text("assets", lang),
            text("open_violations", lang),
        ],
        [
            [c.title, c.category, _yes(c.personal, lang), _yes(c.sensitive, lang), _n(c.assets), _n(c.open_violations)]
            for c in report.categories
        ],
        widths=(30, 22, 11, 11, 12, 14),
    )
    blocks = [
        Chart(chart, table),
        Para(text("categories", lang), "h3"),
        categories if categories.rows else Para(text("nothing", lang)),
    ]
    return Section("levels", text("levels", lang), blocks)


def _violations(report: AuditReport) -> Section:
    lang = report.lang
    counts = Table(
        [text("severity", lang), text("count", lang)],
        [[s, _n(report.severities.get(s, 0))] for s in SEVERITIES],
        widths=(50, 50),
    )
    rules = Table(
        [
            text("rule", lang),
            text("severity", lang),
            text("rule_title", lang),
            text("assets", lang),
            text("count", lang),
            text("references", lang),
        ],
        [[r.rule, r.severity, r.title, _n(r.assets), _n(r.violations), "; ".join(r.references)] for r in report.rules],
        ["bad" if r.severity in ("critical", "high") else "" for r in report.rules],
        nowrap=(0, 1),
        widths=(15, 11, 29, 9, 9, 27),
    )
    return Section(
        "violations", text("violations", lang), [counts, rules if rules.rows else Para(text("nothing", lang))]
    )


def _trend(report: AuditReport) -> Section:
    lang = report.lang
    labels = [p.label for p in report.trend]
    series = {s: [p.counts.get(s, 0) for p in report.trend] for s in SEVERITIES}
    data = Table(
        [text("period", lang), *SEVERITIES, text("assets", lang), text("scans", lang)],
        [[p.label, *(_n(p.counts.get(s, 0)) for s in SEVERITIES), _n(p.assets), _n(p.scans)] for p in report.trend],
        nowrap=(0,),
        widths=(16, 12, 12, 12, 12, 18, 18),
    )
    note = text("trend_note", lang, unit=text(report.trend_unit, lang))
    if not report.trend:
        return Section("trend", text("trend", lang), [Para(text("nothing", lang))])
    return Section("trend", text("trend", lang), [Para(note, "note"), Chart(line_chart(labels, series, note), data)])


def _suppressions(report: AuditReport) -> Section:
    lang = report.lang
    table = Table(
        [
            text("asset", lang),
            text("rule", lang),
            text("kind", lang),
            text("approver", lang),
            text("expires", lang),
            text("flag", lang),
            text("reason", lang),
        ],
        [
            [s.asset, s.rule, s.kind, s.approver or "", s.expires or "", text(s.flag, lang), s.reason or ""]
            for s in report.suppressions
        ],
        ["bad" if s.flag == "expired" else "warn" if s.flag == "expiring" else "" for s in report.suppressions],
        nowrap=(1, 4),
        widths=(20, 14, 9, 15, 12, 13, 17),
    )
    return Section("suppressions", text("suppressions", lang), [table if table.rows else Para(text("nothing", lang))])


def _coverage(report: AuditReport) -> Section:
    lang = report.lang
    never = Table(
        [text("asset", lang), text("manifest", lang)],
        [[r.asset, r.manifest or ""] for r in report.never_scanned],
        widths=(50, 50),
    )
    stale = Table(
        [text("asset", lang), text("manifest", lang), text("last_scan", lang), text("age_days", lang)],
        [[r.asset, r.manifest or "", r.last_scan or "", _n(r.age_days)] for r in report.stale],
        nowrap=(2,),
        widths=(34, 30, 24, 12),
    )
    return Section(
        "coverage",
        text("coverage", lang),
        [
            Para(text("never_scanned", lang), "h3"),
            never if never.rows else Para(text("nothing", lang)),
            Para(text("stale", lang, days=report.stale_days), "h3"),
            stale if stale.rows else Para(text("nothing", lang)),
        ],
    )


def _cross_border(report: AuditReport) -> Section:
    lang = report.lang
    xb = report.cross_border
    title = text("cross_border", lang, year=xb.year)
    limits = xb.thresholds
    rows = [
        [
            p.processor,
            _known(p.individuals, lang),
            _known(p.sensitive_individuals, lang),
            _n(p.flows),
            text(p.route, lang),
            p.article,
        ]
        for p in xb.processors
    ]
    table = Table(
        [
            text("processor", lang),
            text("ordinary", lang),
            text("sensitive_individuals", lang),
            text("flows", lang),
            text("route", lang),
            text("article", lang),
        ],
        rows,
        ["bad" if p.route == "security_assessment" else "warn" if p.route != "none" else "" for p in xb.processors],
        nowrap=(5,),
        widths=(24, 15, 15, 8, 22, 16),
    )
    marks = [
        ("100k" if limits["small_volume"] == 100_000 else _n(limits["small_volume"]), limits["small_volume"]),
        (
            "1M" if limits["assessment_individuals"] == 1_000_000 else _n(limits["assessment_individuals"]),
            limits["assessment_individuals"],
        ),
    ]
    bars = [(p.processor, p.individuals or 0) for p in xb.processors]
    thresholds = Para(
        f"{text('thresholds', lang)}: " + ", ".join(f"{k} = {v:,}" for k, v in sorted(limits.items())), "note"
    )
    blocks = [Para(text("cross_border_note", lang), "note"), thresholds]
    blocks += [Chart(bar_chart(bars, title, marks), table)] if rows else [Para(text("nothing", lang))]
    return Section("cross-border", title, blocks)


def layout(report: AuditReport) -> list[Section]:
    sections = [
        Section("cover", text("verification", report.lang), cover(report)),
        _levels(report),
        _violations(report),
        _trend(report),
        _suppressions(report),
        _coverage(report),
    ]
    if report.cross_border is not None:
        sections.append(_cross_border(report))
    return sections
