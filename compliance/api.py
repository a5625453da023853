"""The Python API: scan files or in-memory tables, check manifests, read the report, reuse the recognizers.

Thin wrappers over the library calls the ``compliance`` command makes (``run.scan_report``,
``run.manifests_report``, ``report.render``), so a script gets the same results as the command line.
Documented, with examples that are tested, in docs/api.md.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError
from .policy import DEFAULT_PACK, load_pack
from .policy.model import Pack
from .report import RenderOptions, Report, render
from .scanner import ScanOptions

__all__ = [
    "Pack",
    "Report",
    "ScanOptions",
    "analyzer",
    "check",
    "pack",
    "recognizers",
    "report_dict",
    "report_text",
    "scan",
    "scan_table",
]


def pack(ref: str | Path | None = None) -> Pack:
    """A policy pack by built-in id or path (default: the built-in default pack)."""
    return load_pack(ref or DEFAULT_PACK)


def _pack(policy: Pack | str | Path | None) -> Pack:
    return policy if isinstance(policy, Pack) else pack(policy)


def scan(
    paths: str | Path | Iterable[str | Path],
    *,
    flows: Sequence[str] = (),
    policy: Pack | str | Path | None = None,
    options: ScanOptions | None = None,
    lang: str = "en",
    fail_on: str = "high",
) -> Report:
    """Scan files or folders, as ``compliance scan PATH... [--flow TYPE]`` does.

    Without ``flows`` only detection runs; each flow (a recipient type such as ``third_party``) has the
    pack's rules evaluated for it. Unreadable inputs are error assets of the report, never exceptions.
    """
    from .run import scan_report

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    chosen = _pack(policy)
    return scan_report(
        [str(p) for p in items], chosen, options or ScanOptions(), flows=flows, lang=lang, fail_on=fail_on
    )


def scan_table(
    data: Any,
    name: str = "table",
    *,
    flows: Sequence[str] = (),
    policy: Pack | str | Path | None = None,
    options: ScanOptions | None = None,
    lang: str = "en",
    fail_on: str = "high",
) -> Report:
    """Scan a pyarrow Table (or RecordBatch) or a pandas DataFrame held in memory; ``name`` is its asset id."""
    from .run import _evaluated, _report
    from .scanner import scan_table as scan_one
    from .sources.memory import MemoryTable

    chosen, chosen_options = _pack(policy), options or ScanOptions()
    table = MemoryTable(data, name)
    try:
        scanned = scan_one(table, chosen, chosen_options)
    except InputError as err:
        from .scanner import _failed

        scanned = _failed(table, str(err))
    synthetic = [{"id": kind, "recipient_type": kind} for kind in flows]
    day = chosen_options.reference_date
    asset = _evaluated(chosen, scanned, None, synthetic, lang, None, day)
    return _report(chosen, chosen_options, [asset], lang, fail_on)


def check(
    manifests: str | Path | Iterable[str | Path],
    *,
    policy: Pack | str | Path | None = None,
    options: ScanOptions | None = None,
    lang: str = "en",
    fail_on: str = "high",
) -> Report:
    """Scan what each asset manifest describes and evaluate the rules for its declared flows, as
    ``compliance scan --manifest FILE...`` does. An invalid manifest raises ``ConfigError``."""
    from .manifest import load_manifest
    from .run import manifests_report

    items = [manifests] if isinstance(manifests, str | Path) else list(manifests)
    chosen = _pack(policy)
    loaded = [load_manifest(path, chosen) for path in items]
    return manifests_report(loaded, chosen, options or ScanOptions(), lang=lang, fail_on=fail_on)


def report_dict(report: Report, *, timestamps: bool = False) -> dict[str, Any]:
    """The JSON report (design.md contract) as Python data, masked like every output."""
    return json.loads(report_text(report, "json", timestamps=timestamps))


def report_text(report: Report, fmt: str = "text", *, timestamps: bool = False) -> str:
    """The report rendered in ``fmt`` (text, json, sarif, junit, markdown), as the command writes it."""
    stream = io.StringIO()
    render(report, fmt, stream, RenderOptions(lang=report.lang, timestamps=timestamps))
    return stream.getvalue()


def recognizers(language: str = "zh") -> list[Any]:
    """The Presidio recognizers of every entity (``presidio_analyzer.EntityRecognizer``), for ``language``.

    Imports Presidio: add them to your own ``RecognizerRegistry`` / ``AnalyzerEngine``."""
    from .detect.recognizers import entity_specs

    return [spec.recognizer for spec in entity_specs(language)]


def analyzer(nlp_model: str | None = None) -> Any:
    """A Presidio ``AnalyzerEngine`` for ``zh`` and ``en`` with these recognizers, offline (no spaCy
    model needed; ``nlp_model`` names an installed one for PERSON / LOCATION)."""
    from .detect.analyzer import build_analyzer

    return build_analyzer(nlp_model)
