"""Latin names with diacritics: they must reach the validator (Unicode prefilter) and pass it.

Data: tests/data/names_diacritics.csv (README: maintainers and copyright holders named in the
Debian package documentation of this machine's packages and in installed packages' metadata).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from compliance.detect.detectors import _LATIN_NAME_RE2
from compliance.detect.lexicon import is_latin_name

from ._names_support import column_values, share, verdicts

FILE = "names_diacritics.csv"


def test_published_names_with_diacritics():
    values = column_values(FILE)["author"]
    assert all(not v.isascii() for v in values)
    assert share(is_latin_name, values) >= 0.8


@pytest.mark.parametrize("full", [False, True])
def test_the_column_is_a_person_column(full):
    assert verdicts(FILE, full)["author"][0] == "PERSON"


ACCENTED = [
    "Hans Müller",
    "José García",
    "Adrián Pérez",
    "Łukasz Kowalski",
    "Øyvind Hansen",
    "Zoë Saldaña",
    "Ondřej Surý",
    "Piotr Ożarowski",
    "Sebastian Dröge",
    "Noël Köthe",
    "Björn Nilsson",
    "Çağla Şahin",
]


@pytest.mark.parametrize("value", ACCENTED)
def test_accented_names(value):
    assert is_latin_name(value)


def test_the_prefilter_is_unicode_aware():
    found = pc.match_substring_regex(pa.array([*ACCENTED, "Müller"]), _LATIN_NAME_RE2).to_pylist()
    assert all(found)


@pytest.mark.parametrize(
    "value", ["São Paulo", "Île-de-France", "Baden-Württemberg", "Zürich Hauptbahnhof", "Crème Brûlée", "Café Müller"]
)
def test_accented_places_and_things_are_not_names(value):
    assert not is_latin_name(value)
