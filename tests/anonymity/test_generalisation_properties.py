"""Properties of hierarchies, suppression and the lattice search (hypothesis)."""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.anonymity.check import Targets
from compliance.anonymity.hierarchies import Hierarchy, infer
from compliance.anonymity.lattice import check
from compliance.anonymity.measure import measure
from compliance.anonymity.plan import plan_generalisation

DATES = st.dates(min_value=__import__("datetime").date(1940, 1, 1), max_value=__import__("datetime").date(2010, 12, 31))
AGES = st.integers(min_value=0, max_value=110)
REGIONS = st.sampled_from(["330106", "330102", "330203", "110105", "110108", "440305", "510104"])
ZIPS = st.integers(min_value=100000, max_value=999999).map(str)
KINDS = {
    "date": DATES.map(lambda d: d.isoformat()),
    "age": AGES.map(str),
    "region_code": REGIONS,
    "postal_code": ZIPS,
    "number": st.integers(min_value=0, max_value=100000).map(str),
    "category": st.sampled_from(["男", "女", "未知"]),
}


@st.composite
def tables(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3))
    rows = draw(st.integers(min_value=1, max_value=60))
    columns = {
        f"c{i}_{kind}": draw(st.lists(st.one_of(KINDS[kind], st.none()), min_size=rows, max_size=rows))
        for i, kind in enumerate(kinds)
    }
    return pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()}), kinds


def _generalised(table: pa.Table, column: str, hierarchy: Hierarchy, level: int) -> pa.Table:
    values = table.column(column).combine_chunks()
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    general = hierarchy.generalise(encoded.dictionary, level).take(encoded.indices)
    return table.set_column(table.column_names.index(column), column, general)


@settings(max_examples=150, deadline=None)
@given(tables(), st.data())
def test_generalising_a_column_never_lowers_k(case, data):
    table, kinds = case
    names = table.column_names
    column = data.draw(st.sampled_from(names))
    hierarchy = Hierarchy(kinds[names.index(column)], width=data.draw(st.sampled_from([1.0, 10.0, 100.0])))
    before = measure(table, names, []).k
    previous = before
    for level in range(1, hierarchy.height + 1):
        k = measure(_generalised(table, column, hierarchy, level), names, []).k
        assert k >= previous
        previous = k


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(min_value=2, max_value=8))
def test_suppression_never_raises_the_maximum_risk(case, threshold):
    table, _ = case
    names = table.column_names
    before = measure(table, names, [], target_k=threshold)
    encoded = [pc.dictionary_encode(table.column(n).combine_chunks(), null_encoding="encode").indices for n in names]
    keys = pa.array(["|".join(map(str, row)) for row in zip(*[e.to_pylist() for e in encoded], strict=True)])
    counts = pc.value_counts(keys)
    size = dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True))
    keep = pa.array([size[k] >= threshold for k in keys.to_pylist()])
    after_table = table.filter(keep)
    if after_table.num_rows == 0:
        return
    after = measure(after_table, names, [], target_k=threshold)
    assert after.risk.maximum <= before.risk.maximum
    assert after.k >= threshold


@settings(max_examples=60, deadline=None)
@given(tables(), st.integers(min_value=2, max_value=6), st.sampled_from([0.0, 0.05, 0.2]))
def test_the_search_finds_the_least_loss_node(case, k, suppression):
    """Flash with predictive tagging returns what brute force over every node returns."""
    table, _ = case
    names = table.column_names
    plan = plan_generalisation(table, names, [], Targets(k=k, max_suppression=suppression))
    heights = [lv.hierarchy.height for lv in plan.levels]
    satisfying = []
    for node in itertools.product(*[range(h + 1) for h in heights]):
        if check(plan.problem, node).satisfied:
            loss = float(np.mean([lv.loss[level] for lv, level in zip(plan.levels, node, strict=True)]))
            satisfying.append((round(loss, 12), node))
    if not satisfying:
        assert plan.result is None
        return
    best = min(satisfying)[0]
    assert plan.result is not None
    assert round(plan.result.loss, 12) == best
    assert check(plan.problem, plan.result.node).satisfied


def test_hierarchies_are_inferred_from_headers_and_values():
    assert infer("birth_date", pa.array(["1985-03-02", "1990-12-31"])).kind == "date"
    assert infer("年龄", pa.array(["23", "47"])).kind == "age"
    assert infer("region", pa.array(["330106", "110105"])).kind == "region_code"
    assert infer("邮编", pa.array(["310012", "100020"])).kind == "postal_code"
    assert infer("address", pa.array(["浙江省杭州市西湖区文三路1号", "北京市朝阳区建国路88号"])).kind == "address"
    assert infer("income", pa.array(["1234.5", "99000"])).kind == "number"
    assert infer("sex", pa.array(["男", "女"])).kind == "category"


def test_levels_of_each_hierarchy():
    def levels(kind, values, **kw):
        h = Hierarchy(kind, **kw)
        return [h.generalise(pa.array(values), level).to_pylist() for level in range(1, h.height + 1)]

    assert levels("date", ["1987-06-11"]) == [["1987-06"], ["1987"], ["1985-1989"], ["*"]]
    assert levels("age", ["23"]) == [["20-24"], ["20-29"], ["20-39"], ["*"]]
    assert levels("region_code", ["330106"]) == [["330100"], ["330000"], ["*"]]
    assert levels("postal_code", ["310012"]) == [["3100**"], ["31****"], ["*"]]
    assert levels("address", ["浙江省杭州市西湖区文三路1号"]) == [
        ["浙江省杭州市西湖区"],
        ["浙江省杭州市"],
        ["浙江省"],
        ["*"],
    ]
    assert levels("address", ["北京市朝阳区建国路88号"])[1] == ["北京市"]  # a municipality stands for its city
    assert levels("number", ["1234"], width=100.0) == [["1200-1299"], ["1000-1999"], ["0-9999"], ["*"]]
    assert levels("category", ["男"]) == [["*"]]


def test_a_lattice_too_large_for_the_exact_search_is_refused():
    import pytest

    from compliance.errors import UsageError

    table = pa.table({f"d{i}": pa.array(["1990-01-01", "1991-02-02"]) for i in range(9)})  # 5**9 nodes
    with pytest.raises(UsageError, match="generalisation nodes"):
        plan_generalisation(table, table.column_names, [], Targets(k=2))
