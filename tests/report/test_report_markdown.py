"""Markdown: golden file, table cells that cannot break their table, masked evidence kept in code spans."""

from __future__ import annotations

import re

from compliance.report.markdown_format import code_span, prose

from .conftest import (
    BROKEN_ERROR,
    CUSTOMERS,
    PIPE_COLUMN,
    TICK_COLUMN,
    build_report,
    check_golden,
    rendered,
)

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


def test_markdown_matches_golden():
    check_golden("report_markdown.md", rendered(build_report(), "markdown"))


def test_every_table_row_has_as_many_cells_as_its_header():
    text = rendered(build_report(), "markdown")
    tables = _tables(text)
    assert len(tables) == 3  # summary, two assets with detected columns
    for table in tables:
        widths = {len(UNESCAPED_PIPE.findall(row)) for row in table}
        assert len(widths) == 1, table


def test_pipes_and_line_breaks_in_cells_are_escaped():
    text = rendered(build_report(), "markdown")
    assert "`备注\\|remark`" in text
    assert PIPE_COLUMN not in text  # never unescaped
    assert "``note`s``" in text  # a backtick cannot close the code span early
    assert TICK_COLUMN in text
    assert "Owner field is empty | steward unknown<br>Ask the data office." in text


def test_cell_escaping_helpers():
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x") == "`` `x ``"
    assert code_span("two\nlines") == "`two lines`"
    assert prose("138****5678 <b>x</b> [link](u)") == "138\\*\\*\\*\\*5678 \\<b\\>x\\</b\\> \\[link\\](u)"
    assert prose("a\nb") == "a<br>b"


def test_masked_evidence_only_inside_code_spans():
    report = build_report()
    text = rendered(report, "markdown")
    evidence = [e for a in report.assets for c in a.scan.columns for e in c.evidence]
    assert evidence
    for value in evidence:
        assert text.count(value) == text.count(f"`{value}`") >= 1, value


def test_asset_sections_hold_facts_columns_and_violations():
    text = rendered(build_report(), "markdown")
    section = text.split(f"## {code_span(CUSTOMERS)}")[1].split("\n## ")[0]
    assert "- Level: detected `important`, declared `general-2`" in section
    assert "- Records of minors: 2.1% (21 records)" in section
    assert "- Distinct individuals: ~980 (estimate)" in section
    assert "`CN_RESIDENT_ID` 99.8% (998)" in section
    assert "`CN_MOBILE` ×3 (in text)" in section
    assert "order_no" not in section  # a column with nothing found is not listed
    headings = re.findall(r"^#### (\w+) — (\S+):", section, flags=re.M)
    assert headings == [
        ("High", "DCS-CL-001"),
        ("Low", "DCS-GOV-001"),
        ("Critical", "DCS-MIN-001"),
        ("High", "DCS-PI-001"),
        ("High", "DCS-PI-001"),
    ]
    assert section.count("- Missing evidence: `flow.consent_ref`") == 2
    assert "- References: PIPL Art 28; PIPL Art 31" in section
    assert BROKEN_ERROR in text


def test_summary_counts_by_severity():
    report = build_report()
    text = rendered(report, "markdown")
    total = next(line for line in text.splitlines() if line.startswith("| **Total**"))
    counts = [cell.strip() for cell in UNESCAPED_PIPE.split(total)[4:-1]]
    assert counts == [str(n) for n in report.violation_counts().values()]


def test_chinese_headings():
    text = rendered(build_report(), "markdown", lang="zh")
    for heading in ("# 数据流通合规检查报告", "## 汇总", "### 检测到的列", "### 违规项", "#### 严重 — DCS-MIN-001"):
        assert heading in text
    for english in ("## Summary", "Detected columns", "### Violations", "Remediation"):
        assert english not in text


def test_chinese_category_titles_and_exact_or_estimated_counts():
    text = rendered(build_report("zh"), "markdown", lang="zh")
    assert "- 数据类别: 不满十四周岁未成年人的个人信息 (`minors_personal`), 一般个人信息 (`personal`)" in text
    assert "| `身份证号` | `CN_RESIDENT_ID` 99.8% (998) | 敏感个人信息 (`sensitive_personal`) |" in text
    assert "- 个人数量: 约 980（估计）" in text and "- 个人数量: 50（精确）" in text
    english = rendered(build_report(), "markdown")
    assert "- Distinct individuals: ~980 (estimate)" in english and "| `sensitive_personal` |" in english
