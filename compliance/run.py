"""Library entry point: scan paths under a pack and produce the report model."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from . import __version__
from .policy.model import Pack
from .report.model import AssetReport, Report
from .scanner import Progress, ScanOptions, scan_paths


def scan_report(
    paths: Iterable[str],
    pack: Pack,
    options: ScanOptions,
    *,
    progress: Progress | None = None,
    lang: str = "en",
    debug: bool = False,
) -> Report:
    scans = scan_paths(paths, pack, options, progress=progress, reraise=debug)
    return Report(
        tool_version=__version__,
        policy_id=pack.id,
        policy_version=pack.version,
        policy_sha256=pack.sha256,
        options=options,
        assets=[AssetReport(scan) for scan in scans],
        lang=lang,
        generated_at=datetime.datetime.now(datetime.UTC),
    )
