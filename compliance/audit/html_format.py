"""The audit report as one self-contained HTML file: inline CSS and SVG, no script, no external fetch.

Print CSS keeps tables whole where possible, repeats table headers on every page and starts each
section on a new page when printed (or converted to PDF). Every text is escaped.
"""

from __future__ import annotations

from html import escape

from .document import Chart, Para, Section, Table, layout
from .labels import text
from .model import AuditReport

CSS = """
:root { color-scheme: light; }
body { margin: 2em; color: #222; font-size: 11pt; }
h1 { font-size: 20pt; margin-bottom: .2em; }
h2 { font-size: 14pt; border-bottom: 2px solid #1565c0; padding-bottom: .2em; margin-top: 1.6em; }
h3, p.h3 { font-size: 12pt; font-weight: bold; margin-top: 1.2em; }
table { border-collapse: collapse; margin: .6em 0; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef3fb; overflow-wrap: normal; }
td.nowrap { white-space: nowrap; }
table.fixed { table-layout: fixed; }
tr.bad td { background: #fdecea; }
tr.warn td { background: #fff4e0; }
p.ok { color: #1b5e20; font-weight: bold; font-size: 13pt; }
p.bad { color: #b71c1c; font-weight: bold; }
p.note { color: #555; }
svg.chart { max-width: 100%; height: auto; display: block; margin: .6em 0; }
nav ol { columns: 2; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; }
  section#cover { break-before: auto; }
  thead { display: table-header-group; }
  tr, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


#: Chinese fonts (Debian fonts-noto-cjk, fonts-wqy-zenhei; macOS, Windows) for Chinese text and names
_CJK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei"'
_LATIN = '"DejaVu Sans", "Liberation Sans", "Noto Sans", Arial, Helvetica'


def _fonts(lang: str) -> str:
    """A Chinese report is set in a CJK font; an English one in a Latin font with the CJK fonts as the
    fallback for Chinese names (a PDF then embeds only the CJK glyphs it uses, far fewer)."""
    order = f"{_CJK}, {_LATIN}" if lang == "zh" else f"{_LATIN}, {_CJK}"
    return f"body {{ font-family: {order}, sans-serif; }}"


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    thead = f"<thead><tr>{head}</tr></thead>" if any(table.header) else ""
    rows = []
    for i, row in enumerate(table.rows):
        css = table.row_css[i] if i < len(table.row_css) else ""
        cells = "".join(
            f'<td class="nowrap">{escape(str(c))}</td>' if j in table.nowrap else f"<td>{escape(str(c))}</td>"
            for j, c in enumerate(row)
        )
        rows.append(f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>")
    if table.widths:
        columns = "".join(f'<col style="width: {w}%">' for w in table.widths)
        return f'<table class="fixed"><colgroup>{columns}</colgroup>{thead}<tbody>{"".join(rows)}</tbody></table>'
    return f"<table>{thead}<tbody>{''.join(rows)}</tbody></table>"


def _block(block) -> str:
    if isinstance(block, Para):
        return f'<p class="{block.css}">{escape(block.text)}</p>' if block.css else f"<p>{escape(block.text)}</p>"
    if isinstance(block, Chart):
        return f'<figure class="chart">{block.svg}</figure>{_table(block.data)}'
    return _table(block)


def _section(section: Section) -> str:
    body = "".join(_block(b) for b in section.blocks)
    return f'<section id="{escape(section.id)}"><h2>{escape(section.title)}</h2>{body}</section>'


def render_html(report: AuditReport) -> str:
    lang = report.lang
    sections = layout(report)
    title = text("title", lang)
    nav = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">'
        f"<title>{escape(title)}</title><style>{_fonts(lang)}{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1></header>"
        f"<nav><h3>{escape(text('contents', lang))}</h3><ol>{nav}</ol></nav>"
        + "".join(_section(s) for s in sections)
        + "</body></html>\n"
    )
