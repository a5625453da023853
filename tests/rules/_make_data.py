"""Regenerate the shared datasets of the per-rule golden tests (tests/rules/_data/).

The datasets are committed as static fixtures; this script documents how their values were made
and rewrites them identically (no randomness). Every personal value is syntactically valid, so the
scanner's checksum validators accept it: resident IDs carry an ISO 7064 MOD 11-2 check character,
bank cards a Luhn digit, credit codes the GB 32100 check character. The people are invented.

Run from the repository root: ``/work/venv/bin/python tests/rules/_make_data.py``.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from stdnum import luhn
from stdnum.cn import uscc
from stdnum.iso7064 import mod_11_2

RULES = Path(__file__).resolve().parent
DATA = RULES / "_data"
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"]
CHILDREN = ["王子涵", "李梓萱", "张浩然", "刘雨桐"]
CITIES = ["上海市", "北京市", "广州市", "深圳市", "杭州市", "成都市"]


def resident_id(area: str, born: datetime.date, sequence: int) -> str:
    """An 18-character resident ID: area, birth date, sequence, MOD 11-2 check character."""
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + mod_11_2.calc_check_digit(body)


def bank_card(prefix: str) -> str:
    """A 16-digit UnionPay-style card number (prefix 62) with a Luhn check digit."""
    return prefix + luhn.calc_check_digit(prefix)


def credit_code(body: str) -> str:
    """An 18-character unified social credit code with its check character."""
    return body + uscc.calc_check_digit(body)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def customers() -> list[list[str]]:
    """Adults with names, mobiles and resident IDs: ordinary (non-sensitive) personal information."""
    rows = []
    for i, name in enumerate(NAMES):
        born = datetime.date(1970 + 5 * i, 1 + i, 10 + i)
        rows.append([name, f"1381234{5670 + i:04d}", resident_id("110105", born, 101 + 2 * i), CITIES[i]])
    return rows


def birthdays_and_context() -> None:
    """Datasets for the exact-birth-date, declared-minors and identifiability-context cases."""
    # Born 2012-01-01: 14 on 2026-01-01 (the tests' as_of date), so not a minor under 14 (PIPL Art 31).
    write_csv(
        DATA / "birthday_today.csv",
        ["姓名", "身份证号"],
        [[name, resident_id("310104", datetime.date(2012, 1, 1), 302 + 2 * i)] for i, name in enumerate(CHILDREN)],
    )
    # Born 2012-01-02: still 13 on 2026-01-01, a minor under 14 until the next day.
    write_csv(
        DATA / "birthday_tomorrow.csv",
        ["姓名", "身份证号"],
        [[name, resident_id("310104", datetime.date(2012, 1, 2), 402 + 2 * i)] for i, name in enumerate(CHILDREN)],
    )
    # A kindergarten roster without resident IDs: only the manifest can say these are minors.
    write_csv(
        DATA / "pupils.csv",
        ["姓名", "班级"],
        [[name, f"小班{i + 1}"] for i, name in enumerate(CHILDREN)],
    )
    # Facilities: coordinates and cities of power substations, no person, device or vehicle key.
    places = [("31.2304", "121.4737"), ("30.5928", "114.3055"), ("39.9042", "116.4074"), ("22.5431", "114.0579")]
    write_csv(
        DATA / "substations.csv",
        ["substation_id", "voltage_kv", "latitude", "longitude", "city", "commissioned_at"],
        [
            [f"SS-{i + 1:03d}", str(110 + 110 * (i % 2)), lat, lon, CITIES[i], f"201{i}-0{i + 3}-01"]
            for i, (lat, lon) in enumerate(places)
        ],
    )
    # The same kind of columns beside a person key (a mobile number): a trajectory, sensitive PI.
    write_csv(
        DATA / "trips.csv",
        ["手机号", "latitude", "longitude", "recorded_at", "city"],
        [
            [f"1381234{5670 + i:04d}", lat, lon, f"2025-03-01 08:{5 * i:02d}:00", CITIES[i]]
            for i, (lat, lon) in enumerate(places)
        ],
    )


def main() -> None:
    write_csv(DATA / "customers.csv", ["姓名", "手机号", "身份证号", "city"], customers())
    # Bank card numbers are financial accounts: sensitive personal information (general-4).
    write_csv(
        DATA / "cardholders.csv",
        ["姓名", "银行卡号"],
        [[name, bank_card(f"621700{1000 + 37 * i:04d}0012{i:01d}")] for i, name in enumerate(NAMES[:4])],
    )
    # A class roster: children born 2015-2016 are under 14 on 2026-01-01 (the tests' as_of date).
    write_csv(
        DATA / "students.csv",
        ["姓名", "身份证号", "班级"],
        [
            [name, resident_id("310104", datetime.date(2015 + i % 2, 3 + i, 5 + i), 202 + 2 * i), f"三年级{i + 1}班"]
            for i, name in enumerate(CHILDREN)
        ],
    )
    # Pseudonymised orders: the customer is a keyed hash, no direct identifier is left in clear.
    write_csv(
        DATA / "pseudonymised.csv",
        ["customer_key", "city", "order_amount"],
        [[f"{(0x9E3779B97F4A7C15 * (i + 1)) % 2**64:016x}", CITIES[i], f"{35 + 17 * i}.50"] for i in range(5)],
    )
    # Anonymised statistics: generalised age bands and cities with counts (quasi-identifiers only).
    bands = ["20-29", "30-39", "40-49", "50-59"]
    write_csv(
        DATA / "anonymised.csv",
        ["age_band", "city", "order_count"],
        [[bands[i], CITIES[i], str(40 + 9 * i)] for i in range(4)],
    )
    # Anonymised health statistics: the diagnosis column keeps a sensitive attribute.
    diagnoses = ["高血压", "糖尿病", "哮喘", "高血压"]
    write_csv(
        DATA / "anonymised_health.csv",
        ["age_band", "city", "diagnosis", "patients"],
        [[bands[i], CITIES[i], diagnoses[i], str(25 + 4 * i)] for i in range(4)],
    )
    # Organisations only: credit codes identify companies, not people (general-1, not personal).
    write_csv(
        DATA / "companies.csv",
        ["统一社会信用代码", "产品名称", "金额"],
        [[credit_code(f"91310000MA1FL{3000 + 7 * i:04d}"), f"产品{i + 1}", f"{1200 + 300 * i}"] for i in range(4)],
    )
    # Case-local data: pseudonymised customers whose mobile number was left in clear (DCS-AN-007).
    write_csv(
        RULES / "DCS-AN-007" / "fail-phone-in-clear" / "data.csv",
        ["customer_key", "手机号", "city"],
        [[f"{(0x9E3779B97F4A7C15 * (i + 1)) % 2**64:016x}", f"1391234{8800 + i:04d}", CITIES[i]] for i in range(5)],
    )
    birthdays_and_context()
    # Ten million subscribers (NDSMR Art 28 threshold), one distinct mobile number each. Sequential
    # numbers with delta encoding keep the file near 50 KB; the sampled scan reads 1000 of them.
    rows = 10_000_000
    mobiles = pa.array(range(13_800_000_000, 13_800_000_000 + rows), pa.int64())
    pq.write_table(
        pa.table({"mobile": mobiles}),
        DATA / "subscribers_10m.parquet",
        compression="zstd",
        use_dictionary=False,
        column_encoding={"mobile": "DELTA_BINARY_PACKED"},
        row_group_size=2_000_000,
    )


if __name__ == "__main__":
    main()
