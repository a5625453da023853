"""The README's masking promise is what the code does: every per-entity and per-name example in its
tables equals the output of ``mask`` and ``safe_name``, and each rule it states holds for the example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compliance.detect.masking import mask
from compliance.redact import safe_name

README = Path(__file__).resolve().parents[2] / "README.md"


def _table(marker: str) -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    block = re.search(rf"<!-- {marker}:.*?-->(.*?)<!-- /{marker} -->", text, re.S)
    assert block, f"README has no {marker} table"
    rows = []
    for line in block.group(1).splitlines():
        line = line.strip()
        if line.startswith("|") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return [[re.sub(r"^`|`$", "", cell) for cell in row] for row in rows[1:]]  # header row dropped


MASKING = _table("masking-examples")
NAMES = _table("name-examples")


def test_the_tables_cover_every_rule():
    entities = {re.match(r"`?([A-Z_]+)", row[1]).group(1) for row in MASKING}
    assert {"CN_MOBILE", "EMAIL_ADDRESS", "CN_RESIDENT_ID", "CN_BANK_CARD", "PERSON", "LOCATION"} <= entities
    assert len(NAMES) >= 4


@pytest.mark.parametrize(("written", "entity", "shown", "visible"), MASKING, ids=[r[0] for r in MASKING])
def test_readme_masking_examples_are_the_functions_output(written, entity, shown, visible):
    main = re.match(r"`?([A-Z_]+)", entity).group(1)
    assert mask(written, main) == shown
    for other in re.findall(r"`([A-Z_]+)`", entity)[1:]:  # "(and PHONE_NUMBER)": the same string
        assert mask(written, other) == shown


@pytest.mark.parametrize(("name", "shown"), NAMES, ids=[r[0] for r in NAMES])
def test_readme_name_examples_are_the_functions_output(name, shown):
    assert safe_name(name) == shown


def test_stated_shares_hold_for_the_examples():
    rows = {row[0]: row for row in MASKING}
    mobile = rows["+86 138-1234-5678"][2]
    assert len(mobile.replace("*", "")) == 5  # first 3 and last 2
    assert rows["0086 138 1234 5678"][2] == mobile  # format does not matter
    email = rows["ZhangWei@mail.zhangwei-family.cn"][2]
    assert "zhangwei" not in email and "mail" not in email and email.endswith(".cn")
