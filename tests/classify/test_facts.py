"""Derived facts: distinct-individual estimates and the minors share."""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from compliance.classify.individuals import DistinctCounter, hash64
from compliance.classify.minors import MinorsCounter, birth_dates
from compliance.detect.recognizers.cn_resident_id_recognizer import CnResidentIdRecognizer


def test_hash_is_deterministic_and_spreads():
    values = pa.array([f"1101051990010{i:05d}" for i in range(10000)])
    first, second = hash64(values), hash64(values)
    assert (first == second).all()
    assert len(np.unique(first)) == 10000
    assert hash64(pa.array(["13812345678"]))[0] == hash64(pa.array(["13812345678"]))[0]


def test_exact_below_k_and_close_above():
    counter = DistinctCounter(k=1024)
    counter.add(pa.array([str(i) for i in range(500)] * 3))
    assert counter.exact and counter.estimate() == 500
    big = DistinctCounter(k=1024)
    for start in range(0, 200_000, 50_000):
        big.add(pa.array([f"id-{i}" for i in range(start, start + 50_000)]))
    assert not big.exact
    assert abs(big.estimate() - 200_000) / 200_000 < 0.1  # 1/sqrt(1024) ~ 3% standard error


def test_population_estimate_from_a_sample():
    unique = DistinctCounter()
    unique.add(pa.array([f"u{i}" for i in range(1000)]))
    assert unique.population_estimate(1000, 5_000_000) == 5_000_000  # no repeat seen: all distinct
    rng = np.random.default_rng(3)
    drawn = rng.integers(0, 50_000, size=2000)  # 2,000 draws from 50,000 people
    values, counts = np.unique(drawn, return_counts=True)
    repeated = DistinctCounter()
    repeated.add(pa.array([str(v) for v in values]), counts)
    estimate = repeated.population_estimate(2000, 4_000_000)
    assert 25_000 < estimate < 100_000


def _rid(birth: str, seq: int = 1) -> str:
    body = f"110105{birth}{seq:03d}"
    return body + mod_11_2.calc_check_digit(body)


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)))
def test_vectorised_birth_dates_agree_with_the_recognizer(born):
    value = _rid(born.strftime("%Y%m%d"))
    assert birth_dates(pa.array([value]))[0].as_py() == CnResidentIdRecognizer.birth_date(value) == born


@pytest.mark.parametrize(
    ("birth", "as_of", "minor"),
    [
        ("20120101", "2026-01-01", False),  # 14th birthday today: no longer under 14
        ("20120102", "2026-01-01", True),  # 14 tomorrow: still 13
        ("19900101", "2026-01-01", False),
    ],
)
def test_minors_cutoff(birth, as_of, minor):
    counter = MinorsCounter(datetime.date.fromisoformat(as_of), 14)
    counter.add(pa.array([_rid(birth)]), np.array([2]))
    assert counter.with_id == 2
    assert counter.minors == (2 if minor else 0)


def test_legacy_fifteen_digit_ids_count():
    counter = MinorsCounter(datetime.date(2026, 1, 1), 14)
    counter.add(pa.array(["110105491231002"]), np.array([1]))
    assert counter.with_id == 1 and counter.minors == 0


@given(st.lists(st.integers(min_value=0, max_value=300), min_size=0, max_size=400), st.integers(1, 5))
def test_sketch_keeps_exactly_the_k_smallest_distinct_hashes(numbers, batches):
    counter = DistinctCounter(k=16, frequencies=False)
    values = [f"v{n}" for n in numbers]
    size = max(1, len(values) // batches)
    for start in range(0, len(values), size):
        counter.add(pa.array(values[start : start + size]))
    expected = np.unique(hash64(pa.array(values, pa.string())))[:16] if values else np.empty(0, np.uint64)
    assert list(counter._smallest) == list(expected)


def test_name_mask_equals_the_scalar_name_check():
    from compliance.detect.detectors import _is_name, _name_mask

    values = ["张伟", "欧阳娜娜", "Michael Miller", "Acme Inc", "北京市", "Li Na", "王芳", "", "x", "Mary Smith"]
    assert list(_name_mask(pa.array(values))) == [_is_name(v) for v in values]
