"""Optimal generalisation: a search over the lattice of hierarchy levels in the manner of ARX's Flash.

A *node* gives one level per quasi-identifier. A node *satisfies* the target when the records left after
suppressing every class smaller than k (or with fewer than l distinct values of a sensitive attribute)
are at most ``max_suppression`` of all records. Both conditions are monotone: generalising only merges
classes, a merged class is at least as large and at least as diverse, so a generalisation of a
satisfying node satisfies and a specialisation of a failing node fails (predictive tagging).

Information loss is Iyengar's Loss Metric (LM) over the quasi-identifier cells of all records, averaged
over the quasi-identifiers (``hierarchies.build_levels``). It is additive per column and monotone along
generalisation, so the node of least loss among the satisfying ones is optimal; suppression is bounded
by the limit and reported, not traded against loss. Flash walks chains from the lowest untagged node
upwards and binary-searches each chain, tagging successors of satisfying and predecessors of failing
nodes, until every node is known; the privacy check runs only on the untagged ones, and on the distinct
quasi-identifier tuples with their record counts rather than on the rows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from ..errors import UsageError
from .hierarchies import Levels
from .measure import Classes, combine

#: the exact search enumerates the lattice; beyond this many nodes it refuses rather than guess
MAX_NODES = 250_000


@dataclass
class Problem:
    columns: list[Levels]
    tuple_codes: list[np.ndarray]  # per quasi-identifier: its code in each distinct tuple
    sensitive: list[tuple[np.ndarray, int]]  # per sensitive attribute: (code per tuple, cardinality)
    counts: np.ndarray  # records per distinct tuple
    k: int
    l: int | None = None  # noqa: E741 - the model's name
    max_suppression: float = 0.0

    @property
    def records(self) -> int:
        return int(self.counts.sum())


@dataclass
class Outcome:
    node: tuple[int, ...]
    satisfied: bool
    suppressed: int  # records
    keep: np.ndarray  # per distinct tuple: kept (not suppressed)


@dataclass
class Result:
    node: tuple[int, ...]
    loss: float
    outcome: Outcome
    evaluated: int
    nodes: int
    losses: dict = field(default_factory=dict)


def node_loss(problem: Problem, node: tuple[int, ...]) -> float:
    if not problem.columns:
        return 0.0
    return float(np.mean([c.loss[level] for c, level in zip(problem.columns, node, strict=True)]))


def check(problem: Problem, node: tuple[int, ...]) -> Outcome:
    rows = len(problem.counts)
    general = [c.maps[level][codes] for c, level, codes in zip(problem.columns, node, problem.tuple_codes, strict=True)]
    cards = [len(c.values[level]) for c, level in zip(problem.columns, node, strict=True)]
    ids, n = combine(general, cards, rows)
    sizes = np.bincount(ids, weights=problem.counts, minlength=n)
    bad = sizes < problem.k
    if problem.l:
        for codes, card in problem.sensitive:
            pair = np.unique(ids * max(card, 1) + codes)
            distinct = np.bincount(pair // max(card, 1), minlength=n)
            bad |= distinct < problem.l
    suppressed = int(sizes[bad].sum())
    kept_any = suppressed < problem.records
    satisfied = kept_any and suppressed <= problem.max_suppression * problem.records + 1e-9
    return Outcome(node, satisfied, suppressed, ~bad[ids])


def search(problem: Problem) -> Result | None:
    """The satisfying node of least loss (ties: fewer levels, then lowest levels in column order)."""
    heights = [c.hierarchy.height for c in problem.columns]
    size = int(np.prod([h + 1 for h in heights])) if heights else 1
    if size > MAX_NODES:
        raise UsageError(
            f"{len(heights)} quasi-identifiers make {size:,} generalisation nodes (more than {MAX_NODES:,}): "
            "declare fewer, or a coarser hierarchy with --hierarchy COLUMN=category"
        )
    nodes = np.array(list(itertools.product(*[range(h + 1) for h in heights])), dtype=np.int16).reshape(
        -1, len(heights)
    )
    losses = np.array([node_loss(problem, tuple(int(x) for x in n)) for n in nodes])
    state = np.zeros(len(nodes), dtype=np.int8)  # 0 unknown, 1 satisfies, -1 fails
    index = {tuple(int(x) for x in n): i for i, n in enumerate(nodes)}
    outcomes: dict[tuple[int, ...], Outcome] = {}
    order = np.lexsort((losses, nodes.sum(axis=1)))

    def evaluate(i: int) -> bool:
        node = tuple(int(x) for x in nodes[i])
        outcome = outcomes[node] = check(problem, node)
        if outcome.satisfied:
            state[(nodes >= nodes[i]).all(axis=1)] = 1
        else:
            state[(nodes <= nodes[i]).all(axis=1)] = -1
        return outcome.satisfied

    for start in order:
        if state[start]:
            continue
        path = [int(start)]
        while True:
            here = nodes[path[-1]]
            ups = []
            for column, height in enumerate(heights):
                if here[column] < height:
                    up = here.copy()
                    up[column] += 1
                    j = index[tuple(int(x) for x in up)]
                    if not state[j]:
                        ups.append(j)
            if not ups:
                break
            path.append(min(ups, key=lambda j: (losses[j], tuple(nodes[j]))))
        low, high = 0, len(path) - 1
        while low <= high:
            mid = (low + high) // 2
            if state[path[mid]]:  # tagged meanwhile
                if state[path[mid]] > 0:
                    high = mid - 1
                else:
                    low = mid + 1
                continue
            if evaluate(path[mid]):
                high = mid - 1
            else:
                low = mid + 1
    satisfying = np.flatnonzero(state > 0)
    if not len(satisfying):
        return None
    best = min(satisfying, key=lambda i: (round(losses[i], 12), int(nodes[i].sum()), tuple(nodes[i])))
    node = tuple(int(x) for x in nodes[best])
    outcome = outcomes.get(node) or check(problem, node)
    evaluated = len(outcomes) + (node not in outcomes)
    return Result(node, float(losses[best]), outcome, evaluated, len(nodes))


def classes_for(problem: Problem, node: tuple[int, ...]) -> Classes:
    """Equivalence classes of the distinct tuples at ``node`` (weights = records per tuple)."""
    general = [c.maps[level][codes] for c, level, codes in zip(problem.columns, node, problem.tuple_codes, strict=True)]
    cards = [len(c.values[level]) for c, level in zip(problem.columns, node, strict=True)]
    ids, n = combine(general, cards, len(problem.counts))
    return Classes(ids, np.bincount(ids, weights=problem.counts, minlength=n).astype(np.int64), problem.counts)
