"""Scan data assets: read (sources) → detect (tallies, verdicts) → classify (level, categories, facts).

The default scan looks at a deterministic sample spread over the whole input. ``full=True`` first
chooses each column's detectors on such a sample, then streams every row in bounded batches to count
exactly, searching every cell of free-text columns for strong identifiers (a mobile number in 备注).
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyarrow as pa

from .classify.context import apply_context
from .classify.profile import AssetFacts, classify
from .detect import eav
from .detect.headers import header_signals
from .detect.tally import ColumnTally
from .detect.verdict import ColumnVerdict, candidate_entities, category_of, decide
from .engines import engine_for
from .engines.kernel import Plan
from .engines.local import regrouped, tally_one
from .errors import ComplianceError, InputError
from .policy.model import Pack
from .sources import Table, expand_inputs, open_tables

log = logging.getLogger(__name__)

#: rows sampled to choose each column's detectors before a --full pass (a column whose values are
#: mostly one entity shows it in a few hundred rows; free-text columns are searched for strong identifiers)
FULL_DECISION_SAMPLE = 300
#: with --full, an entity's detector runs over every row when its share in the decision sample is at
#: least this fraction of the bar: a column near the bar is then decided on all rows, not flipped
#: by the sample (at 300 rows a share's standard error is at most 0.029; half the bar is over 10 of them)
FULL_CANDIDATE_MARGIN = 0.5
#: with --full, text inputs up to this size are read once and held, the decision sample taken from them
#: (for text formats the file size bounds the memory; compressed formats are streamed)
SMALL_INPUT_BYTES = 64 * 1024 * 1024
HELD_FORMATS = frozenset({"csv", "tsv", "json", "jsonl"})
#: share of prose in the sample above which a --full pass searches a column for sporadic identifiers
#: (half the share that makes a column free text, so borderline columns are still searched)
PROSE_TO_SEARCH = 0.25

#: tables wider than this are refused (``--max-columns``): a sampled scan of 10,000 columns takes seconds
#: (benchmarks/bench_hardening.py), and a 100,000-column table is rarely a table
DEFAULT_MAX_COLUMNS = 20_000

#: called with (asset id, rows done, rows expected or None, whether that total is exact) while a full scan streams
Progress = Callable[[str, int, int | None, bool], None]


@dataclass(frozen=True)
class ScanOptions:
    sample: int = 1000
    seed: int = 0
    full: bool = False
    as_of: datetime.date | None = None
    encoding: str | None = None
    batch_rows: int = 65536
    nlp_model: str | None = None  # an installed spaCy model for names and places (never downloaded)
    max_columns: int = DEFAULT_MAX_COLUMNS  # a wider table is an input error (--max-columns)
    #: categories the asset's manifest declares: a declared personal category makes the table relate
    #: to individuals (identifiability context, compliance/classify/context.py)
    declared_categories: tuple[str, ...] = ()
    #: (table name, categories) of a manifest's ``tables:``: they replace ``declared_categories`` for that table
    table_categories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()  # --exclude GLOB: left out of directory walks (and of the paths named)
    header_row: int | None = None  # --header-row N: the header's row number in xlsx sheets and CSV files
    stdin_format: str | None = None  # --stdin-format: what the PATH ``-`` (standard input) holds
    #: --engine: where the rows of a --full pass are tallied (compliance/engines): ``local`` threads or
    #: ``spark`` executors; the decision sample is always read and tallied here, so reports are identical
    engine: str = "local"

    @property
    def reference_date(self) -> datetime.date:
        return self.as_of or datetime.date.today()


@dataclass
class AssetScan:
    id: str
    source: str
    table: str | None = None
    format: str | None = None
    rows_scanned: int = 0
    rows_total: int | None = None
    rows_total_exact: bool = False
    columns: list[ColumnVerdict] = field(default_factory=list)
    level: str | None = None
    categories: list[str] = field(default_factory=list)
    facts: AssetFacts = field(default_factory=AssetFacts)
    error: str | None = None
    empty: str | None = None  # why the input holds no data (no table, no column, no row, no value)
    anonymity: dict | None = None  # measured on the data for anonymised/de-identified assets (anonymity.scan_hook)


def id_path(path: str) -> str:
    """A path as it appears in asset ids: forward slashes, ``%`` and ``#`` escaped (``#`` starts the table)."""
    return path.replace("\\", "/").replace("%", "%25").replace("#", "%23")


