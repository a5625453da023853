"""From a table and its quasi-identifiers to the optimal generalisation (hierarchies + lattice search)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from ..errors import UsageError
from ..redact import safe_name
from .hierarchies import Hierarchy, Levels, build_levels, infer
from .lattice import Problem, Result, search
from .measure import Codes, combine, encode_all


@dataclass
class Plan:
    columns: list[str]
    levels: list[Levels]
    codes: list[Codes]  # the quasi-identifiers' codes per row
    tuple_ids: np.ndarray  # distinct quasi-identifier (+ sensitive) tuple of each row
    problem: Problem
    result: Result | None

    @property
    def reachable(self) -> bool:
        return self.result is not None

    def steps(self) -> list[dict]:
        """Per column: its hierarchy and the level the optimum takes it to."""
        if self.result is None:
            return []
        return [
            {
                "column": name,
                "hierarchy": lv.hierarchy.kind,
                "level": level,
                "level_name": lv.hierarchy.label(level),
                "height": lv.hierarchy.height,
            }
            for name, lv, level in zip(self.columns, self.levels, self.result.node, strict=True)
        ]

    @property
    def suppressed(self) -> int:
        return self.result.outcome.suppressed if self.result else 0


def plan_generalisation(
    data: pa.Table, qis: list[str], sensitive: list[str], targets, hierarchies: dict[str, Hierarchy] | None = None
) -> Plan:
    hierarchies = hierarchies or {}
    unknown = [c for c in hierarchies if c not in qis]
    if unknown:
        raise UsageError(f"--hierarchy names {', '.join(repr(safe_name(c)) for c in unknown)}, not a quasi-identifier")
    rows = data.num_rows
    encoded = encode_all([data.column(n) for n in [*qis, *(sensitive if targets.l else [])]])
    codes, sens = encoded[: len(qis)], encoded[len(qis) :]
    every = codes + sens
    tuple_ids, n = combine([c.codes for c in every], [c.cardinality for c in every], rows)
    counts = np.bincount(tuple_ids, minlength=n).astype(np.int64)
    first = np.full(n, -1, dtype=np.int64)
    first[tuple_ids[::-1]] = np.arange(rows - 1, -1, -1)
    levels = []
    for name, column in zip(qis, codes, strict=True):
        hierarchy = hierarchies.get(name) or infer(name, column.values)
        value_counts = np.bincount(column.codes, minlength=column.cardinality)
        levels.append(build_levels(hierarchy, column.values, value_counts))
    problem = Problem(
        columns=levels,
        tuple_codes=[c.codes[first] for c in codes],
        sensitive=[(s.codes[first], s.cardinality) for s in sens],
        counts=counts,
        k=targets.k,
        l=targets.l,
        max_suppression=targets.max_suppression,
    )
    return Plan(list(qis), levels, codes, tuple_ids, problem, search(problem) if rows else None)
