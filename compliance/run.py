"""Library entry points: scan paths or manifests under a pack, evaluate rules, produce the report."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace

from . import __version__
from .anonymity import scan_hook as anonymity
from .errors import ComplianceError
from .evaluate import evaluate_asset, rule_info
from .evaluate.decisions import flow_decision
from .evaluate.engine import flow_routes
from .policy.model import Pack
from .report.model import AssetReport, Report
from .report.rule_skips import skipped_rules
from .scanner import AssetScan, Progress, ScanOptions, asset_id, scan_paths
from .sources.db_url import expose, is_database_url, public_url

URL_PREFIXES = ("postgresql://", "postgres://", "mysql://", "s3://", "hdfs://", "http://", "https://", "spark://")


def shown_path(path: str) -> str:
    """A path under the working directory as a relative path, so reports do not name the checkout; a URL
    without its password (a database URL's password stays in memory for the reader: ``sources/db_url.py``)."""
    if "://" in path:
        return expose(path) if is_database_url(path) else public_url(path)
    absolute = os.path.abspath(path)
    here = os.getcwd()
    inside = os.path.commonpath([absolute, here]) == here
    return os.path.relpath(absolute, here).replace(os.sep, "/") if inside else path


def _report(pack: Pack, options: ScanOptions, assets: list[AssetReport], lang: str, fail_on: str, skipped=()) -> Report:
    for asset in assets:
        asset.fail_on = fail_on
    return Report(
        tool_version=__version__,
        policy_id=pack.id,
        policy_version=pack.version,
        policy_sha256=pack.sha256,
        options=options,
        assets=sorted(assets, key=lambda a: a.scan.id),
        lang=lang,
        generated_at=datetime.datetime.now(datetime.UTC),
        rules={rule.id: rule_info(rule, pack, lang) for rule in pack.enabled_rules},
        category_titles={c.id: c.title.get(lang) for c in pack.categories},
        fail_on=fail_on,
        skipped=sorted(skipped, key=lambda s: s.path),
        rules_skipped=skipped_rules(pack, assets),
    )


def _evaluated(
    pack: Pack, scan: AssetScan, manifest, flows, lang: str, processor=None, as_of=None, engine: str = "local"
) -> AssetReport:
    asset = AssetReport(scan, declared_level=manifest.declared_level if manifest else None)
    if manifest is not None:
        asset.manifest = shown_path(manifest.path)
        asset.declared_categories = tuple(manifest.categories)
    if scan.error is None and scan.level is not None and (manifest is not None or flows):  # level: a table was read
        context = {"processor": processor, "as_of": as_of}
        anonymity.attach(scan, manifest, pack, engine)  # measured k/l/t for anonymised and de-identified assets
        asset.violations, asset.evaluated_rules = evaluate_asset(pack, scan, manifest, flows, lang, **context)
        asset.violations = anonymity.annotate(asset.violations, scan, manifest, pack, lang)
        asset.flows = [
            flow_decision(flow, decision, asset.violations, pack.settings)
            for flow, decision in flow_routes(pack, scan, manifest, flows, **context)
        ]
    return asset


def scan_report(
    paths: Iterable[str],
    pack: Pack,
    options: ScanOptions,
    *,
    flows: Sequence[str] = (),
    progress: Progress | None = None,
    lang: str = "en",
    fail_on: str = "high",
    debug: bool = False,
    processor: dict | None = None,
) -> Report:
    """Scan datasets without manifests. With ``flows`` (recipient types such as ``third_party``), the
    rules are evaluated for those intended flows and each violation names the evidence to supply.
    ``processor`` is the project file's ``processor`` (absent facts fail closed)."""
    skipped: list = []
    scans = scan_paths(paths, pack, options, progress=progress, reraise=debug, skipped=skipped)
    synthetic = [{"id": kind, "recipient_type": kind} for kind in flows]
    day = options.reference_date
    assets = [_evaluated(pack, scan, None, synthetic, lang, processor, day) for scan in scans]
    return _report(pack, options, assets, lang, fail_on, skipped)


def _manifest_scans(manifest, pack: Pack, options: ScanOptions, progress, debug, skipped=None) -> list[AssetScan]:
    """The scanned tables of a manifest's source, re-identified by the manifest id.

    One table keeps the manifest id; the tables of one file are ``<manifest id>#<table>``; the tables of
    several files (a glob, a folder) are ``<manifest id>#<path relative to the manifest's folder>[#<table>]``,
    unique per file and table: ``shop/orders#2024/export.csv`` and ``shop/orders#2025/export.csv``. A source
    that resolves to nothing (a glob matching no file) is an error asset; the other manifests are still
    scanned and reported.
    """
    try:
        sources = [shown_path(s) for s in manifest.source_paths()]
    except ComplianceError as err:  # paths as reports show them: relative to the working directory
        message = " ".join(str(err).split()).replace(manifest.path, shown_path(manifest.path))
        message = message.replace(str(manifest.folder), shown_path(str(manifest.folder)))
        return [AssetScan(manifest.id, manifest.source, error=message)]
    remote = [s for s in sources if s.startswith(URL_PREFIXES) and not is_database_url(s)]
    if remote:
        message = f"{manifest.path}: source {remote[0]}: remote sources are not supported yet (scan an export)"
        return [AssetScan(manifest.id, remote[0], error=message)]
    per_table = tuple((t, tuple(d["categories"])) for t, d in manifest.tables.items() if "categories" in d)
    # identifiability context: the declared categories, per table where ``tables:`` says so
    options = replace(options, declared_categories=tuple(manifest.categories), table_categories=per_table)
    scans = scan_paths(sources, pack, options, progress=progress, reraise=debug, skipped=skipped)
    return _identified(manifest, scans) + _undeclared_tables(manifest, scans)


def _identified(manifest, scans: list[AssetScan]) -> list[AssetScan]:
    """Ids that survive a monthly export replacing the last one: one table keeps the manifest id; the
    tables of one file (a workbook, or the one file a glob matches now) are ``<manifest id>#<table>``,
    whatever the file is called; only when several files match at once does the relative path tell them
    apart (``<manifest id>#<path>[#<table>]``), so two files never share an id."""
    if len(scans) == 1:
        return [replace(scans[0], id=manifest.id)]
    if len({os.path.abspath(s.source) for s in scans}) == 1:
        return [replace(s, id=f"{manifest.id}#{s.table}" if s.table else manifest.id) for s in scans]
    return [replace(s, id=_member_id(manifest, s)) for s in scans]


def _undeclared_tables(manifest, scans: list[AssetScan]) -> list[AssetScan]:
    """A ``tables:`` entry naming no table of the source: an error asset (a misspelt sheet name would
    otherwise leave the real sheet judged by the asset's declarations, silently)."""
    if not manifest.tables or any(s.error for s in scans):
        return []
    found = {s.table for s in scans}
    source = scans[0].source if scans else manifest.source
    missing = sorted(set(manifest.tables) - found)
    message = "{}: tables: '{}' is not a table of {}"
    return [
        AssetScan(f"{manifest.id}#{t}", source, table=t, error=message.format(manifest.path, t, source))
        for t in missing
    ]


def _member_id(manifest, scan: AssetScan) -> str:
    if is_database_url(scan.source):  # one database: its tables
        return f"{manifest.id}#{asset_id(scan.table or '', None)}"
    folder = os.path.abspath(manifest.folder)
    relative = os.path.relpath(os.path.abspath(scan.source), folder).replace(os.sep, "/")
    return f"{manifest.id}#{asset_id(relative, scan.table)}"


def manifests_report(
    manifests: Sequence,
    pack: Pack,
    options: ScanOptions,
    *,
    progress: Progress | None = None,
    lang: str = "en",
    fail_on: str = "high",
    debug: bool = False,
    processor: dict | None = None,
) -> Report:
    """Scan what each manifest describes and evaluate the pack's rules for its declared flows.
    ``processor`` is the project file's ``processor`` (absent facts fail closed)."""
    assets = []
    skipped: list = []
    day = options.reference_date
    for manifest in manifests:
        for scan in _manifest_scans(manifest, pack, options, progress, debug, skipped):
            table_manifest = manifest.for_table(scan.table)
            assets.append(_evaluated(pack, scan, table_manifest, None, lang, processor, day, options.engine))
    return _report(pack, options, assets, lang, fail_on, skipped)
