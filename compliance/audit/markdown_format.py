"""The audit report as Markdown: the same sections as HTML, each chart shown as its data table."""

from __future__ import annotations

from ..redact import printable
from .document import Chart, Para, Table, layout
from .labels import text
from .model import AuditReport


def _cell(value: str) -> str:
    return printable(str(value)).replace("\\", "\\\\").replace("|", "\\|")


def _table(table: Table) -> list[str]:
    header = table.header if any(table.header) else [" "] * len(table.header)
    lines = ["| " + " | ".join(_cell(h) or " " for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _block(block) -> list[str]:
    if isinstance(block, Para):
        line = _cell(block.text).replace("\\|", "|")
        if block.css == "h3":
            return [f"### {line}", ""]
        return [f"**{line}**" if block.css in ("ok", "bad") else line, ""]
    if isinstance(block, Chart):
        return _table(block.data)
    return _table(block)


def render_markdown(report: AuditReport) -> str:
    lines = [f"# {text('title', report.lang)}", ""]
    for section in layout(report):
        lines += [f"## {_cell(section.title)}", ""]
        for block in section.blocks:
            lines += _block(block)
    return "\n".join(lines).rstrip("\n") + "\n"
