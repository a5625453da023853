"""Lists and nested values (Parquet list<string>, list<int>, map, struct; JSON arrays of identifiers)
and entity-attribute-value tables are detected (issue 8, "Lists and nested values").
"""

from __future__ import annotations

import csv
import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from compliance.detect.eav import eav_pair
from compliance.detect.normalise import leaves

from .missed_support import columns, documented_ids, example_mobiles, scan


def cards(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        body = "622202" + "".join(rng.choice("0123456789") for _ in range(9))
        out.append(body + luhn.calc_check_digit(body))
    return out


def test_parquet_lists_maps_and_structs(tmp_path):
    mobiles = example_mobiles(60)
    table = pa.table(
        {
            "phones": pa.array([[mobiles[i], mobiles[i + 30]] for i in range(30)], pa.list_(pa.string())),
            "numbers": pa.array([[int(mobiles[i])] for i in range(30)], pa.list_(pa.int64())),
            "attrs": pa.array([[("mobile", mobiles[i])] for i in range(30)], pa.map_(pa.string(), pa.string())),
            "user": pa.array([{"id_no": documented_ids()[i % 2], "age": 30} for i in range(30)]),
            "tags": pa.array([["vip", "new"]] * 30, pa.list_(pa.string())),
        }
    )
    path = tmp_path / "nested.parquet"
    pq.write_table(table, path)
    found = columns(path)
    assert found["phones"] == ["CN_MOBILE"]
    assert found["numbers"] == ["CN_MOBILE"]
    assert found["attrs"] == ["CN_MOBILE"]
    assert found["user.id_no"] == ["CN_RESIDENT_ID"]
    assert found["tags"] == []


def test_json_arrays_of_identifiers(tmp_path):
    mobiles = example_mobiles(60)
    records = [{"name": "x", "phones": [mobiles[i], mobiles[i + 30]]} for i in range(30)]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    for full in (False, True):
        assert columns(path, full)["phones"] == ["CN_MOBILE"]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert columns(jsonl)["phones"] == ["CN_MOBILE"]


def test_each_element_counts_once(tmp_path):
    mobiles = example_mobiles(40)
    records = [{"phones": [mobiles[i], mobiles[i + 20]]} for i in range(20)]
    path = tmp_path / "n.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    column = scan(path).columns[0]
    assert column.non_null == 40 and column.entities[0].count == 40


def eav_rows(seed: int = 2) -> list[tuple[int, str, str]]:
    rng = random.Random(seed)
    mobiles = example_mobiles(50)
    rows = []
    for user, card in enumerate(cards(50, seed)):
        rows += [(user, "bank_card", card), (user, "手机", mobiles[user]), (user, "level", str(rng.randrange(5)))]
        rows += [(user, "city", rng.choice(["杭州", "北京"])), (user, "score", f"{rng.random():.3f}")]
    return rows


def test_entity_attribute_value_table(tmp_path):
    path = tmp_path / "eav.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["user_id", "key", "value"])
        writer.writerows(eav_rows())
    for full in (False, True):
        result = scan(path, full)
        by_name = {c.name: c for c in result.columns}
        assert {c.name for c in result.columns} == {"user_id", "key", "value"}  # labels never become columns
        value = by_name["value"]
        assert {e.type for e in value.entities} == {"CN_BANK_CARD", "CN_MOBILE"}
        assert value.category == "sensitive_personal"
        assert by_name["key"].entities == []
        assert "sensitive_personal" in result.categories


def test_eav_in_parquet_with_chinese_headers(tmp_path):
    rows = eav_rows(3)
    table = pa.table({"用户": [r[0] for r in rows], "属性": [r[1] for r in rows], "属性值": [r[2] for r in rows]})
    path = tmp_path / "eav.parquet"
    pq.write_table(table, path)
    assert set(columns(path)["属性值"]) == {"CN_BANK_CARD", "CN_MOBILE"}


def test_eav_pair_needs_exactly_one_key_and_one_value_column():
    assert eav_pair(["id", "key", "value"]) == ("key", "value")
    assert eav_pair(["id", "Attribute_Name", "Attribute Value"]) == ("Attribute_Name", "Attribute Value")
    assert eav_pair(["id", "value"]) is None
    assert eav_pair(["key", "value", "val"]) is None


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=20,
)


@given(JSONISH)
@settings(max_examples=300)
def test_leaves_are_every_scalar(value):
    text = json.dumps(value)
    found = leaves(text)
    if not isinstance(value, list | dict):
        assert found is None
        return

    def scalars(node):
        if isinstance(node, dict):
            for v in node.values():
                yield from scalars(v)
        elif isinstance(node, list):
            for v in node:
                yield from scalars(v)
        elif node is not None:
            yield node

    expected = []
    for s in scalars(value):
        text_value = ("true" if s else "false") if isinstance(s, bool) else str(s).strip()
        if text_value:
            expected.append(text_value)
    assert found == expected
