"""Classify an asset: its categories, its minimum level (就高从严) and derived facts.

The level is the highest ``min_level`` among the categories found (GB/T 43697: an asset takes the
highest level of what it contains). Records of minors under the pack's ``minors_age`` add the
minors category (PIPL Art 28: all PI of minors under 14 is sensitive).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from ..detect.verdict import ColumnVerdict
from ..policy.model import MINORS_CATEGORY, Pack
from .individuals import DistinctCounter
from .minors import MinorsCounter


@dataclass
class AssetFacts:
    minors_share: float = 0.0
    minors_records: int = 0
    records_with_resident_id: int = 0
    distinct_individuals: int | None = None
    distinct_individuals_exact: bool = False


#: direct identifiers that are not unique per person (many people are called 张伟): counting their
#: distinct values says nothing about how many individuals an asset holds
NOT_UNIQUE = frozenset({"PERSON", "LOCATION"})


class FactCollector:
    """Receives valid values per column during a scan and keeps only counts and hashes."""

    def __init__(self, pack: Pack, as_of: datetime.date, sampled: bool = True) -> None:
        self.pack = pack
        self.as_of = as_of
        self.sampled = sampled  # a sample needs value frequencies to estimate the population
        self.minors_age = int(pack.settings.get("minors_age", 14))
        self.minors: dict[str, MinorsCounter] = {}
        self.distinct: dict[tuple[str, str], DistinctCounter] = {}

    def sink(self, column: str) -> Callable[[str, pa.Array, np.ndarray], np.ndarray | None]:
        def receive(entity: str, values: pa.Array, counts: np.ndarray) -> np.ndarray | None:
            """Collect the facts of one detector's valid values; returns their 64-bit hashes
            (:func:`~compliance.classify.individuals.hash64`) when the distinct counter computed them."""
            if entity == "CN_RESIDENT_ID":
                counter = self.minors.setdefault(column, MinorsCounter(self.as_of, self.minors_age))
                counter.add(values, counts)
            mapping = self.pack.entities.get(entity)
            if mapping and mapping.identifier == "direct" and entity not in NOT_UNIQUE:
                distinct = self.distinct.setdefault((column, entity), DistinctCounter(frequencies=self.sampled))
                return distinct.add(values, counts)
            return None

        return receive


def _facts(columns: list[ColumnVerdict], collector: FactCollector, rows_scanned: int, rows_total: int | None):
    facts = AssetFacts()
    primary = {(c.name, c.primary) for c in columns if c.primary}
    for column, counter in collector.minors.items():
        if (
            (column, "CN_RESIDENT_ID") in primary
            and rows_scanned
            and counter.minors / rows_scanned >= facts.minors_share
        ):
            facts.minors_share = round(counter.minors / rows_scanned, 4)
            facts.minors_records = counter.minors
            facts.records_with_resident_id = counter.with_id
    for key, counter in collector.distinct.items():
        if key not in primary:
            continue
        estimate, exact = counter.estimate(), counter.exact
        if rows_total and rows_scanned and rows_scanned < rows_total:
            estimate, exact = counter.population_estimate(rows_scanned, rows_total), False
        if facts.distinct_individuals is None or estimate > facts.distinct_individuals:
            facts.distinct_individuals, facts.distinct_individuals_exact = estimate, exact
    return facts


def classify(
    columns: list[ColumnVerdict],
    collector: FactCollector,
    rows_scanned: int,
    rows_total: int | None,
    pack: Pack,
) -> tuple[str, list[str], AssetFacts]:
    """(detected level, sorted category ids, facts) of one asset."""
    facts = _facts(columns, collector, rows_scanned, rows_total)
    categories = {c.category for c in columns if c.category}
    minors_category = pack.settings.get("minors_category", MINORS_CATEGORY)
    if facts.minors_records and pack.category(minors_category):
        categories.add(minors_category)
    return detected_level(categories, pack), sorted(categories), facts


def detected_level(categories, pack: Pack) -> str:
    """Highest minimum level of the categories; the lowest top-level level when there are none."""
    levels = [pack.category(c).min_level for c in categories if pack.category(c)]
    return pack.level_order.highest(levels) or pack.levels[-1].id
