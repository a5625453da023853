"""Speed of ``EntitySpec.validate_array`` against the scalar loop it replaces, per entity.

Why: the scanner's ``--full`` mode must validate every distinct candidate of a 100k-row table in a small
multiple of a plain CSV read, and the per-value Python check (``spec.validate``) was the bottleneck. The
named peer is that scalar loop, ``[spec.validate(v) for v in values]``, measured in the same run on the
same values. For every entity this prints the array form's time on 100k values and its values/s, the
scalar's calls/s, the ratio, the share of valid values and whether both agree (they must: the array form
is exact). Each time is the median of ``--runs`` runs. It asserts nothing.

Values: the benchmark dataset's own columns (``generate_dataset.generate_columns``: resident IDs,
mobiles, e-mails, US phones, UnionPay cards, passports, permits, plates, IPs with 10 % IPv6, USCCs),
blanks dropped and repeated up to ``--values``; CREDIT_CARD, IBAN_CODE and URL values are generated
here (the dataset has none). The scalar runs over the first ``--scalar-values`` of them (Presidio's
built-ins cost 30-100 µs a call; 0 means all).

CLI (from the repository root)::

    PYTHONPATH=. python benchmarks/bench_validators.py [--values 100000] [--runs 3] [--scalar-values 20000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_dataset import generate_columns

from compliance.detect.recognizers import entity_specs


def _luhn_complete(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str((10 - total % 10) % 10)


def _credit_cards(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        head = rng.choice(["4", "51", "52", "55", "37", "6011"])
        length = 15 if head == "37" else 16
        number = _luhn_complete(head + "".join(rng.choices("0123456789", k=length - 1 - len(head))))
        if rng.random() < 0.25:
            number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        out.append(number)
    return out


def _ibans(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        bban = "".join(rng.choices("0123456789", k=18))
        numeric = "".join(str(int(c, 36)) for c in bban + "DE00")
        value = f"DE{98 - int(numeric) % 97:02d}{bban}"
        out.append(" ".join(value[i : i + 4] for i in range(0, len(value), 4)) if rng.random() < 0.5 else value)
    return out


def _urls(rng: random.Random, count: int) -> list[str]:
    words = ["shop", "news", "data", "mail", "cloud", "bank", "gov", "edu", "travel", "music"]
    out = []
    for _ in range(count):
        host = f"{rng.choice(words)}{rng.randrange(10000)}.{rng.choice(['com', 'cn', 'com.cn', 'net', 'org'])}"
        out.append(rng.choice(["", "http://", "https://", "https://www."]) + host + rng.choice(["", "/", "/a/b?x=1"]))
    return out


def benchmark_values(count: int, seed: int) -> dict[str, list[str]]:
    """``{entity: count values}`` from the benchmark dataset (non-blank, repeated) plus generated ones."""
    data, truth = generate_columns(count, seed)
    values: dict[str, list[str]] = {}
    for column, entry in truth.items():
        entity = entry.get("entity")
        if entity and not entry.get("sporadic") and entity not in values and entity not in ("PERSON", "LOCATION"):
            kept = [v.strip() for v in data[column] if v.strip()]
            if kept:
                values[entity] = (kept * (count // len(kept) + 1))[:count]
    rng = random.Random(seed)
    values["CREDIT_CARD"] = _credit_cards(rng, count)
    values["IBAN_CODE"] = _ibans(rng, count)
    values["URL"] = _urls(rng, count)
    return values


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scalar-values", type=int, default=20_000, help="0: the scalar runs over all values")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    values = benchmark_values(args.values, args.seed)
    specs = entity_specs()
    header = f"{'entity':<17}{'values':>8}{'array ms':>10}{'array v/s':>13}{'scalar c/s':>12}{'ratio':>9}"
    print(header + f"{'valid':>8}  agree")
    for spec in specs:
        items = values.get(spec.entity)
        if not items:
            continue
        array = pa.array(items, pa.string())
        spec.validate_array(array[:100])  # warm caches that are built once (suffix sets, patterns)
        array_s = _median_seconds(lambda a=array, s=spec: s.validate_array(a), args.runs)
        sample = items[: args.scalar_values] if args.scalar_values else items
        scalar_s = _median_seconds(lambda v=sample, s=spec: [s.validate(x) for x in v], args.runs)
        got = spec.validate_array(pa.array(sample, pa.string()))
        expected = [bool(spec.validate(x)) for x in sample]
        agree = sum(bool(g) == e for g, e in zip(got, expected, strict=True)) == len(sample)
        array_rate, scalar_rate = len(items) / array_s, len(sample) / scalar_s
        print(
            f"{spec.entity:<17}{len(items):>8}{array_s * 1000:>10.1f}{array_rate:>13,.0f}{scalar_rate:>12,.0f}"
            f"{array_rate / scalar_rate:>8.0f}x{sum(expected) / len(sample):>8.1%}  {'yes' if agree else 'NO'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
