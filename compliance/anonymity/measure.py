"""Privacy models measured on the data: k-anonymity, distinct and entropy l-diversity, t-closeness and the
prosecutor re-identification risk, all as columnar group-bys (pyarrow hashing + numpy bincount).

Definitions follow pyCANON (the test oracle):

* an *equivalence class* is the set of records sharing every quasi-identifier value; **k** is the size of
  the smallest class;
* **distinct l** is the smallest number of distinct values of a sensitive attribute in one class;
* **entropy l** is ``floor(exp(min over classes of H))`` with ``H = -sum p log p`` of the attribute's
  value shares in the class (``exp(H)`` is rounded to 1e-9 before the floor: a class of exactly l equally
  frequent values has entropy l = l, where pyCANON's truncation of 9.999999999999998 says l - 1);
* **t** is the largest Earth Mover's Distance between a class's distribution of the attribute and the
  whole table's: for a numeric attribute the *ordered distance* ``1/(m-1) * sum_i |sum_{j<=i} r_j|`` over
  the m distinct values in order, for a categorical one the *equal distance* ``1/2 * sum_i |r_i|``;
* prosecutor risk of a record is ``1/size of its class``: the maximum is ``1/k``, the average is
  ``classes / records``, and the share at risk is the share of records in classes smaller than the
  target k.

Nulls: a null is a value of its own (all nulls of a column fall into one class, like any other value),
unless ``drop_nulls`` is given: records with a null quasi-identifier then belong to no class (they count
as already suppressed). pandas' ``groupby`` — and so pyCANON — drops them silently.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_INT64_LIMIT = 2**62


@dataclass(frozen=True)
class Codes:
    """A column as dense codes (``codes[row]`` indexes ``values``); a null is a value of its own."""

    codes: np.ndarray
    values: pa.Array

    @property
    def cardinality(self) -> int:
        return len(self.values)


def encode(column: pa.Array | pa.ChunkedArray) -> Codes:
    """Dictionary-encode a column (hash kernel; one dictionary across chunks)."""
    if isinstance(column, pa.ChunkedArray) and column.num_chunks == 0:
        column = pa.array([], type=column.type)
    if pa.types.is_dictionary(column.type):
        return _from_dictionary(column)
    encoded = pc.dictionary_encode(column, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        values = encoded.chunks[0].dictionary if encoded.num_chunks else pa.array([], type=column.type)
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in encoded.chunks])
    else:
        values, codes = encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False)
    return Codes(codes.astype(np.int32, copy=False), values)


def _from_dictionary(column: pa.Array | pa.ChunkedArray) -> Codes:
    """A dictionary column as read from Parquet: its indices, chunks put on one dictionary, null as a value."""
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    unified = column.unify_dictionaries()
    values = unified.chunks[0].dictionary
    indices = [c.indices for c in unified.chunks]
    if any(i.null_count for i in indices):
        null_code = len(values)
        values = pa.concat_arrays([values, pa.nulls(1, values.type)])
        indices = [pc.fill_null(i, null_code) for i in indices]
    codes = np.concatenate([i.to_numpy(zero_copy_only=False).astype(np.int32, copy=False) for i in indices])
    if pc.count_distinct(values, mode="all").as_py() != len(values):  # a dictionary holding a value twice
        return encode(pc.take(values, pa.array(codes)))
    return _first_appearance(codes, values)


def _first_appearance(codes: np.ndarray, values: pa.Array) -> Codes:
    """Codes numbered in the order the values first appear, entries no row uses left out: what
    ``dictionary_encode`` gives a plain column, so a column's codes never depend on how a writer
    ordered its dictionary (and a pre-aggregated measurement can number values the same way)."""
    card, rows = len(values), len(codes)
    first = np.full(card, rows, dtype=np.int64)
    first[codes[::-1]] = np.arange(rows - 1, -1, -1)  # the first row of each entry
    used = np.flatnonzero(first < rows)
    order = used[np.argsort(first[used], kind="stable")]
    if len(order) == card and bool((order == np.arange(card)).all()):
        return Codes(codes, values)
    remap = np.zeros(card, dtype=np.int32)
    remap[order] = np.arange(len(order), dtype=np.int32)
    return Codes(remap[codes], values.take(pa.array(order)))


#: columns are hashed on worker threads (pyarrow releases the GIL)
_WORKERS = max(1, min(4, os.cpu_count() or 1))


def encode_all(columns: list[pa.Array | pa.ChunkedArray]) -> list[Codes]:
    """``encode`` each column, several at a time."""
    if _WORKERS == 1 or len(columns) < 2:
        return [encode(c) for c in columns]
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        return list(pool.map(encode, columns))


def compact(key: np.ndarray) -> tuple[np.ndarray, int]:
    """Dense ids 0..n-1 for the distinct values of an integer key (hashing, no sort)."""
    encoded = pc.dictionary_encode(pa.array(key))
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False), len(encoded.dictionary)


def combine(codes: list[np.ndarray], cards: list[int], rows: int) -> tuple[np.ndarray, int]:
    """One dense id per distinct combination of the code columns (mixed radix, compacted when it grows)."""
    if not codes:
        return np.zeros(rows, dtype=np.int64), 1 if rows else 0
    key = codes[0].astype(np.int64)
    span = max(cards[0], 1)
    for column, card in zip(codes[1:], cards[1:], strict=True):
        card = max(card, 1)
        if span * card >= _INT64_LIMIT:
            key, span = compact(key)
        key = key * card + column
        span *= card
    if span <= max(4 * rows, 1024):
        sizes = np.bincount(key, minlength=span)
        present = np.flatnonzero(sizes)
        remap = np.zeros(span, dtype=np.int64)
        remap[present] = np.arange(len(present))
        return remap[key], len(present)
    return compact(key)


@dataclass
class Classes:
    """Equivalence classes: ``ids[row]`` (-1 for a record in no class) and ``sizes[class]``."""

    ids: np.ndarray
    sizes: np.ndarray
    weights: np.ndarray | None = None  # records per row when rows are distinct tuples with counts
    dropped: bool = False  # some ids may be -1 (records in no class)
    _pairs: dict = field(default_factory=dict, repr=False)  # per sensitive attribute, computed once

    @property
    def records(self) -> int:
        return int(self.sizes.sum())

    @property
    def count(self) -> int:
        return int(np.count_nonzero(self.sizes))


def classes_of(qi_codes: list[Codes], *, drop_nulls: bool = False, weights: np.ndarray | None = None) -> Classes:
    rows = len(qi_codes[0].codes) if qi_codes else (len(weights) if weights is not None else 0)
    ids, n = combine([c.codes for c in qi_codes], [c.cardinality for c in qi_codes], rows)
    if drop_nulls and qi_codes:
        null = np.zeros(rows, dtype=bool)
        for column in qi_codes:
            null_index = _null_index(column.values)
            if null_index is not None:
                null |= column.codes == null_index
        ids = np.where(null, -1, ids)
        kept = ids >= 0
        sizes = np.bincount(ids[kept], weights=None if weights is None else weights[kept], minlength=n)
    else:  # every record is in a class: no mask, no copies
        sizes = np.bincount(ids, weights=weights, minlength=n)
    return Classes(ids, sizes.astype(np.int64), weights, dropped=drop_nulls)


def _null_index(values: pa.Array) -> int | None:
    nulls = np.flatnonzero(values.is_null().to_numpy(zero_copy_only=False))
    return int(nulls[0]) if len(nulls) else None


def k_anonymity(classes: Classes) -> int | None:
    return _k(classes.sizes)


def _k(sizes: np.ndarray) -> int | None:
    present = sizes[sizes > 0]
    return int(present.min()) if len(present) else None


@dataclass
class Pairs:
    """Distinct (class, sensitive value) pairs with their record counts (each count > 0)."""

    cls: np.ndarray
    value: np.ndarray
    count: np.ndarray


@dataclass
class Attribute:
    """A sensitive attribute as its figures need it: the (class, value) pairs, how many distinct values
    it has (``value`` codes are 0..cardinality-1) and, when every value is a number, each code's place
    in numeric order (``order[code]``; None for a categorical attribute)."""

    pairs: Pairs
    cardinality: int
    order: np.ndarray | None


def attribute(classes: Classes, sensitive: Codes) -> Attribute:
    """A sensitive column's ``Attribute`` over ``classes`` (the direct path: row codes)."""
    return Attribute(_pairs(classes, sensitive), sensitive.cardinality, numeric_order(sensitive.values))


