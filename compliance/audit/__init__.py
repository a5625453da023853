"""The audit report (``compliance report``): the ledger's evidence over time for compliance teams.

    report = build_audit(records, verification=..., ledger=..., now=..., since=..., until=...,
                         manifests=project.manifests, pack=pack, stale_days=90, lang="zh")
    render_audit(report, "html" | "markdown" | "pdf") -> str (bytes for pdf)

Sections: the ledger's verification on the cover; assets per level and category; open violations by
severity and rule with the pack's legal references; their trend (SVG chart); suppressions and waivers
with approver and expiry; assets never scanned or stale; cross-border volume this year against the
XB-2024 thresholds.
"""

from __future__ import annotations

from .build import build_audit, verification_of
from .model import AuditReport, Verification

FORMATS = ("html", "markdown", "pdf")


def render_audit(report: AuditReport, fmt: str) -> str | bytes:
    if fmt == "html":
        from .html_format import render_html

        return render_html(report)
    if fmt == "markdown":
        from .markdown_format import render_markdown

        return render_markdown(report)
    from .pdf_format import render_pdf

    return render_pdf(report)


__all__ = ["FORMATS", "AuditReport", "Verification", "build_audit", "render_audit", "verification_of"]
