"""A column whose non-placeholder values are personal is reported, however many placeholders it holds.

Issue 8: "A column whose header says it is an ID (身份证号) and whose non-placeholder values are valid IDs,
with placeholders such as 未提供, N/A, -, 无, 0 in most rows".
"""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.detect.normalise import PLACEHOLDERS

from .missed_support import columns, documented_ids, example_mobiles, scan

ISSUE_PLACEHOLDERS = ["未提供", "N/A", "-", "无", "0"]


def write_csv(path, header, values):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([header])
        writer.writerows([v] for v in values)
    return path


@pytest.mark.parametrize("full", [False, True])
def test_issue_example_ids_among_placeholders(tmp_path, full):
    values = [ISSUE_PLACEHOLDERS[i % 5] for i in range(90)] + documented_ids() * 5
    path = write_csv(tmp_path / "ids.csv", "身份证号", values)
    result = scan(path, full)
    column = result.columns[0]
    assert [e.type for e in column.entities] == ["CN_RESIDENT_ID"]
    assert column.placeholders == 90 and column.non_null == 10
    assert column.category is not None and column.category in result.categories


def test_placeholders_in_a_json_export(tmp_path):
    records = [{"联系方式": "N/A"} if i % 2 else {"联系方式": m} for i, m in enumerate(example_mobiles(60))]
    path = tmp_path / "contacts.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert columns(path) == {"联系方式": ["CN_MOBILE"]}


@given(
    st.lists(st.sampled_from(PLACEHOLDERS), min_size=1, max_size=6),
    st.integers(min_value=60, max_value=95),
    st.integers(0, 1000),
)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_placeholders_in_any_share(tmp_path, fillers, percent, seed):
    """Generated: 60-95 % placeholders (any of the documented list, any case) around valid mobiles."""
    import random

    rng = random.Random(seed)
    mobiles = example_mobiles(40)
    values = [rng.choice([str.lower, str.upper])(rng.choice(fillers)) for _ in range(percent)] + mobiles[
        : 100 - percent
    ]
    rng.shuffle(values)
    path = write_csv(tmp_path / f"m{seed}-{percent}.csv", "手机号", values)
    assert columns(path) == {"手机号": ["CN_MOBILE"]}