def asset_id(source: str, table: str | None) -> str:
    """Stable id, unique per file and table: the path as given (see :func:`id_path`), plus ``#table``."""
    base = id_path(source)
    return f"{base}#{table}" if table else base


def _emptiness(scan: AssetScan, table: Table) -> str | None:
    """Why a scanned table holds nothing to check, or None. All-null cells count as empty only when
    every row was read (a sample of a sparse column may miss its few values)."""
    if not table.columns:
        return "no columns"
    if scan.rows_scanned == 0:
        return "no data rows"
    every_row = scan.rows_total_exact and scan.rows_total is not None and scan.rows_scanned >= scan.rows_total
    if every_row and not any(column.non_null for column in scan.columns):
        return "every cell is empty"
    return None


def _apply_ner(nlp_model: str, sample, verdicts, signals, pack: Pack) -> dict[str, list]:
    """NER on undecided columns; returns the hits it added, per column."""
    from .detect.analyzer import build_analyzer
    from .detect.ner import ner_verdict

    analyzer = build_analyzer(nlp_model)
    added = {}
    for name in sample.column_names:
        verdict = verdicts[name]
        before = len(verdict.entities)
        ner_verdict(analyzer, verdict, sample.column(name))
        if len(verdict.entities) > before:
            added[name] = verdict.entities[before:]
            verdict.category = category_of(verdict, signals[name], pack)
    return added


class _Tallies(dict):
    """Column tallies created on first sight: JSON and xlsx tables can gain columns while being read."""

    def __missing__(self, name: str) -> ColumnTally:
        self[name] = tally = ColumnTally(name)
        return tally


class _Signals(dict):
    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def __missing__(self, name: str):
        group = eav.split_group(name)  # an EAV group: its label is its header
        self[name] = found = header_signals(group[1] if group else name, self.pack)
        return found


