"""``compliance anonymity check``: measure a dataset's anonymity on the data itself.

Direct identifiers left in clear come from the scanner's verdicts (the same as DCS-AN-002/007), pseudonym
columns from ``pseudonyms``, the privacy models from ``measure``; when no quasi-identifier is declared the
suggested ones are measured. The smallest classes are named by their quasi-identifier values only,
each value through the masking gate, and the lattice search names the generalisation that would
reach the target.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import UsageError
from ..redact import safe_name
from .data import read_table
from .measure import Codes, Measurement, encode_all, measure_codes
from .plan import Plan, plan_generalisation
from .pseudonyms import Pseudonym, pseudonym_columns
from .suggest import Suggestion, suggest

SMALLEST_SHOWN = 5


@dataclass
class Targets:
    k: int = 5
    l: int | None = None  # noqa: E741 - the model's name
    t: float | None = None
    max_suppression: float = 0.05


@dataclass
class DirectIdentifier:
    column: str
    entities: list[str]


@dataclass
class CheckReport:
    source: str
    rows: int
    quasi_identifiers: list[str]
    qi_origin: str  # declared | suggested | none
    sensitive: list[str]
    targets: Targets
    direct: list[DirectIdentifier] = field(default_factory=list)
    pseudonyms: list[Pseudonym] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    measurement: Measurement | None = None
    smallest: list[dict] = field(default_factory=list)
    plan: Plan | None = None
    drop_nulls: bool = False
    count_column: str | None = None

    @property
    def failures(self) -> list[str]:
        out = [f"direct identifier in clear: column {safe_name(d.column)!r}" for d in self.direct]
        out += [f"pseudonym column {safe_name(p.column)!r}: de-identified, still personal" for p in self.pseudonyms]
        m = self.measurement
        if m is None:
            out.append("no quasi-identifier declared or suggested: anonymity not measured")
            return out
        if m.k is None or m.k < self.targets.k:
            out.append(f"k {m.k} below the target {self.targets.k}")
        if self.targets.l is not None:
            for s in m.sensitive:
                if s.distinct_l is None or s.distinct_l < self.targets.l:
                    out.append(f"l {s.distinct_l} of {safe_name(s.column)!r} below the target {self.targets.l}")
        if self.targets.t is not None:
            for s in m.sensitive:
                if s.t is not None and s.t > self.targets.t:
                    out.append(f"t {s.t:.4f} of {safe_name(s.column)!r} above the target {self.targets.t}")
        return out

    @property
    def targets_missed(self) -> bool:
        """k or l below its target (what generalisation can fix)."""
        m = self.measurement
        if m is None or m.k is None:
            return False
        low_l = self.targets.l is not None and any(
            s.distinct_l is None or s.distinct_l < self.targets.l for s in m.sensitive
        )
        return m.k < self.targets.k or low_l

    @property
    def verdict(self) -> str:
        if self.direct:
            return "identifiable"
        if self.pseudonyms:
            return "de-identified, still personal"
        return "meets the targets" if not self.failures else "targets not met"


#: inputs up to this size get the scanner's full pass (every cell); larger ones its deterministic sample
FULL_SCAN_BYTES = 64 * 1024 * 1024


def direct_identifiers(
    path: str, table_name: str | None, pack, encoding: str | None = None
) -> tuple[list[DirectIdentifier], dict[str, list[str]]]:
    """Columns the scanner finds direct identifiers in, and every column's entities."""
    from ..evaluate.facts import asset_facts
    from ..scanner import ScanOptions, scan_table
    from ..sources import open_tables

    found = []
    full = os.path.getsize(path) <= FULL_SCAN_BYTES
    for table in open_tables(path, encoding=encoding):
        if table_name is not None and table.table != table_name:
            continue
        scan = scan_table(table, pack, ScanOptions(full=full))
        direct = set(asset_facts(scan, pack)["direct_identifiers"])
        for column in scan.columns:
            if column.name in direct:
                found.append(DirectIdentifier(column.name, [hit.type for hit in column.entities]))
        return found, {c.name: [hit.type for hit in c.entities] for c in scan.columns}
    return found, {}


def smallest_order(sizes: np.ndarray) -> np.ndarray:
    """The classes the report shows: the ``SMALLEST_SHOWN`` smallest, ties in class order."""
    present = np.flatnonzero(sizes)
    return present[np.lexsort((present, sizes[present]))][:SMALLEST_SHOWN]


def shown_class(size: int, values: dict) -> dict:
    """One smallest class as the report shows it: its size and its quasi-identifier values, masked."""
    return {"size": int(size), "values": {n: None if v is None else safe_name(str(v)) for n, v in values.items()}}


