"""The report as it may be shown: every data-derived string through the masking gate.

Why one copy at the render boundary instead of a call in every renderer: a format added later, or a
field a renderer starts to print, cannot forget the gate. ``render`` hands every renderer the copy.
Masked are the asset id, source and table, column names, violation columns, flows and messages
(they quote names), errors and empty notes (they name files), suppression texts, the baseline and
waiver file names and their listed entries. The copy records ``name_masked`` on the asset and
column it changed. Fingerprints are not recomputed: they are one-way hashes of the raw ids, so the
same finding keeps its fingerprint whether or not its name was masked.

For text, Markdown and JUnit (``printable=True``) control characters are also shown as escapes
(``\\x1b``): a file name must not be able to move the cursor or forge a ``Summary: ... PASS`` line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from ..redact import name_was_masked, printable, safe_name
from .model import AssetReport, Report, Suppression, Violation

Text = Callable[[str], str]
_SUPPRESSION_TEXTS = ("justification", "approver", "source")


def _optional(text: Text, value: str | None) -> str | None:
    return None if value is None else text(value)


def _suppression(text: Text, s: Suppression | None) -> Suppression | None:
    """Justification, approver and source as shown (a dict or any dataclass form of a suppression)."""
    if s is None:
        return None
    if isinstance(s, dict):
        return {k: text(v) if k in _SUPPRESSION_TEXTS and isinstance(v, str) else v for k, v in s.items()}
    present = {f.name for f in fields(s)}
    changed = {k: text(getattr(s, k)) for k in _SUPPRESSION_TEXTS if k in present and isinstance(getattr(s, k), str)}
    return replace(s, **changed)


def _message(text: Text, v: Violation) -> str:
    """A message is the pack's prose (its line breaks are the pack's) quoting the column and flow:
    those are shown as ``text`` shows names, and every entity left in the whole is masked."""
    message = v.message
    for name in {v.column, v.flow} - {None}:
        message = message.replace(name, text(name))
    return safe_name(message)


def _violation(text: Text, v: Violation) -> Violation:
    return replace(
        v,
        message=_message(text, v),
        column=_optional(text, v.column),
        flow=_optional(text, v.flow),
        missing=tuple(text(m) for m in v.missing),
        suppression=_suppression(text, v.suppression),
    )


def _asset(text: Text, asset: AssetReport) -> AssetReport:
    scan = asset.scan
    columns = [
        replace(c, name=text(c.name), evidence=[text(e) for e in c.evidence], name_masked=name_was_masked(c.name))
        for c in scan.columns
    ]
    masked_scan = replace(
        scan,
        id=text(scan.id),
        source=text(scan.source),
        table=_optional(text, scan.table),
        error=_optional(text, scan.error),
        empty=_optional(text, scan.empty),
        columns=columns,
    )
    names = (scan.id, scan.source, scan.table or "")
    return replace(
        asset,
        scan=masked_scan,
        manifest=_optional(text, asset.manifest),
        violations=[_violation(text, v) for v in asset.violations],
        name_masked=any(name_was_masked(n) for n in names),
    )


def _entry(text: Text, entry):
    """A stale baseline entry or an expired waiver: its names as shown."""
    fields = {"asset": text(entry.asset), "column": _optional(text, entry.column), "flow": _optional(text, entry.flow)}
    for extra in ("justification", "approver", "ticket", "source"):
        if isinstance(getattr(entry, extra, None), str):
            fields[extra] = text(getattr(entry, extra))
    return replace(entry, **fields)


def masked_report(report: Report, *, printable_text: bool = False) -> Report:
    """A copy of ``report`` with every data-derived string masked (and made printable if asked)."""
    text: Text = (lambda s: printable(safe_name(s))) if printable_text else safe_name
    return replace(
        report,
        assets=[_asset(text, a) for a in report.assets],
        baseline_file=_optional(text, report.baseline_file),
        stale_baseline=[_entry(text, e) for e in report.stale_baseline],
        waivers_file=_optional(text, report.waivers_file),
        expired_waivers=[_entry(text, w) for w in report.expired_waivers],
        skipped=[replace(s, path=text(s.path), reason=text(s.reason)) for s in report.skipped],
    )
