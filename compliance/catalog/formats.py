"""The catalogue and the important-data list as CSV, JSON, Markdown or an Excel workbook.

One table model (:func:`catalog_table`, :func:`important_table`: header labels and rows of cells)
feeds CSV (``csv`` module), Markdown and xlsx (openpyxl); JSON keeps the nested structure. Cells are
built from entries whose strings already passed the masking gate; Markdown escapes table syntax and
shows control characters as escapes (``printable``). Fields the owner must fill in are marked
``[TO FILL IN]`` / ``【待填写】``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..redact import printable
from .entry import CatalogEntry
from .important import ImportantItem

FORMATS = ("csv", "json", "markdown", "xlsx")
TO_FILL = {"en": "[TO FILL IN]", "zh": "【待填写】"}

_CATALOG_LABELS = {
    "asset": ("Asset", "资产"),
    "title": ("Title", "名称"),
    "owner": ("Owner", "责任人"),
    "source": ("Source", "来源"),
    "table": ("Table", "表"),
    "rows_total": ("Rows", "行数"),
    "level_declared": ("Declared level", "申报级别"),
    "level_detected": ("Detected level", "识别级别"),
    "categories": ("Categories", "类别"),
    "personal_columns": ("Personal columns", "个人信息字段"),
    "sensitive_columns": ("Sensitive columns", "敏感个人信息字段"),
    "individuals": ("Individuals (estimate)", "个人数量（估计）"),
    "flows": ("Flows", "流转"),
    "last_scan": ("Last scan", "最近扫描"),
    "status": ("Status", "状态"),
    "open_violations": ("Open violations", "未处理违规"),
}
_IMPORTANT_LABELS = {
    "name": ("Name", "数据名称"),
    "asset": ("Asset", "资产"),
    "source": ("Source", "数据来源"),
    "rows": ("Volume (rows)", "数据量（行）"),
    "individuals": ("Volume (individuals)", "涉及个人数量"),
    "scope": ("Scope", "数据范围"),
    "categories": ("Categories", "数据类别"),
    "level": ("Level", "级别"),
    "reasons": ("Why listed", "识别依据"),
    "owner": ("Owner", "责任人"),
    "purpose": ("Processing purpose", "处理目的"),
    "method": ("Processing method", "处理方式"),
    "security_measures": ("Security measures", "安全保护措施"),
    "declaration_ref": ("Declaration record", "申报记录"),
}


def _label(labels: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    en, zh = labels[key]
    return zh if lang == "zh" else en


def _joined(values) -> str:
    return "; ".join(values)


def _number(value: int | None, estimate: bool = False) -> str:
    if value is None:
        return ""
    return f"~{value}" if estimate else str(value)


def catalog_table(entries: list[CatalogEntry], lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    header = [_label(_CATALOG_LABELS, key, lang) for key in _CATALOG_LABELS]
    rows = [
        [
            e.asset,
            e.title or "",
            e.owner or "",
            e.source,
            e.table or "",
            _number(e.rows_total, e.rows_total_is_estimate),
            e.level_declared or "",
            e.level_detected or "",
            _joined(e.categories),
            _joined(e.personal_columns),
            _joined(e.sensitive_columns),
            _number(e.individuals, not e.individuals_exact),
            _joined(f.label() for f in e.flows),
            e.last_scan,
            e.status,
            e.open_violations,
        ]
        for e in entries
    ]
    return header, rows


def important_table(items: list[ImportantItem], lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    header = [_label(_IMPORTANT_LABELS, key, lang) for key in _IMPORTANT_LABELS]
    fill = TO_FILL[lang]
    rows = [
        [
            i.name,
            i.asset,
            i.source,
            _number(i.rows_total),
            _number(i.individuals),
            i.scope or fill,
            _joined(i.categories),
            i.level or "",
            _joined(i.reasons),
            i.owner or fill,
            i.purpose or fill,
            i.method or fill,
            i.security_measures or fill,
            i.declaration_ref or "",
        ]
        for i in items
    ]
    return header, rows


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a \r or \n in a name is then quoted
    writer.writerow(header)
    writer.writerows(_defused(row) for row in rows)
    return out.getvalue()


def _defused(row: list[Any]) -> list[Any]:
    """Cells a spreadsheet would run as formulas (``=cmd|...``) start with a quote (CSV injection)."""
    return [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]


def _cell(value: Any) -> str:
    return printable(str(value)).replace("\\", "\\\\").replace("|", "\\|") if value != "" else ""


def _markdown(title: str, header: list[str], rows: list[list[Any]], note: str | None = None) -> str:
    lines = [f"# {title}", ""]
    if note:
        lines += [note, ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    if not rows:
        lines.append("| " + " | ".join("" for _ in header) + " |")
    return "\n".join(lines) + "\n"


def _xlsx(sheet_title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _defused_rows(rows):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _defused_rows(rows: list[list[Any]]):
    for row in rows:  # a string starting with '=' is stored by openpyxl as a formula: store it as text
        yield [f"'{c}" if isinstance(c, str) and c.startswith("=") else c for c in row]


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def render_catalog(entries: list[CatalogEntry], fmt: str, *, lang: str, meta: dict[str, Any]) -> str | bytes:
    """The catalogue in ``fmt``; ``meta`` (where it came from, when) heads the JSON and Markdown."""
    if fmt == "json":
        return _json({**meta, "assets": [e.to_dict() for e in entries]})
    header, rows = catalog_table(entries, lang)
    if fmt == "csv":
        return _csv(header, rows)
    if fmt == "xlsx":
        return _xlsx("catalog" if lang == "en" else "数据资源目录", header, rows)
    title = "Data resource catalogue" if lang == "en" else "数据资源目录"
    return _markdown(title, header, rows, _meta_line(meta, lang))


def render_important(items: list[ImportantItem], fmt: str, *, lang: str, meta: dict[str, Any]) -> str | bytes:
    if fmt == "json":
        return _json({**meta, "important": [i.to_dict() for i in items]})
    header, rows = important_table(items, lang)
    if fmt == "csv":
        return _csv(header, rows)
    if fmt == "xlsx":
        return _xlsx("important data" if lang == "en" else "重要数据识别清单", header, rows)
    title = "Important and core data identification list" if lang == "en" else "重要数据和核心数据识别清单"
    note = (
        f"Fields marked {TO_FILL['en']} are for the asset owner to complete (manifest `declaration`)."
        if lang == "en"
        else f"标记{TO_FILL['zh']}的字段由数据责任人填写（清单 `declaration`）。"
    )
    return _markdown(title, header, rows, f"{_meta_line(meta, lang)}\n\n{note}")


def _meta_line(meta: dict[str, Any], lang: str) -> str:
    origin = printable(str(meta.get("from", "")))
    if origin == "scan":
        origin = "this scan" if lang == "en" else "本次扫描"
    when = meta.get("generated_at", "")
    return f"From: {origin}; generated {when}" if lang == "en" else f"来源：{origin}；生成时间 {when}"
