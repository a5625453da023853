"""Values masked at the source (138****5678, 4102**********7828, 张*, z***@example.com) are still personal
information (de-identified at most, PIPL Art 73(3)): reported as the entity with ``masked: true``.

Issue 10 "Values masked at the source"; cases: the issue's examples and masked forms of phonenumbers'
example numbers and python-stdnum's documented IDs (tests/data/README.md).
"""

from __future__ import annotations

import json
import random

import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from phonenumbers import PhoneNumberType
from stdnum import luhn

from compliance.detect.masked_source import MASKED_SHAPES
from compliance.detect.recognizers import entity_specs

SHAPES = {shape.entity: shape for shape in MASKED_SHAPES}
RAW = {spec.entity: spec for spec in entity_specs()}


def mask_middle(value: str, head: int, tail: int, char: str = "*") -> str:
    return value[:head] + char * (len(value) - head - tail) + value[len(value) - tail :]


def cn_mobiles() -> list[str]:
    base = str(phonenumbers.example_number_for_type("CN", PhoneNumberType.MOBILE).national_number)
    return [base[:3] + f"{i:08d}"[-8:] for i in range(0, 4000, 97)]


def test_issue_examples_are_their_entities(kit):
    for entity, values in kit.cases()["masked_issue"].items():
        for value in values:
            assert SHAPES[entity].validate(value), (entity, value)
            assert pc.match_substring_regex(pa.array([value]), SHAPES[entity].re2)[0].as_py()


def test_masked_shapes_reject_what_is_not_consistent(kit):
    for value in kit.cases()["masked_not"]:
        assert not any(shape.validate(value) for shape in MASKED_SHAPES), value


@pytest.mark.parametrize(
    ("header", "make", "entity"),
    [
        ("手机号", lambda rng: mask_middle(rng.choice(cn_mobiles()), 3, 4), "CN_MOBILE"),
        ("c1", lambda rng: mask_middle(rng.choice(cn_mobiles()), 3, 4, "x"), "CN_MOBILE"),
        ("身份证号", lambda rng: mask_middle("360426199101010071", 4, 4), "CN_RESIDENT_ID"),
        ("id_no", lambda rng: mask_middle("11010519491231002X", 6, 4), "CN_RESIDENT_ID"),
        ("姓名", lambda rng: rng.choice("张王李赵陈刘") + "*" * rng.choice([1, 2]), "PERSON"),
        (
            "email",
            lambda rng: rng.choice("zlw") + "***@" + rng.choice(["example.com", "163.com", "qq.com"]),
            "EMAIL_ADDRESS",
        ),
    ],
)
def test_a_column_masked_at_the_source_is_reported_masked(scan, kit, header, make, entity):
    rng = random.Random(header)
    values = [make(rng) for _ in range(60)]
    for full in (False, True):
        found = scan({header: values}, full=full)[header]
        assert kit.primary(found) == (entity, True), (header, full, found.entities)
        assert found.category is not None


def test_masked_bank_cards(scan, kit):
    rng = random.Random(1)
    cards = []
    for _ in range(60):
        body = "622202" + "".join(rng.choice("0123456789") for _ in range(9))
        card = body + luhn.calc_check_digit(body)
        cards.append(" ".join(mask_middle(card, 4, 4)[i : i + 4] for i in range(0, 16, 4)))
    assert kit.primary(scan({"银行卡号": cards})["银行卡号"]) == ("CN_BANK_CARD", True)


def test_raw_values_beside_masked_ones_are_not_masked(scan, kit):
    mobiles = cn_mobiles()
    values = [mask_middle(m, 3, 4) for m in mobiles[:30]] + mobiles[30:40]
    found = scan({"手机号": values})["手机号"]
    assert kit.primary(found) == ("CN_MOBILE", False)  # raw values present: not de-identified


def test_masked_values_feed_no_facts(scan, tmp_path):
    """A masked ID has no readable birth date: it is never counted as a minor or an individual."""
    from compliance.policy import load_pack
    from compliance.scanner import ScanOptions, scan_paths

    path = tmp_path / "m.csv"
    path.write_text("身份证号\n" + "\n".join(["1101**********0015"] * 20) + "\n", encoding="utf-8")
    result = scan_paths([str(path)], load_pack(), ScanOptions())[0]
    assert result.facts.minors_records == 0


def test_json_report_carries_masked_and_validates(tmp_path):
    from click.testing import CliRunner

    from compliance.cli import main

    path = tmp_path / "masked.csv"
    path.write_text("手机号\n" + "\n".join(mask_middle(m, 3, 4) for m in cn_mobiles()[:30]) + "\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["scan", str(path), "--format", "json", "--no-timestamp"])
    report = json.loads(out.output)
    entity = report["assets"][0]["columns"][0]["entities"][0]
    assert entity["type"] == "CN_MOBILE" and entity["masked"] is True
    schema = json.loads((kit_root() / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(report)
    for fmt, word in (("text", "masked at source"), ("markdown", "masked at source")):
        shown = CliRunner().invoke(main, ["scan", str(path), "--format", fmt, "--no-timestamp"]).output
        assert word in shown, fmt


def kit_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


MASKISH = st.lists(
    st.sampled_from([*"0123456789*•●xX -+@.abcz张王伟李", "example.com", "86", "****"]), min_size=1, max_size=22
).map("".join)


@given(MASKISH)
@settings(max_examples=500)
def test_every_masked_value_passes_its_prefilter_and_no_raw_validator(value):
    """The RE2 prefilter is necessary for each shape; masked values never pass the raw ID/mobile check."""
    value = value.strip()
    if not value:
        return
    for shape in MASKED_SHAPES:
        if shape.validate(value):
            assert pc.match_substring_regex(pa.array([value]), shape.re2)[0].as_py(), (shape.entity, value)
            if shape.entity in ("CN_MOBILE", "CN_RESIDENT_ID", "CN_BANK_CARD"):
                assert not RAW[shape.entity].validate(value)
