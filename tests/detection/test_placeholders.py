"""Placeholders (N/A, 未知, 无, -, null, 0, 不详 ...) are not values: they never dilute a column's share.

Issue 10 "Placeholders"; cases: tests/data/README.md.
"""

from __future__ import annotations

import numpy as np
import phonenumbers
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.detectors import value_detectors
from compliance.detect.normalise import PLACEHOLDERS, is_placeholder, normalise, placeholder_mask, prepare
from compliance.detect.tally import ColumnTally, tally_column

CN_MOBILE_EXAMPLE = str(phonenumbers.example_number_for_type("CN", phonenumbers.PhoneNumberType.MOBILE).national_number)


def test_contact_column_half_na_half_mobiles_is_personal(scan, kit):
    """The issue's own example: a 联系方式 column half N/A and half mobiles."""
    mobiles = [CN_MOBILE_EXAMPLE[:-4] + f"{i:04d}" for i in range(50)]
    values = [v for pair in zip(["N/A"] * 50, mobiles, strict=True) for v in pair]
    found = scan({"联系方式": values})
    assert kit.primary(found["联系方式"]) == ("CN_MOBILE", False)
    assert found["联系方式"].placeholders == 50
    assert found["联系方式"].entities[0].match_ratio == 1.0


def test_every_issue_placeholder_is_one(kit):
    for value in kit.cases()["placeholders_issue"]:
        assert is_placeholder(value), value
    assert placeholder_mask(pa.array(kit.cases()["placeholders_issue"])).all()


def test_placeholders_in_most_rows_do_not_hide_the_column(scan, kit):
    ids = kit.cases()["resident_ids_documented"]
    fillers = kit.cases()["placeholders_issue"]
    values = [fillers[i % len(fillers)] for i in range(80)] + [ids[i % 2] for i in range(20)]
    for full in (False, True):
        found = scan({"身份证号": values}, full=full)["身份证号"]
        assert kit.primary(found) == ("CN_RESIDENT_ID", False)
        assert found.non_null == 20 and found.placeholders == 80


def test_a_column_of_placeholders_only_holds_nothing(scan, kit):
    found = scan({"手机号": kit.cases()["placeholders_issue"] * 5})["手机号"]
    assert found.entities == [] and found.non_null == 0


def test_placeholder_tallies_are_plain_sums():
    """Tallies stay mergeable: two batches give the sum of their counts."""
    detectors = value_detectors()
    one, two, both = ColumnTally("c"), ColumnTally("c"), ColumnTally("c")
    first = pa.array(["N/A", "13812345678", "-", None, ""])
    second = pa.array(["未知", "无", "13912345678"])
    tally_column(first, one, detectors)
    tally_column(second, two, detectors)
    tally_column(pa.concat_arrays([first, second]), both, detectors)
    assert (one.placeholders + two.placeholders, one.non_null + two.non_null) == (both.placeholders, both.non_null)
    assert both.placeholders == 4 and both.non_null == 2


@given(
    st.sampled_from(PLACEHOLDERS),
    st.sampled_from([str.lower, str.upper, str.title]),
    st.sampled_from(["", " ", "\u3000"]),
)
@settings(max_examples=200)
def test_placeholder_mask_equals_the_scalar(word, case, pad):
    value = case(word)
    assert placeholder_mask(pa.array([value.strip()]))[0] == is_placeholder(pad + value + pad)


@given(st.text(max_size=6))
@settings(max_examples=300)
def test_normalise_then_mask_equals_the_scalar_on_any_text(text):
    """In the tally the mask sees normalised values (NFKC: full-width ＮＵＬＬ is null too)."""
    trimmed = text.strip()
    if not trimmed or trimmed[0] in "[{":
        return
    values, _ = normalise(pa.array([trimmed]), np.ones(1, dtype=np.int64))
    assert len(values) <= 1
    assert bool(len(values) and placeholder_mask(values)[0]) == is_placeholder(text)


@given(
    st.lists(
        st.one_of(
            st.sampled_from([*PLACEHOLDERS, "ＮＵＬＬ", "０", "1.0", "[1]", "　", "13812345678"]), st.text(max_size=5)
        ),
        max_size=8,
    )
)
@settings(max_examples=300)
def test_prepare_equals_normalise_then_mask(cells):
    """The tally's single-pass ``prepare`` gives what ``normalise`` then ``placeholder_mask`` give."""
    distinct = sorted({c.strip() for c in cells if c.strip()})
    values, counts = pa.array(distinct, pa.string()), np.arange(1, len(distinct) + 1, dtype=np.int64)
    got_values, got_counts, got_mask = prepare(values, counts)
    ref_values, ref_counts = normalise(values, counts)
    filled = [i for i, v in enumerate(ref_values.to_pylist()) if v]
    ref_values, ref_counts = ref_values.take(pa.array(filled, pa.int64())), ref_counts[filled]
    ref_mask = placeholder_mask(ref_values)
    got = sorted(zip(got_values.to_pylist(), got_counts.tolist(), got_mask.tolist(), strict=True))
    ref = sorted(zip(ref_values.to_pylist(), ref_counts.tolist(), ref_mask.tolist(), strict=True))
    assert got == ref
