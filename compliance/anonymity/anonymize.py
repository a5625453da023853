"""``compliance anonymize``: reach a k (and l) target with the least information loss.

Direct identifiers are dropped (or masked with the project's masking: ``--direct mask``), pseudonym
columns kept, dropped or replaced by a fresh row-order-free sequence (``--pseudonyms``), quasi-identifiers
generalised to the optimal lattice node (``lattice``), and records in classes still below the target
are suppressed (removed) within ``max_suppression``. The output is measured again from scratch before the
evidence is written, so the evidence states what the file holds, not what the search expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..detect.masking import mask
from ..errors import UsageError
from ..redact import safe_name
from .check import DirectIdentifier, Targets, direct_identifiers, measure_table
from .data import WRITABLE, read_table
from .hierarchies import Hierarchy
from .measure import Measurement
from .plan import Plan, plan_generalisation
from .pseudonyms import Pseudonym, pseudonym_columns

DIRECT_ACTIONS = ("drop", "mask")
PSEUDONYM_ACTIONS = ("keep", "drop", "replace")


@dataclass
class Anonymized:
    data: pa.Table
    fmt: str
    plan: Plan
    measurement: Measurement
    direct: list[tuple[DirectIdentifier, str]] = field(default_factory=list)
    pseudonyms: list[tuple[Pseudonym, str]] = field(default_factory=list)
    input_rows: int = 0


def plain_column(column: pa.ChunkedArray) -> pa.Array:
    if pa.types.is_dictionary(column.type):
        column = pc.cast(column, column.type.value_type)
    return column.combine_chunks()


def _masked(column: pa.ChunkedArray, entity: str | None) -> pa.Array:
    """Mask each distinct value once, then take per row."""
    encoded = pc.dictionary_encode(plain_column(column))
    masked = pa.array(
        [None if v is None else mask(str(v), entity) for v in encoded.dictionary.to_pylist()], type=pa.string()
    )
    return masked.take(encoded.indices)


def _replaced(column: pa.ChunkedArray, seed: int) -> pa.Array:
    """A new surrogate per distinct token: a random permutation of 1..n, so nothing maps back to the token."""
    encoded = pc.dictionary_encode(plain_column(column))
    order = np.random.default_rng(seed).permutation(len(encoded.dictionary)) + 1
    surrogate = pa.array([f"P{n:08d}" for n in order], type=pa.string())
    return surrogate.take(encoded.indices)


def anonymize(
    path: str,
    pack,
    *,
    qis: list[str],
    targets: Targets,
    sensitive: list[str] | None = None,
    hierarchies: dict[str, Hierarchy] | None = None,
    direct_action: str = "drop",
    pseudonym_action: str = "keep",
    table: str | None = None,
    encoding: str | None = None,
    seed: int = 0,
) -> Anonymized:
    sensitive = list(sensitive or [])
    data, fmt = read_table(path, table=table, encoding=encoding)
    if fmt not in WRITABLE:
        raise UsageError(
            f"{path}: anonymize writes its output in the input's format; {fmt} is not one of {', '.join(WRITABLE)}"
        )
    missing = [c for c in qis + sensitive if c not in data.column_names]
    if missing:
        raise UsageError(f"{path}: no column {', '.join(repr(safe_name(c)) for c in missing)}")
    if targets.l and not sensitive:
        raise UsageError("--l needs --sensitive: the attributes whose diversity is required")
    direct, _ = direct_identifiers(path, table, pack, encoding)
    direct = [d for d in direct if d.column not in qis + sensitive]
    pseudonyms = [p for p in pseudonym_columns(data) if p.column not in qis + sensitive]
    plan = plan_generalisation(data, qis, sensitive, targets, hierarchies)
    if not plan.reachable:
        raise UsageError(
            f"{path}: k {targets.k}"
            + (f", l {targets.l}" if targets.l else "")
            + f" cannot be reached even with every quasi-identifier suppressed within {targets.max_suppression:.0%}"
        )
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    direct_cols = {d.column: d for d in direct}
    pseudo_cols = {p.column: p for p in pseudonyms}
    node = plan.result.node
    for name in data.column_names:
        column = data.column(name)
        if name in direct_cols:
            if direct_action == "drop":
                continue
            column = _masked(column, (direct_cols[name].entities or [None])[0])
        elif name in pseudo_cols:
            if pseudonym_action == "drop":
                continue
            if pseudonym_action == "replace":
                column = _replaced(column, seed)
        elif name in qis:
            i = qis.index(name)
            levels, codes = plan.levels[i], plan.codes[i]
            column = levels.values[node[i]].take(pa.array(levels.maps[node[i]][codes.codes]))
        columns[name] = column
    keep = plan.result.outcome.keep[plan.tuple_ids]
    out = pa.table(columns).filter(pa.array(keep))
    measurement, _ = measure_table(out, qis, sensitive, targets)
    return Anonymized(
        out,
        fmt,
        plan,
        measurement,
        [(d, "dropped" if direct_action == "drop" else "masked") for d in direct],
        [(p, {"keep": "kept", "drop": "dropped", "replace": "replaced"}[pseudonym_action]) for p in pseudonyms],
        data.num_rows,
    )
