"""Severity → what each output format calls it, in one place (as bandit does for SARIF levels).

A rule's severity is one of ``model.SEVERITY_ORDER``. SARIF wants a ``level`` (error/warning/note)
and, for GitHub code scanning, a numeric ``security-severity`` string whose bands (>= 9.0 critical,
>= 7.0 high, >= 4.0 medium, else low) reproduce our four severities; JUnit names and markdown
headings want a short label. Changing a mapping here changes every format together.
"""

from __future__ import annotations

from .model import SEVERITY_ORDER

SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
#: strings, as GitHub code scanning documents them; each falls in the band of its severity
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}
LABELS = {
    "en": {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low"},
    "zh": {"critical": "严重", "high": "高", "medium": "中", "low": "低"},
}


def _known(severity: str) -> str:
    if severity not in SEVERITY_ORDER:
        raise ValueError(f"unknown severity '{severity}' (expected one of {', '.join(SEVERITY_ORDER)})")
    return severity


def sarif_level(severity: str) -> str:
    return SARIF_LEVEL[_known(severity)]


def security_severity(severity: str) -> str:
    return SECURITY_SEVERITY[_known(severity)]


def tag(severity: str) -> str:
    """The upper-case tag of JUnit test names (``[HIGH][DCS-PI-001] …``), never translated."""
    return _known(severity).upper()


def label(severity: str, lang: str = "en") -> str:
    """A human label for markdown; unknown languages fall back to English."""
    return LABELS.get(lang, LABELS["en"])[_known(severity)]


def rank(severity: str) -> int:
    """0 for the most severe: ``min(..., key=rank)`` picks the worst of several violations."""
    return SEVERITY_ORDER.index(_known(severity))
