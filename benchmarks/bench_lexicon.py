"""Speed of the column masks of the name and address lexicons against their scalar checks.

Why: ``--full`` scans must validate every distinct value of a name or address column (about
100,000 in the benchmark CSV) in tens of milliseconds; the scalar checks (``is_chinese_name``,
``is_latin_name``, ``is_address``), called once per value, are the named peer. For each check this
script generates ``--n`` Faker values (zh_CN / en_US names, zh_CN / en_US addresses), times a plain
loop of the scalar check and the mask over ``pyarrow.array(values)`` (``--runs`` times each,
median), prints values per second and the ratio, and counts values on which the two disagree
(must be 0). It asserts nothing.

CLI (from the repository root)::

    PYTHONPATH=. python benchmarks/bench_lexicon.py [--n 100000] [--runs 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import pyarrow as pa
from faker import Faker

from compliance.detect.lexicon import (
    address_mask,
    chinese_name_mask,
    is_address,
    is_chinese_name,
    is_latin_name,
    latin_name_mask,
)

CASES = (
    ("chinese_name_mask", "zh_CN", "name", is_chinese_name, chinese_name_mask),
    ("latin_name_mask", "en_US", "name", is_latin_name, latin_name_mask),
    ("address_mask zh", "zh_CN", "address", is_address, address_mask),
    ("address_mask en", "en_US", "address", is_address, address_mask),
)


def _values(locale: str, kind: str, n: int, seed: int) -> list[str]:
    fake = Faker(locale)
    fake.seed_instance(seed)
    make = getattr(fake, kind)
    return [make() for _ in range(n)]


def _median_seconds(run: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="values per check")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement (median)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'check':<20} {'scalar values/s':>16} {'mask values/s':>14} {'mask ms':>8} {'ratio':>7} {'differ':>6}")
    for label, locale, kind, scalar, mask in CASES:
        values = _values(locale, kind, args.n, args.seed)
        array = pa.array(values)
        scalar(values[0]), mask(array[:10])  # load the word lists before timing
        scalar_s, expected = _median_seconds(lambda v=values, f=scalar: [f(x) for x in v], args.runs)
        mask_s, got = _median_seconds(lambda a=array, m=mask: m(a), args.runs)
        differ = int((np.asarray(expected) != got).sum())
        print(
            f"{label:<20} {args.n / scalar_s:>16,.0f} {args.n / mask_s:>14,.0f} {mask_s * 1000:>8.1f}"
            f" {scalar_s / mask_s:>6.1f}x {differ:>6}"
        )


if __name__ == "__main__":
    main()
