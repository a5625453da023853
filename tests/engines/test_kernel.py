"""The kernel's tally is mergeable: any split of the rows and any merge order (and a trip over the
wire) gives the same verdicts, level, categories and facts as one pass over all rows."""

from __future__ import annotations

import dataclasses
import datetime
import itertools

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate_dataset import generate_columns
from compliance.classify.individuals import DistinctCounter
from compliance.classify.profile import classify
from compliance.detect.headers import header_signals
from compliance.detect.verdict import decide
from compliance.engines.kernel import Plan, Tally, from_bytes, merge, tally_batch, to_bytes
from compliance.policy.loader import load_pack

PACK = load_pack()
AS_OF = datetime.date(2025, 6, 30)
DATA, _ = generate_columns(240, 11)
TABLE = pa.table(DATA)
#: a --full plan: every column's detectors chosen, some columns' shapes already known
FULL = Plan(
    PACK,
    AS_OF,
    sampled=False,
    detectors={name: ("CN_MOBILE", "EMAIL_ADDRESS", "CN_RESIDENT_ID") for name in TABLE.column_names[::2]},
    embedded={name: () for name in TABLE.column_names[1::3]},
    known_shape=frozenset(TABLE.column_names[::4]),
)
PLANS = {"sampled": Plan(PACK, AS_OF, sampled=True), "full": FULL}


def outcome(tally: Tally, plan: Plan, rows_total: int):
    verdicts = [decide(tally.columns[n], header_signals(n, PACK), PACK) for n in TABLE.column_names]
    level, categories, facts = classify(
        verdicts, tally.collector(PACK, AS_OF, plan.sampled), tally.rows, rows_total, PACK
    )
    return [dataclasses.asdict(v) for v in verdicts], level, categories, dataclasses.asdict(facts)


ONE_PASS = {name: tally_batch(TABLE, plan) for name, plan in PLANS.items()}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan_name=st.sampled_from(sorted(PLANS)),
    cuts=st.lists(st.integers(0, TABLE.num_rows), max_size=5),
    data=st.data(),
)
def test_any_split_and_merge_order_gives_one_pass(plan_name, cuts, data):
    plan = PLANS[plan_name]
    bounds = sorted({0, TABLE.num_rows, *cuts})
    parts = [tally_batch(TABLE.slice(a, b - a), plan) for a, b in itertools.pairwise(bounds)]
    parts = [from_bytes(to_bytes(p)) if data.draw(st.booleans()) else p for p in parts]
    parts = data.draw(st.permutations(parts))
    while len(parts) > 1:  # any merge tree: join two neighbours, either way round
        i = data.draw(st.integers(0, len(parts) - 2))
        a, b = parts[i], parts[i + 1]
        parts[i : i + 2] = [merge(b, a) if data.draw(st.booleans()) else merge(a, b)]
    merged = parts[0]
    single = ONE_PASS[plan_name]
    assert merged.rows == single.rows == TABLE.num_rows
    assert merged.columns == single.columns  # counts and masked examples
    rows_total = TABLE.num_rows * 10  # a sample of a larger input: the population estimates count too
    assert outcome(merged, plan, rows_total) == outcome(single, plan, rows_total)
    assert outcome(merged, plan, TABLE.num_rows) == outcome(single, plan, TABLE.num_rows)


def test_one_pass_finds_the_personal_columns():
    """The comparison above is not between two empty tallies."""
    verdicts, _level, categories, facts = outcome(ONE_PASS["sampled"], PLANS["sampled"], TABLE.num_rows)
    found = {v["name"] for v in verdicts if v["entities"]}
    assert len(found) >= 8 and categories and facts["records_with_resident_id"] > 0
    assert all(len(v["evidence"]) <= 3 for v in verdicts)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(0, 40), max_size=120),
    cut=st.integers(0, 120),
    k=st.integers(2, 12),
    frequencies=st.booleans(),
)
def test_distinct_counter_merge_is_one_pass(values, cut, k, frequencies):
    """Below and above k distinct values: the k smallest hashes and (while exact) the frequencies."""

    def counter(part):
        c = DistinctCounter(k, frequencies=frequencies)
        c.add(pa.array([str(v) for v in part], pa.string()), np.ones(len(part), dtype=np.int64))
        return c

    whole, left, right = counter(values), counter(values[:cut]), counter(values[cut:])
    for merged in (left.merge(right), right.merge(left), DistinctCounter.from_state(left.merge(right).state())):
        assert merged._smallest.tolist() == whole._smallest.tolist()
        assert merged._frequency == whole._frequency
        assert merged.estimate() == whole.estimate()
        assert merged.population_estimate(len(values), 1000) == whole.population_estimate(len(values), 1000)


def test_wire_holds_no_raw_value():
    raw = to_bytes(ONE_PASS["sampled"]).decode("utf-8")
    checked = 0
    for column in ("email", "手机号", "身份证号", "银行卡号", "姓名", "住址"):
        for value in TABLE.column(column).to_pylist():
            if value and len(value) >= 4:
                assert value not in raw
                checked += 1
    assert checked > 500


def test_wire_version_is_checked():
    body = to_bytes(Tally()).replace(b'"v":1', b'"v":99')
    with pytest.raises(ValueError, match="wire version"):
        from_bytes(body)
