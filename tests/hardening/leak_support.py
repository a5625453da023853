"""Inputs whose names, keys and values are all personal data, and the check that none leaks.

Every identifier is made here with python-stdnum check digits (resident IDs: ISO 7064 MOD 11-2, bank
cards: Luhn), never with the tool's detectors. ``Leaks.check`` looks for each raw value, its
digits-only form and its lower-case form in a text.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

AS_OF = "2026-03-01"


def resident_id(i: int) -> str:
    area = ("110105", "310104", "440305", "510107")[i % 4]
    body = f"{area}{1955 + (i * 7) % 50}{1 + i % 12:02d}{1 + (i * 5) % 28:02d}{(37 * i) % 1000:03d}"
    return body + mod_11_2.calc_check_digit(body)


def mobile(i: int) -> str:
    return f"1{'35789'[i % 5]}{(987654321 - 7919 * i) % 10**9:09d}"


def bank_card(i: int) -> str:
    body = f"6222{(300_000_000_000 + 104729 * i) % 10**14:014d}"
    return body + luhn.calc_check_digit(body)


def email(i: int) -> str:
    return f"{('zhangwei', 'lina', 'wangfang', 'liuyang')[i % 4]}{i}@mail.{('zw-family', 'li-home')[i % 2]}.cn"


def spaced_mobile(number: str) -> str:
    return f"{number[:3]} {number[3:7]} {number[7:]}"


@dataclass
class Leaks:
    """The raw values placed in names and cells; ``check`` says which of them a text holds."""

    values: set[str] = field(default_factory=set)

    def add(self, value: str) -> str:
        self.values.add(value)
        return value

    def forms(self) -> set[str]:
        out = set()
        for value in self.values:
            out.add(value)
            out.add(value.lower())
            digits = re.sub(r"[^0-9]", "", value)
            if len(digits) >= 11:  # the digits-only normal form of a number written with separators
                out.add(digits)
        return out

    def found_in(self, text: str) -> list[str]:
        return sorted(form for form in self.forms() if form in text)


@dataclass
class Inputs:
    root: Path
    data: Path  # a folder named by a resident ID, holding one file per format
    leaks: Leaks
    asset_raw: str  # the raw asset id of the CSV (for a waiver written with it)
    header_raw: str  # its resident-ID header
    written: set[Path] = field(default_factory=set)  # the files the test wrote (not the tool)


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def build(root: Path) -> Inputs:
    """Every supported format, each with personal data in its file name and in its inner names."""
    leaks = Leaks()
    rows = 30
    folder = root / leaks.add(resident_id(0))
    folder.mkdir(parents=True)

    header = [leaks.add(resident_id(1)), leaks.add(spaced_mobile(mobile(1))), leaks.add(email(1)), "备注"]
    header.append(leaks.add(bank_card(1)))
    csv_name = f"{leaks.add(mobile(0))}.csv"
    _csv(
        folder / csv_name,
        header,
        [
            [
                leaks.add(resident_id(10 + i)),
                leaks.add(mobile(10 + i)),
                leaks.add(email(10 + i)),
                f"请联系 {leaks.add(spaced_mobile(mobile(40 + i)))}",
                leaks.add(bank_card(10 + i)),
            ]
            for i in range(rows)
        ],
    )

    import json

    key_mobile, key_id = leaks.add(mobile(2)), leaks.add(resident_id(2))
    records = [
        {key_mobile: {key_id: leaks.add(email(60 + i))}, "phone": leaks.add(mobile(60 + i))} for i in range(rows)
    ]
    (folder / f"{leaks.add(email(2))}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = leaks.add(mobile(3))
    sheet.append([leaks.add(email(3)), "电话"])
    for i in range(rows):
        sheet.append([leaks.add(email(90 + i)), leaks.add(mobile(90 + i))])
    workbook.save(folder / f"{leaks.add(resident_id(3))}.xlsx")

    connection = sqlite3.connect(folder / f"{leaks.add(bank_card(4))}.sqlite")
    table, column = leaks.add(resident_id(4)), leaks.add(mobile(4))
    connection.execute(f'CREATE TABLE "{table}" ("{column}" TEXT, "证件" TEXT)')
    connection.executemany(
        f'INSERT INTO "{table}" VALUES (?, ?)',
        [(leaks.add(mobile(120 + i)), leaks.add(resident_id(120 + i))) for i in range(rows)],
    )
    connection.commit()
    connection.close()

    field_name = leaks.add(email(5))
    cards = [leaks.add(bank_card(150 + i)) for i in range(rows)]
    pq.write_table(
        pa.table({field_name: cards, "id": [leaks.add(resident_id(150 + i)) for i in range(rows)]}),
        folder / f"{leaks.add(mobile(5))}.parquet",
    )

    broken = root / "broken"
    broken.mkdir()
    (broken / f"{leaks.add(mobile(6))}.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (broken / f"{leaks.add(resident_id(6))}.json").write_text('[{"a": 1,,}]', encoding="utf-8")

    asset_raw = f"{folder.name}/{csv_name}"
    inputs = Inputs(root, folder, leaks, asset_raw, header[0])
    inputs.written = {p for p in root.rglob("*") if p.is_file()}
    return inputs


def new_or_changed(inputs: Inputs, before: dict[Path, float]) -> list[Path]:
    """Files the tool wrote: not written by the test, or modified since ``before`` was taken."""
    found = []
    for path in inputs.root.rglob("*"):
        if path.is_file() and (path not in before or path.stat().st_mtime_ns != before[path]):
            found.append(path)
    return found


def snapshot(root: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
