"""The detection kernel: an Arrow batch and a plan in, a mergeable :class:`Tally` out.

Every engine (``local.py``: threads on one machine; ``spark.py``: ``mapInArrow`` on executors) runs
:func:`tally_batch` over its batches and combines the results with :func:`merge`, which is
associative and commutative: any split of the rows and any merge order gives the tally of one pass
(tests/engines/test_kernel.py). Verdicts, classification and rules then run on the merged tally,
unchanged (``compliance/scanner.py``).

A :class:`Tally` holds only counts, 64-bit hashes and masked examples, never a raw value; that is
all :func:`to_bytes` puts on the wire.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa

from ..classify.individuals import DistinctCounter
from ..classify.minors import MinorsCounter
from ..classify.profile import FactCollector
from ..detect import eav
from ..detect.detectors import ValueDetector, pack_phone_regions, under_header, value_detectors
from ..detect.tally import ColumnTally, EntityTally
from ..detect.tally_group import ColumnJob, tally_columns
from ..policy.model import Pack

WIRE_VERSION = 1


@functools.lru_cache(maxsize=8)
def detectors_of(phone_regions: tuple[str, ...]) -> tuple[ValueDetector, ...]:
    """The detectors, built once per process (executors build their own; detectors never travel)."""
    return value_detectors(phone_regions)


@functools.lru_cache(maxsize=1)
def _entity_rank() -> dict[str, int]:
    return {d.entity: i for i, d in enumerate(value_detectors())}


def _ranked(entities: Mapping[str, EntityTally]) -> dict[str, EntityTally]:
    """Entities in one canonical order (most specific detector first), whatever order they were met in."""
    rank = _entity_rank()
    return {e: entities[e] for e in sorted(entities, key=lambda e: (rank.get(e, len(rank)), e))}


@dataclass(frozen=True)
class Plan:
    """What the kernel looks for in each column. Detectors are named by entity, so a plan pickles
    small and the same on every executor.

    ``detectors``/``embedded``: entity names per column, most specific first; a column not listed
    (one first seen in this pass, an EAV label group) gets every detector / the strong ones.
    ``known_shape``: columns whose shape (prose, plain numbers) the decision sample measured.
    ``pair``: the (key, value) columns of an entity-attribute-value table (``detect/eav.py``).
    """

    pack: Pack
    as_of: datetime.date
    sampled: bool = True
    detectors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    embedded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    known_shape: frozenset[str] = frozenset()
    pair: tuple[str, str] | None = None

    @property
    def all_detectors(self) -> tuple[ValueDetector, ...]:
        return detectors_of(pack_phone_regions(self.pack.settings))

    def _pick(self, names: tuple[str, ...]) -> list[ValueDetector]:
        wanted = set(names)
        return [d for d in self.all_detectors if d.entity in wanted]

    def detectors_for(self, column: str) -> list[ValueDetector]:
        """The column's detectors; under a person-name header the widened PERSON one (``under_header``)."""
        names = self.detectors.get(column)
        found = list(self.all_detectors) if names is None else self._pick(names)
        group = eav.split_group(column)  # an EAV group: its label is its header
        return under_header(found, group[1] if group else column, self.pack)

    def embedded_for(self, column: str) -> list[ValueDetector]:
        """The strong detectors searched inside the column's text; their entities' masked shapes are
        not (a masked value finds nothing inside text: ``ValueDetector.find``)."""
        names = self.embedded.get(column)
        strong = [d for d in self.all_detectors if d.strong]
        if names is None:
            return strong
        wanted = set(names)
        return [d for d in strong if d.entity in wanted]


@dataclass
class Tally:
    """Everything a scan keeps of the rows it saw: column tallies and the fact sketches."""

    rows: int = 0
    columns: dict[str, ColumnTally] = field(default_factory=dict)
    minors: dict[str, MinorsCounter] = field(default_factory=dict)  # per column (resident IDs)
    distinct: dict[tuple[str, str], DistinctCounter] = field(default_factory=dict)  # per (column, entity)

    def collector(self, pack: Pack, as_of: datetime.date, sampled: bool) -> FactCollector:
        """A :class:`FactCollector` holding these sketches, for ``classify``."""
        collector = FactCollector(pack, as_of, sampled=sampled)
        collector.minors, collector.distinct = dict(self.minors), dict(self.distinct)
        return collector


MapFn = Callable  # map-like: ``map`` or a thread pool's ``map``