def _first_look(table: Table, options: ScanOptions) -> tuple[pa.Table, list[pa.Table] | None]:
    """The rows that decide each column's detectors, and (--full, small inputs) the whole input already read.

    With --full the sample only chooses the detectors every cell then goes through (counts are exact).
    An input of at most SMALL_INPUT_BYTES is read once: the sample is spread over its rows instead of a
    second, seeking read. Larger inputs get the reader's own spread sample and are streamed afterwards.
    """
    if not options.full:
        return table.sample(options.sample, options.seed), None
    wanted = min(options.sample, FULL_DECISION_SAMPLE)
    try:
        read_from = getattr(table, "read_path", table.source)  # an inflated copy (sources/unpacked.py)
        small = table.format in HELD_FORMATS and os.path.getsize(read_from) <= SMALL_INPUT_BYTES
    except OSError:
        small = False
    if small:
        held = list(regrouped(table.batches(options.batch_rows), options.batch_rows))
        if held and len({batch.schema for batch in held}) == 1:
            whole = pa.concat_tables(held)  # zero-copy; tallied as one batch (fewer per-call overheads)
            step = max(1, whole.num_rows // wanted)
            return whole.take(pa.array(range(0, whole.num_rows, step))[:wanted]), [whole]
        return table.sample(wanted, options.seed), held
    return table.sample(wanted, options.seed), None


def _shape_from_sample(tallies, sample_tallies) -> None:
    """A column's share of prose and of plain numbers (used only to decide) as the sample measured it."""
    for name, sampled in sample_tallies.items():
        full = tallies.get(name)
        if full is not None and sampled.non_null:
            full.prose = round(sampled.prose / sampled.non_null * full.non_null)
            full.bare_digits = round(sampled.bare_digits / sampled.non_null * full.non_null)


def _merge_groups(verdicts, tallies, signals, pack: Pack) -> None:
    """Entities of an EAV table's label groups onto its value column (the groups are not reported)."""
    groups = {name: decide(tallies[name], signals[name], pack) for name in list(tallies) if eav.split_group(name)}
    eav.merge(verdicts, groups)
    for name in {eav.split_group(g)[0] for g in groups} & verdicts.keys():
        verdicts[name].category = category_of(verdicts[name], signals[name], pack)


def scan_table(table: Table, pack: Pack, options: ScanOptions, progress: Progress | None = None) -> AssetScan:
    """Scan one table; raises InputError when the data cannot be read."""
    if len(table.columns) > options.max_columns:
        where = f"table {table.table!r}: " if table.table else ""
        raise InputError(
            f"{where}{len(table.columns):,} columns, more than the limit of {options.max_columns:,} "
            "(--max-columns raises it)",
            source=table.source,
        )
    scan = AssetScan(asset_id(table.source, table.table), table.source, table.table, table.format)
    signals = _Signals(pack)
    if progress:  # sampled scans too: the asset is on the bar while its sample is read and checked
        progress(scan.id, 0, None, True)
    sample, held = _first_look(table, options)
    pair = eav.eav_pair(list(table.columns))
    first = Plan(pack, options.reference_date, sampled=True, pair=pair)
    detectors = first.all_detectors
    strong = tuple(d.entity for d in detectors if d.strong)
    looked = tally_one(sample, first)
    tallies = _Tallies(looked.columns)
    collector = looked.collector(pack, options.reference_date, sampled=True)
    verdicts = {name: decide(tallies[name], signals[name], pack) for name in table.columns}
    _merge_groups(verdicts, tallies, signals, pack)
    ner_hits = _apply_ner(options.nlp_model, sample, verdicts, signals, pack) if options.nlp_model else {}
    scan.rows_scanned = sample.num_rows
    if progress and not options.full:
        progress(scan.id, sample.num_rows, sample.num_rows, True)  # the sample's rows, all checked
    if options.full:
        sample_tallies = dict(tallies)

        def chosen(name: str) -> tuple[str, ...]:
            decided = verdicts[name]
            hinted = {s.entity for s in signals[name] if s.entity}
            near = candidate_entities(tallies[name], hinted, FULL_CANDIDATE_MARGIN)
            wanted = {hit.type for hit in decided.entities} | hinted | near
            return tuple(d.entity for d in detectors if d.entity in wanted)  # most specific first

        def searched(sampled: ColumnTally) -> tuple[str, ...]:
            """Sporadic values count only in free text: search the columns the sample shows prose in."""
            if not sampled.non_null:
                return strong
            return strong if sampled.prose / sampled.non_null >= PROSE_TO_SEARCH else ()

        # a column first seen in the full pass (JSON, xlsx) is checked for everything, searched for strong ones
        plan = Plan(
            pack,
            options.reference_date,
            sampled=False,
            detectors={name: chosen(name) for name in verdicts},
            embedded={name: searched(sampled) for name, sampled in sample_tallies.items()},
            known_shape=frozenset(sample_tallies),
            pair=pair,
        )

        def on_batch(rows: int) -> None:
            if progress:
                progress(scan.id, rows, table.rows_total, table.rows_total_exact)

        whole = engine_for(options.engine).full_pass(table, plan, options.batch_rows, held=held, on_batch=on_batch)
        tallies = _Tallies(whole.columns)
        collector = whole.collector(pack, options.reference_date, sampled=False)
        _shape_from_sample(tallies, sample_tallies)
        verdicts = {name: decide(tallies[name], signals[name], pack) for name in table.columns}
        _merge_groups(verdicts, tallies, signals, pack)
        for name, hits in ner_hits.items():  # NER verdicts come from the sample only
            if not verdicts[name].entities:
                verdicts[name].entities.extend(hits)
                verdicts[name].category = category_of(verdicts[name], signals[name], pack)
        scan.rows_scanned = whole.rows
    scan.rows_total = table.rows_total
    scan.rows_total_exact = table.rows_total_exact
    scan.columns = [verdicts[name] for name in table.columns]
    declared = dict(options.table_categories).get(table.table, options.declared_categories) if table.table else None
    apply_context(scan.columns, pack, options.declared_categories if declared is None else declared)
    scan.level, scan.categories, scan.facts = classify(
        scan.columns, collector, scan.rows_scanned, scan.rows_total, pack
    )
    scan.empty = _emptiness(scan, table)
    return scan


def scan_paths(
    paths: Iterable[str],
    pack: Pack,
    options: ScanOptions,
    progress: Progress | None = None,
    reraise: bool = False,
    skipped: list | None = None,
) -> list[AssetScan]:
    """Scan every table of every path; an unreadable input becomes an asset with ``error`` set, a
    directory holding no file at all one with ``empty`` set. What a directory walk skips (hidden,
    ignored, excluded, unsupported: ``sources.paths.Skip``) is appended to ``skipped`` when given."""
    paths = list(paths)
    expansion = expand_inputs(paths, options.exclude)
    files, problems = expansion.files, expansion.rejected
    if skipped is not None:
        skipped.extend(expansion.skipped)
    scans = [AssetScan(asset_id(path, None), path, error=f"{path}: {reason}") for path, reason in problems]
    passed_over = [s.path for s in expansion.skipped]
    for path in _empty_directories(paths, files + [path for path, _ in problems]):
        only_skipped = not _empty_directories([path], passed_over)
        why = "the directory holds no file to scan (every entry was skipped)" if only_skipped else None
        scans.append(AssetScan(asset_id(path, None), path, empty=why or "the directory holds no file"))
    for path in files:
        try:
            tables = open_tables(
                path,
                encoding=options.encoding,
                header_row=options.header_row,
                stdin_format=options.stdin_format,
                skipped=skipped,
            )
        except ComplianceError as err:
            scans.append(AssetScan(asset_id(path, None), path, error=_one_line(err)))
            continue
        except Exception as err:  # a reader bug must not hide the other inputs
            if reraise:
                raise
            log.debug("unexpected error opening %s", path, exc_info=True)
            message = f"{path}: could not be read ({type(err).__name__}; use --debug)"
            scans.append(AssetScan(asset_id(path, None), path, error=message))
            continue
        for table in tables:
            try:
                scans.append(scan_table(table, pack, options, progress))
            except ComplianceError as err:
                scans.append(_failed(table, _one_line(err)))
            except Exception as err:  # a reader bug must not hide the other inputs
                if reraise:
                    raise
                log.debug("unexpected error scanning %s", path, exc_info=True)
                scans.append(_failed(table, f"{path}: could not be scanned ({type(err).__name__}; use --debug)"))
    return sorted(scans, key=lambda s: s.id)


def _empty_directories(paths: list[str], found: list[str]) -> list[str]:
    """The directories among ``paths`` under which nothing was found (neither a file nor a rejection)."""
    inside = [os.path.abspath(f) for f in found]
    empty = []
    for path in dict.fromkeys(paths):
        if os.path.isdir(path):
            top = os.path.join(os.path.abspath(path), "")
            if not any(f.startswith(top) for f in inside):
                empty.append(path)
    return empty


def _failed(table: Table, message: str) -> AssetScan:
    return AssetScan(asset_id(table.source, table.table), table.source, table.table, table.format, error=message)


def _one_line(err: Exception) -> str:
    text = " ".join(str(err).split())
    return text if isinstance(err, InputError) or text else type(err).__name__
