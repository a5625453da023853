"""Identifiability context: a column is personal only in a table that relates to individuals (PIPL Art 4).

Scanned end to end with the default pack: the coordinates and cities of power substations are not PI;
the same columns beside a person key (a mobile number, a pseudonymous user id, a declared personal
category) are, and coordinates are then precise location, sensitive PI.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from compliance.classify.context import apply_context, relates_to_individuals
from compliance.detect.verdict import ColumnVerdict, EntityHit
from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths

DATA = Path(__file__).resolve().parents[1] / "rules" / "_data"
PACK = load_pack()


def _scan(path: Path, declared: tuple[str, ...] = ()):
    (scan,) = scan_paths([str(path)], PACK, ScanOptions(declared_categories=declared))
    assert scan.error is None, scan.error
    return scan


def _categories(scan) -> dict[str, str | None]:
    return {c.name: c.category for c in scan.columns}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_facility_coordinates_are_not_personal():
    scan = _scan(DATA / "substations.csv")
    columns = _categories(scan)
    assert columns["latitude"] == columns["longitude"] == "general_attribute"
    assert not any(PACK.category(c).personal for c in scan.categories if PACK.category(c))
    assert "sensitive_personal" not in scan.categories


def test_person_trajectory_is_sensitive():
    scan = _scan(DATA / "trips.csv")
    columns = _categories(scan)
    assert columns["latitude"] == columns["longitude"] == "sensitive_personal"
    assert columns["手机号"] == "personal"
    assert {"personal", "sensitive_personal"} <= set(scan.categories)


def test_declared_personal_category_makes_the_table_about_people():
    scan = _scan(DATA / "substations.csv", declared=("personal",))
    assert _categories(scan)["latitude"] == "sensitive_personal"


def test_declared_non_personal_category_does_not():
    scan = _scan(DATA / "substations.csv", declared=("important_data",))
    assert _categories(scan)["latitude"] == "general_attribute"


@pytest.mark.parametrize("key", ["user_id", "device_id", "vin", "driver_id", "会员编号"])
def test_an_undetectable_subject_key_makes_coordinates_personal(tmp_path, key):
    rows = [[f"k{i:08x}", f"31.{2300 + i}", f"121.{4700 + i}"] for i in range(8)]
    scan = _scan(_write(tmp_path / "pings.csv", [key, "lat", "lon"], rows))
    assert _categories(scan)["lat"] == "sensitive_personal"


def test_trajectory_header_is_personal_by_itself(tmp_path):
    rows = [[f"SS-{i}", f"31.{2300 + i},121.{4700 + i}"] for i in range(8)]
    scan = _scan(_write(tmp_path / "tracks.csv", ["station", "轨迹"], rows))
    assert _categories(scan)["轨迹"] == "sensitive_personal"


def _verdict(name: str, category: str | None, *entities: str) -> ColumnVerdict:
    return ColumnVerdict(name, [EntityHit(e, 1.0, 4, 0.8) for e in entities], category=category)


def test_a_home_address_is_personal_by_itself():
    columns = [_verdict("home_address", "personal", "LOCATION"), _verdict("latitude", "sensitive_personal")]
    assert relates_to_individuals(columns, PACK)
    assert apply_context(columns, PACK) == []
    assert columns[1].category == "sensitive_personal"


def test_places_and_coordinates_alone_are_recategorised():
    columns = [
        _verdict("city", "personal", "LOCATION"),
        _verdict("latitude", "sensitive_personal"),
        _verdict("voltage_kv", None),
    ]
    assert not relates_to_individuals(columns, PACK)
    assert apply_context(columns, PACK) == ["city", "latitude"]
    assert [c.category for c in columns] == ["general_attribute", "general_attribute", None]
    assert columns[0].entities[0].type == "LOCATION"  # what was found is still reported


def test_a_pack_without_the_setting_changes_nothing():
    class Bare:
        settings: dict = {}

    columns = [_verdict("latitude", "sensitive_personal")]
    assert apply_context(columns, Bare()) == []
    assert columns[0].category == "sensitive_personal"