def tally_batch(data: pa.Table | pa.RecordBatch, plan: Plan, map_: MapFn = map) -> Tally:
    """Tally every column of one batch of text columns (``map_`` may run columns on threads)."""
    collector = FactCollector(plan.pack, plan.as_of, sampled=plan.sampled)
    tallies: dict[str, ColumnTally] = {}
    columns = list(zip(data.column_names, data.columns, strict=True))
    if plan.pair is not None and set(plan.pair) <= set(data.column_names):
        table = data if isinstance(data, pa.Table) else pa.Table.from_batches([data])
        columns += eav.groups(table, plan.pair)
    jobs = []
    for name, column in columns:
        array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        tallies[name] = tally = ColumnTally(name)
        shape = name not in plan.known_shape
        job = ColumnJob(array, tally, plan.detectors_for(name), plan.embedded_for(name), collector.sink(name), shape)
        jobs.append(job)
    tally_columns(jobs, map_)
    for tally in tallies.values():
        tally.entities = _ranked(tally.entities)
    return Tally(data.num_rows, tallies, collector.minors, collector.distinct)


# merging ---------------------------------------------------------------------------------------


def _merge_entity(a: EntityTally, b: EntityTally) -> EntityTally:
    out = EntityTally(a.full + b.full, a.masked + b.masked, a.plausible + b.plausible, a.embedded + b.embedded)
    for masked, key in [*zip(a.examples, a.keys, strict=True), *zip(b.examples, b.keys, strict=True)]:
        out.offer(masked, key)
    return out


def _merge_column(a: ColumnTally, b: ColumnTally) -> ColumnTally:
    out = ColumnTally(
        a.name,
        a.non_null + b.non_null,
        a.placeholders + b.placeholders,
        a.prose + b.prose,
        a.bare_digits + b.bare_digits,
    )
    entities = dict(a.entities)
    for entity, entry in b.entities.items():
        entities[entity] = _merge_entity(entities[entity], entry) if entity in entities else entry
    out.entities = _ranked(entities)
    return out


def _merged(a: dict, b: dict, combine: Callable) -> dict:
    out = dict(a)
    for key, value in b.items():
        out[key] = combine(out[key], value) if key in out else value
    return out


def merge(a: Tally, b: Tally) -> Tally:
    """The tally of both inputs' rows; ``merge(a, b) == merge(b, a)`` and merging is associative.
    Neither input is changed (their entries may be shared with the result)."""
    return Tally(
        a.rows + b.rows,
        _merged(a.columns, b.columns, _merge_column),
        _merged(a.minors, b.minors, MinorsCounter.merge),
        _merged(a.distinct, b.distinct, DistinctCounter.merge),
    )


def merge_all(tallies) -> Tally:
    total = Tally()
    for tally in tallies:
        total = merge(total, tally)
    return total


# the wire --------------------------------------------------------------------------------------


def _b64(raw: bytes | None) -> str | None:
    return None if raw is None else base64.b64encode(raw).decode("ascii")


def _unb64(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)


def to_bytes(tally: Tally) -> bytes:
    """JSON of counts, hashes and masked examples (no raw value, nothing executable)."""
    columns = [
        {
            "name": c.name,
            "counts": [c.non_null, c.placeholders, c.prose, c.bare_digits],
            "entities": {
                e: [t.full, t.masked, t.plausible, t.embedded, t.examples, [str(k) for k in t.keys]]
                for e, t in c.entities.items()
            },
        }
        for c in tally.columns.values()
    ]
    minors = {column: [m.cutoff.isoformat(), m.with_id, m.minors] for column, m in tally.minors.items()}
    distinct = [
        [column, entity, {k: _b64(v) if isinstance(v, bytes) else v for k, v in d.state().items()}]
        for (column, entity), d in tally.distinct.items()
    ]
    body = {"v": WIRE_VERSION, "rows": tally.rows, "columns": columns, "minors": minors, "distinct": distinct}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def from_bytes(raw: bytes) -> Tally:
    body = json.loads(raw)
    if body.get("v") != WIRE_VERSION:
        raise ValueError(f"tally wire version {body.get('v')!r}, expected {WIRE_VERSION}")
    tally = Tally(body["rows"])
    for item in body["columns"]:
        column = ColumnTally(item["name"], *item["counts"])
        for entity, (full, masked, plausible, embedded, examples, keys) in item["entities"].items():
            column.entities[entity] = EntityTally(
                full, masked, plausible, embedded, list(examples), [int(k) for k in keys]
            )
        tally.columns[column.name] = column
    for column, (cutoff, with_id, minors) in body["minors"].items():
        counter = MinorsCounter.__new__(MinorsCounter)
        counter.cutoff, counter.with_id, counter.minors = datetime.date.fromisoformat(cutoff), with_id, minors
        tally.minors[column] = counter
    for column, entity, state in body["distinct"]:
        state = {k: _unb64(v) if k != "k" else v for k, v in state.items()}
        tally.distinct[(column, entity)] = DistinctCounter.from_state(state)
    return tally


__all__ = ["Plan", "Tally", "detectors_of", "from_bytes", "merge", "merge_all", "tally_batch", "to_bytes"]
