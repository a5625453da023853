"""Regenerate the datasets of the anonymisation rules' golden cases (tests/rules/_data/anonymity_*.csv).

Deterministic (a fixed seed where anything is drawn): each dataset is built from equivalence classes of
chosen sizes, so the measured k and l are known by construction and the golden cases can state them. The values are
invented; the hashed keys are SHA-256 digests of invented customer numbers.

Run from the repository root: ``/work/venv/bin/python tests/rules/_make_anonymity_data.py``.
"""

from __future__ import annotations

import csv
import hashlib
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent / "_data"
BANDS = ["20-29", "30-39", "40-49", "50-59"]
CITIES = ["上海市", "北京市", "广州市"]
DIAGNOSES = ["高血压", "糖尿病", "哮喘", "胃炎"]


def _classes(size_of) -> list[tuple[str, str, int]]:
    """(age band, city, index in class) rows; ``size_of(i)`` is the size of the i-th class."""
    rows = []
    for i, (band, city) in enumerate((b, c) for b in BANDS for c in CITIES):
        rows += [(band, city, j) for j in range(size_of(i))]
    return rows


def _write(name: str, header: list[str], rows: list[list]) -> None:
    with open(DATA / name, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    # k = 5 exactly (classes of 5 to 8): meets controlled sharing, not public release
    k5 = _classes(lambda i: 5 + i % 4)
    _write("anonymity_k5.csv", ["age_band", "city", "order_count"], [[b, c, 10 + j] for b, c, j in k5])
    # k = 20 exactly
    k20 = _classes(lambda i: 20 + i % 3)
    _write("anonymity_k20.csv", ["age_band", "city", "order_count"], [[b, c, 10 + j] for b, c, j in k20])
    # k = 3: one class of 3 records
    k3 = _classes(lambda i: 3 if i == 7 else 6)
    _write("anonymity_k3.csv", ["age_band", "city", "order_count"], [[b, c, 10 + j] for b, c, j in k3])
    # a leftover phone column in otherwise k = 5 data
    phones = [[b, c, f"139{(i * 7919) % 100000000:08d}"] for i, (b, c, _j) in enumerate(k5)]
    _write("anonymity_phone.csv", ["age_band", "city", "联系电话"], phones)
    # SHA-256 of customer numbers beside k = 5 quasi-identifiers: de-identified, still personal
    hashed = [[hashlib.sha256(f"C{i:06d}".encode()).hexdigest(), b, c] for i, (b, c, _j) in enumerate(k5)]
    _write("anonymity_hashed.csv", ["customer_key", "age_band", "city"], hashed)
    # health data, k = 5; l = 1 (one class has a single diagnosis) and l = 2
    l1 = [[b, c, DIAGNOSES[0] if (b, c) == ("30-39", "北京市") else DIAGNOSES[j % 4]] for b, c, j in k5]
    _write("anonymity_health_l1.csv", ["age_band", "city", "diagnosis"], l1)
    l2 = [[b, c, DIAGNOSES[j % 2]] for b, c, j in k5]
    _write("anonymity_health_l2.csv", ["age_band", "city", "diagnosis"], l2)
    # record-level patients (k = 1 as given): names, mobiles, birth dates, sex, GB/T 2260 counties, diagnoses;
    # the README's example of `compliance anonymize`
    counties = ["330106", "330102", "330105", "330110", "110105", "110108", "440305", "440304"]
    surnames, given = "张王李刘陈杨赵黄", "伟芳娜敏静丽强磊"
    draw = random.Random(2026)  # a fixed seed: the same file every time
    patients = [
        [
            draw.choice(surnames) + draw.choice(given),
            f"139{(i * 7919) % 100000000:08d}",
            f"19{draw.randint(50, 99)}-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}",
            draw.choice("男女"),
            draw.choice(counties),
            draw.choices(DIAGNOSES, weights=[4, 3, 2, 1])[0],
        ]
        for i in range(2000)
    ]
    _write("anonymity_patients.csv", ["姓名", "手机号", "出生日期", "性别", "区县代码", "diagnosis"], patients)


if __name__ == "__main__":
    main()
