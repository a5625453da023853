"""Measured recall and false-positive rate on Faker data (zh_CN and en_US).

Faker generates the project's test and benchmark data, so it is used here only to MEASURE the
lexicons, never as their source (the lexicon package does not import it; see
test_lexicon_data.py). The thresholds are the acceptance bar from the design, not numbers fitted
to one run: recall >= 0.9 on 2000 generated values, false positives <= 5% on look-alike values.
Run with ``-s`` to see the measured rates.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from compliance.detect.lexicon import is_address, is_chinese_name, is_latin_name

faker = pytest.importorskip("faker")

N = 2000
MIN_RECALL = 0.9
MAX_FALSE_POSITIVES = 0.05


def _fake(locale: str, seed: int):
    fake = faker.Faker(locale)
    fake.seed_instance(seed)
    return fake


def _rate(check: Callable[[str], bool], values: list[str]) -> float:
    return sum(map(check, values)) / len(values)


def _report(what: str, rate: float, sample: list[str]) -> None:
    print(f"\n{what}: {rate:.4f} (n={len(sample)})")


def _chinese_non_names(fake) -> list[str]:
    return (
        [fake.company() for _ in range(400)]
        + [fake.company_prefix() for _ in range(200)]
        + [fake.city_name() for _ in range(300)]
        + [fake.city() for _ in range(200)]
        + [fake.province() for _ in range(100)]
        + [fake.district() for _ in range(200)]
        + [fake.job() for _ in range(300)]
        + [fake.word() for _ in range(300)]
        + [fake.street_name() for _ in range(200)]
    )


def _latin_non_names(fake) -> list[str]:
    return (
        [fake.company() for _ in range(400)]
        + [fake.city() for _ in range(400)]
        + [fake.state() for _ in range(100)]
        + [fake.job() for _ in range(400)]
        + [fake.catch_phrase() for _ in range(200)]
        # product-like: "Olive Kitchen", "Report Window"
        + [f"{fake.color_name()} {fake.word().capitalize()}" for _ in range(300)]
        + [f"{fake.word().capitalize()} {fake.word().capitalize()}" for _ in range(300)]
    )


@pytest.mark.parametrize(
    ("locale", "check", "non_names"),
    [("zh_CN", is_chinese_name, _chinese_non_names), ("en_US", is_latin_name, _latin_non_names)],
)
def test_name_recall_and_false_positives(locale, check, non_names):
    fake = _fake(locale, seed=20240601)
    names = [fake.name() for _ in range(N)]
    recall = _rate(check, names)
    negatives = non_names(fake)
    false_positives = _rate(check, negatives)
    _report(f"{locale} name recall", recall, names)
    _report(f"{locale} name false-positive rate", false_positives, negatives)
    assert recall >= MIN_RECALL, [n for n in names if not check(n)][:20]
    assert false_positives <= MAX_FALSE_POSITIVES, [v for v in negatives if check(v)][:20]


def _address_non_addresses(fake, locale: str) -> list[str]:
    values = (
        [fake.company() for _ in range(300)]
        + [fake.city() for _ in range(300)]
        + [fake.country() for _ in range(100)]
        + [fake.job() for _ in range(200)]
        + [fake.name() for _ in range(200)]
        + [fake.sentence() for _ in range(300)]
        + [fake.street_name() for _ in range(300)]  # a road without a number is not an address
        + [fake.phone_number() for _ in range(100)]
        + [fake.postcode() for _ in range(100)]
    )
    if locale == "zh_CN":  # coarse places: province + city + district
        values += [f"{fake.province()}{fake.city()}{fake.district()}区" for _ in range(200)]
    else:
        values += [f"{fake.city()}, {fake.state_abbr()} {fake.postcode()}" for _ in range(200)]
    return values


@pytest.mark.parametrize("locale", ["zh_CN", "en_US"])
def test_address_recall_and_false_positives(locale):
    fake = _fake(locale, seed=20240602)
    addresses = [fake.address() for _ in range(N)]
    recall = _rate(is_address, addresses)
    negatives = _address_non_addresses(fake, locale)
    false_positives = _rate(is_address, negatives)
    _report(f"{locale} address recall", recall, addresses)
    _report(f"{locale} address false-positive rate", false_positives, negatives)
    assert recall >= MIN_RECALL, [a for a in addresses if not is_address(a)][:20]
    assert false_positives <= MAX_FALSE_POSITIVES, [v for v in negatives if is_address(v)][:20]