def _pairs(classes: Classes, sensitive: Codes) -> Pairs:
    cached = classes._pairs.get(id(sensitive))
    if cached is not None and cached[0] is sensitive:
        return cached[1]
    pairs = _count_pairs(classes, sensitive)
    classes._pairs[id(sensitive)] = (sensitive, pairs)
    return pairs


def _count_pairs(classes: Classes, sensitive: Codes) -> Pairs:
    card = max(sensitive.cardinality, 1)
    if classes.dropped:
        kept = classes.ids >= 0
        key = classes.ids[kept] * card + sensitive.codes[kept]
        weights = None if classes.weights is None else classes.weights[kept]
    else:
        key = classes.ids * card + sensitive.codes
        weights = classes.weights
    if len(key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, empty)
    if len(classes.sizes) * card <= 4 * len(key) + 1024:
        counts = np.bincount(key, weights=weights, minlength=len(classes.sizes) * card)
        present = np.flatnonzero(counts)
        return Pairs(present // card, present % card, counts[present].astype(np.int64))
    pair_ids, n = compact(key)
    counts = np.bincount(pair_ids, weights=weights, minlength=n).astype(np.int64)
    first = np.full(n, -1, dtype=np.int64)
    first[pair_ids[::-1]] = np.arange(len(pair_ids) - 1, -1, -1)  # first row of each pair
    keys = key[first]
    held = counts > 0  # a pair whose rows all count 0 records (an aggregate's count column) is no pair
    return Pairs(keys[held] // card, keys[held] % card, counts[held])


def distinct_l(classes: Classes, sensitive: Codes) -> int | None:
    return _distinct_l(classes.sizes, _pairs(classes, sensitive))


def _distinct_l(sizes: np.ndarray, pairs: Pairs) -> int | None:
    per_class = np.bincount(pairs.cls, minlength=len(sizes))
    present = per_class[sizes > 0]
    return int(present.min()) if len(present) else None


def entropy_l(classes: Classes, sensitive: Codes) -> tuple[int | None, float | None]:
    """(entropy l as pyCANON reports it, ``floor(exp(H_min))``; ``exp(H_min)`` itself)."""
    return _entropy_l(classes.sizes, _pairs(classes, sensitive))


def _entropy_l(sizes: np.ndarray, pairs: Pairs) -> tuple[int | None, float | None]:
    if len(pairs.cls) == 0:
        return None, None
    share = pairs.count / sizes[pairs.cls]
    entropy = -np.bincount(pairs.cls, weights=share * np.log(share), minlength=len(sizes))
    smallest = float(np.exp(entropy[sizes > 0].min()))
    return math.floor(smallest + 1e-9), smallest


def numeric_order(values: pa.Array) -> np.ndarray | None:
    """Float value of each dictionary entry when every non-null entry is a number, else None."""
    try:
        numbers = pc.cast(values, pa.float64()) if not pa.types.is_floating(values.type) else values
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if numbers.null_count:
        return None
    return numbers.to_numpy(zero_copy_only=False)


def t_closeness(classes: Classes, sensitive: Codes, numeric: bool | None = None) -> float | None:
    """Largest EMD of a class's distribution from the table's (ordered distance when numeric)."""
    order = numeric_order(sensitive.values) if numeric is not False else None
    return _t_closeness(classes.sizes, Attribute(_pairs(classes, sensitive), sensitive.cardinality, order))


def _t_closeness(sizes: np.ndarray, attr: Attribute) -> float | None:
    pairs = attr.pairs
    total = int(sizes.sum())
    if len(pairs.cls) == 0 or total == 0:
        return None
    overall = np.bincount(pairs.value, weights=pairs.count, minlength=attr.cardinality) / total
    share = pairs.count / sizes[pairs.cls]
    n_classes = len(sizes)
    if attr.order is None:
        gap = np.abs(share - overall[pairs.value]) - overall[pairs.value]
        emd = 0.5 * (overall.sum() + np.bincount(pairs.cls, weights=gap, minlength=n_classes))
    else:
        emd = _ordered_emd(pairs, share, overall, attr.order, n_classes)
    return float(emd[sizes > 0].max())


def _ordered_emd(pairs: Pairs, share, overall, order, n_classes) -> np.ndarray:
    """``1/(m-1) * sum_i |Q_c(i) - P(i)|`` with Q, P cumulative shares over the m values in order.

    Q_c is constant between the values class c holds, so each (class, value) pair contributes one run
    whose sum of |Q - P(i)| comes from prefix sums of the non-decreasing P, split where P crosses Q.
    """
    m = len(order)
    if m < 2:
        return np.zeros(n_classes)
    rank = np.empty(m, dtype=np.int64)
    rank[np.argsort(order, kind="stable")] = np.arange(m)
    cumulative = np.cumsum(overall[np.argsort(order, kind="stable")])
    prefix = np.concatenate([[0.0], np.cumsum(cumulative)])
    pos = rank[pairs.value]
    sort = np.lexsort((pos, pairs.cls))
    cls, pos, share = pairs.cls[sort], pos[sort], share[sort]
    q = np.cumsum(share)
    starts = np.r_[True, cls[1:] != cls[:-1]]
    q = q - np.repeat(np.concatenate([[0.0], q[:-1]])[starts], np.diff(np.r_[np.flatnonzero(starts), len(q)]))
    ends = np.r_[cls[1:] == cls[:-1], False]
    stop = np.where(ends, np.r_[pos[1:], 0], m)
    run = _run_sum(q, pos, stop, cumulative, prefix)
    before = prefix[pos[starts]]  # Q = 0 ahead of the class's first value
    emd = np.bincount(cls, weights=run, minlength=n_classes)
    emd[cls[starts]] += before
    return emd / (m - 1)


def _run_sum(q, start, stop, cumulative, prefix) -> np.ndarray:
    """sum over i in [start, stop) of |q - P(i)|, P non-decreasing."""
    split = np.clip(np.searchsorted(cumulative, q, side="left"), start, stop)
    below = q * (split - start) - (prefix[split] - prefix[start])
    above = (prefix[stop] - prefix[split]) - q * (stop - split)
    return below + above


@dataclass
class Risk:
    """Prosecutor model figures."""

    maximum: float
    average: float
    records_at_risk: float  # share of records in classes smaller than the target k
    target_k: int

    def as_dict(self) -> dict:
        return {
            "maximum": round(self.maximum, 6),
            "average": round(self.average, 6),
            "records_at_risk": round(self.records_at_risk, 6),
            "target_k": self.target_k,
        }


def prosecutor_risk(classes: Classes, target_k: int) -> Risk | None:
    return _risk(classes.sizes, target_k)


def _risk(sizes: np.ndarray, target_k: int) -> Risk | None:
    sizes = sizes[sizes > 0]
    if not len(sizes):
        return None
    records = int(sizes.sum())
    return Risk(
        maximum=1.0 / int(sizes.min()),
        average=len(sizes) / records,
        records_at_risk=float(sizes[sizes < target_k].sum()) / records,
        target_k=target_k,
    )


@dataclass
class SensitiveFigures:
    column: str
    distinct_l: int | None
    entropy_l: int | None
    entropy_l_exact: float | None
    t: float | None
    t_distance: str  # "ordered" (numeric) or "equal" (categorical)

    def as_dict(self) -> dict:
        return {
            "column": self.column,
            "distinct_l": self.distinct_l,
            "entropy_l": self.entropy_l,
            "entropy_l_exact": None if self.entropy_l_exact is None else round(self.entropy_l_exact, 6),
            "t": None if self.t is None else round(self.t, 6),
            "t_distance": self.t_distance,
        }


@dataclass
class Measurement:
    records: int
    classes: int
    k: int | None
    risk: Risk | None
    sensitive: list[SensitiveFigures] = field(default_factory=list)

    @property
    def l(self) -> int | None:  # noqa: E743 - the model's name
        values = [s.distinct_l for s in self.sensitive if s.distinct_l is not None]
        return min(values) if values else None

    @property
    def t(self) -> float | None:
        values = [s.t for s in self.sensitive if s.t is not None]
        return max(values) if values else None

    def as_dict(self) -> dict:
        """The figures as the check report and the evidence file show them (column names masked)."""
        from ..redact import safe_name

        return {
            "records": self.records,
            "classes": self.classes,
            "k": self.k,
            "l": self.l,
            "t": None if self.t is None else round(self.t, 6),
            "per_sensitive": [s.as_dict() | {"column": safe_name(s.column)} for s in self.sensitive],
            "risk": self.risk.as_dict() if self.risk else None,
        }


def measure_codes(
    qi: list[Codes],
    sensitive: dict[str, Codes],
    target_k: int,
    *,
    drop_nulls: bool = False,
    weights: np.ndarray | None = None,
) -> tuple[Measurement, Classes]:
    classes = classes_of(qi, drop_nulls=drop_nulls, weights=weights)
    attributes = {name: attribute(classes, codes) for name, codes in sensitive.items()}
    return measure_aggregated(classes.sizes, attributes, target_k), classes


def measure_aggregated(sizes: np.ndarray, sensitive: dict[str, Attribute], target_k: int) -> Measurement:
    """The figures from pre-aggregated counts: records per class (``sizes[class]``, 0 for a class whose
    rows count no record) and per sensitive attribute its (class, value, records) pairs. The direct
    path (``measure_codes``) and the Spark group-bys (``compliance/engines/spark_anonymity.py``) both
    end here, so the formulas exist once."""
    figures = []
    for name, attr in sensitive.items():
        pairs = attr.pairs
        if len(pairs.count) and not bool((pairs.count > 0).all()):
            held = pairs.count > 0
            attr = Attribute(Pairs(pairs.cls[held], pairs.value[held], pairs.count[held]), attr.cardinality, attr.order)
        entropy, exact = _entropy_l(sizes, attr.pairs)
        figures.append(
            SensitiveFigures(
                name,
                _distinct_l(sizes, attr.pairs),
                entropy,
                exact,
                _t_closeness(sizes, attr),
                "ordered" if attr.order is not None else "equal",
            )
        )
    return Measurement(int(sizes.sum()), int(np.count_nonzero(sizes)), _k(sizes), _risk(sizes, target_k), figures)


def measure(
    table: pa.Table, qis: list[str], sensitive: list[str], target_k: int = 5, *, drop_nulls: bool = False
) -> Measurement:
    """Measure a table (any column types) over the named quasi-identifiers and sensitive attributes."""
    encoded = encode_all([table.column(name) for name in [*qis, *sensitive]])
    qi_codes, sens = encoded[: len(qis)], dict(zip(sensitive, encoded[len(qis) :], strict=True))
    if not qis:
        rows = table.num_rows
        qi_codes = [Codes(np.zeros(rows, dtype=np.int32), pa.array([None], type=pa.string()))]
    return measure_codes(qi_codes, sens, target_k, drop_nulls=drop_nulls)[0]