def smallest_classes(qi_codes: list[Codes], names: list[str], ids: np.ndarray, sizes: np.ndarray) -> list[dict]:
    """The smallest classes by their quasi-identifier values (masked where personal)."""
    order = smallest_order(sizes)
    if not len(order):
        return []
    first = np.full(len(sizes), -1, dtype=np.int64)
    kept = np.flatnonzero(ids >= 0)
    first[ids[kept][::-1]] = kept[::-1]
    out = []
    for cls in order:
        row = int(first[cls])
        values = {name: c.values[int(c.codes[row])].as_py() for name, c in zip(names, qi_codes, strict=True)}
        out.append(shown_class(sizes[cls], values))
    return out


NOT_WHOLE = "holds values that are not whole numbers"
EMPTY_OR_NEGATIVE = "has empty or negative counts"


def count_values(values) -> tuple[np.ndarray | None, str | None]:
    """(records per row, None), or (None, the problem) when the values are not whole non-negative numbers."""
    try:
        numbers = pc.cast(values, pa.int64()) if not pa.types.is_integer(values.type) else values
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None, NOT_WHOLE
    if numbers.null_count or (len(numbers) and pc.min(numbers).as_py() < 0):
        return None, EMPTY_OR_NEGATIVE
    if isinstance(numbers, pa.ChunkedArray):
        numbers = numbers.combine_chunks()
    return numbers.to_numpy(zero_copy_only=False).astype(np.int64), None


def count_problem(source: str, column: str, problem: str) -> UsageError:
    return UsageError(f"{source}: count column {safe_name(column)!r} {problem}")


def record_counts(data: pa.Table, column: str | None, source: str) -> np.ndarray | None:
    """Records each row stands for (an aggregate's count column), or None: one record per row."""
    if column is None:
        return None
    if column not in data.column_names:
        raise UsageError(f"{source}: no count column {safe_name(column)!r}")
    counts, problem = count_values(data.column(column))
    if problem:
        raise count_problem(source, column, problem)
    return counts


def measure_table(
    data: pa.Table,
    qis: list[str],
    sensitive: list[str],
    targets: Targets,
    drop_nulls: bool = False,
    weights: np.ndarray | None = None,
):
    """Measure ``data``; with ``weights`` each row counts as that many records (aggregated data)."""
    encoded = encode_all([data.column(n) for n in [*qis, *sensitive]])
    qi_codes, sens = encoded[: len(qis)], dict(zip(sensitive, encoded[len(qis) :], strict=True))
    measurement, classes = measure_codes(qi_codes, sens, targets.k, drop_nulls=drop_nulls, weights=weights)
    return measurement, smallest_classes(qi_codes, qis, classes.ids, classes.sizes)


def check(
    path: str,
    pack,
    *,
    qis: list[str] | None = None,
    sensitive: list[str] | None = None,
    targets: Targets | None = None,
    table: str | None = None,
    encoding: str | None = None,
    drop_nulls: bool = False,
    with_plan: bool = True,
    count_column: str | None = None,
) -> CheckReport:
    targets = targets or Targets()
    data, _fmt = read_table(path, table=table, encoding=encoding)
    direct, entities = direct_identifiers(path, table, pack, encoding)
    pseudonyms = pseudonym_columns(data)
    excluded = frozenset(d.column for d in direct) | {p.column for p in pseudonyms} | set(sensitive or [])
    excluded |= {count_column} if count_column else set()
    suggestions = suggest(data, entities, excluded)
    report = CheckReport(
        path,
        data.num_rows,
        [],
        "none",
        list(sensitive or []),
        targets,
        direct,
        pseudonyms,
        suggestions,
        drop_nulls=drop_nulls,
        count_column=count_column,
    )
    for name in list(qis or []) + list(sensitive or []):
        if name not in data.column_names:
            raise UsageError(f"{path}: no column {safe_name(name)!r}")
    if qis:
        report.quasi_identifiers, report.qi_origin = list(qis), "declared"
    elif suggestions:
        report.quasi_identifiers, report.qi_origin = [s.column for s in suggestions], "suggested"
    if report.quasi_identifiers:
        weights = record_counts(data, count_column, path)
        report.measurement, report.smallest = measure_table(
            data, report.quasi_identifiers, report.sensitive, targets, drop_nulls, weights
        )
        if with_plan and weights is None and report.targets_missed:
            report.plan = plan_generalisation(data, report.quasi_identifiers, report.sensitive, targets)
    return report
