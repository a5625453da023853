"""Quasi-identifier suggestions for data that declares none, each with the reason.

Quasi-identifiers are the facts an attacker can look up elsewhere and join on (GB/T 37964-2019 3.7,
GB/T 42460-2023 Annex B): birth date or age, sex, region, postal code and address parts, occupation,
ethnicity, education. A resident ID carries three of them (region in digits 1-6, birth date in 7-14,
sex in 17), and still does when it is cut to a prefix or partly masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from . import regions

#: (what, header pattern); Chinese words as substrings, English words as tokens
HEADERS: tuple[tuple[str, str], ...] = (
    ("birth date", r"(?i)出生|生日|birth|\bdob\b|(^|_)dob($|_)"),
    ("age", r"(?i)年龄|(^|[^a-z])age([^a-z]|$)"),
    ("sex", r"(?i)性别|(^|[^a-z])(sex|gender)([^a-z]|$)"),
    ("postal code", r"(?i)邮编|邮政编码|post_?code|postal|(^|[^a-z])zip([^a-z]|$)"),
    (
        "region",
        r"(?i)省|市|区县|县|地区|籍贯|户籍|行政区|(^|[^a-z])(province|city|district|county|region|state)([^a-z]|$)",
    ),
    ("address part", r"(?i)地址|住址|街道|(^|[^a-z])(address|street|town)([^a-z]|$)"),
    ("occupation", r"(?i)职业|职务|工种|(^|[^a-z])(occupation|job|profession|title)([^a-z]|$)"),
    ("ethnicity", r"(?i)民族|(^|[^a-z])(ethnicity|ethnic|race|nation)([^a-z]|$)"),
    ("education", r"(?i)学历|文化程度|教育|(^|[^a-z])(education|degree)([^a-z]|$)"),
    ("marital status", r"(?i)婚姻|(^|[^a-z])marital([^a-z]|$)"),
    ("nationality", r"(?i)国籍|(^|[^a-z])(nationality|citizenship)([^a-z]|$)"),
)
_SEX_VALUES = ["男", "女", "M", "F", "m", "f", "male", "female", "Male", "Female", "MALE", "FEMALE"]
_ID_PREFIX = r"^(?P<digits>\d{6,17})[\dXx*]*$"


@dataclass(frozen=True)
class Suggestion:
    column: str
    facts: tuple[str, ...]
    why: str

    def as_dict(self) -> dict:
        return {"column": self.column, "facts": list(self.facts), "why": self.why}


def _share(mask: pa.Array) -> float:
    return pc.mean(mask.cast(pa.int8())).as_py() or 0.0 if len(mask) else 0.0


def _resident_id_facts(values: pa.Array) -> tuple[str, ...]:
    """Facts a column of (possibly cut or masked) resident IDs gives away."""
    text = pc.utf8_trim_whitespace(values)
    digits = pc.struct_field(pc.extract_regex(text, _ID_PREFIX), "digits")
    if _share(pc.is_valid(digits)) < 0.9:
        return ()
    known = pc.is_in(pc.utf8_slice_codeunits(digits, 0, 6), value_set=pa.array(sorted(regions.codes())))
    if _share(pc.fill_null(known, False)) < 0.9:
        return ()
    facts = ["region"]
    length = pc.utf8_length(digits)
    if _share(pc.fill_null(pc.greater_equal(length, 14), False)) >= 0.9:
        birth = pc.utf8_slice_codeunits(digits, 6, 10)
        born = pc.and_(pc.greater_equal(birth, "1900"), pc.less_equal(birth, "2100"))
        if _share(pc.fill_null(born, False)) >= 0.9:
            facts.append("birth date")
    if _share(pc.fill_null(pc.greater_equal(length, 17), False)) >= 0.9:
        facts.append("sex")
    return tuple(facts)


def _distinct_text(column: pa.ChunkedArray) -> pa.Array:
    if pa.types.is_dictionary(column.type):
        unified = column.unify_dictionaries()
        values = unified.chunks[0].dictionary if unified.num_chunks else pa.array([], pa.string())
    else:
        values = pc.unique(column.combine_chunks())
    values = pc.drop_null(values)
    return values if pa.types.is_string(values.type) else pc.cast(values, pa.string())


def suggest(
    table: pa.Table, entities: dict[str, list[str]] | None = None, exclude: frozenset[str] = frozenset()
) -> list[Suggestion]:
    """Suggested quasi-identifiers of ``table``; ``entities`` are the scanner's entities per column."""
    entities = entities or {}
    out = []
    for name in table.column_names:
        if name in exclude:
            continue
        distinct = _distinct_text(table.column(name))
        found = entities.get(name, [])
        from_id = _resident_id_facts(distinct) if len(distinct) else ()
        if from_id:
            cut = "CN_RESIDENT_ID" not in found
            codes = _share(pc.equal(pc.utf8_length(distinct), 6)) >= 0.99
            shape = (
                "GB/T 2260 region codes (an ID's first 6 digits)"
                if codes
                else ("resident-ID prefixes" if cut else "resident IDs")
            )
            out.append(
                Suggestion(
                    name,
                    from_id,
                    f"{shape}: {', '.join(from_id)} can be read from the digits "
                    "(GB 11643: region 1-6, birth date 7-14, sex 17)",
                )
            )
            continue
        facts = [what for what, pattern in HEADERS if re.search(pattern, name)]
        reasons = [f"header names {', '.join(facts)}"] if facts else []
        if len(distinct) and _share(pc.is_in(distinct, value_set=pa.array(_SEX_VALUES))) >= 0.99 and len(distinct) <= 4:
            if "sex" not in facts:
                facts.append("sex")
            reasons.append("values are sex codes")
        if "LOCATION" in found and "address part" not in facts:
            facts.append("address part")
            reasons.append("values are addresses")
        if "DATE_TIME" in found and facts and facts[0] in ("birth date", "age"):
            reasons.append("values are dates")
        if facts:
            out.append(Suggestion(name, tuple(facts), "; ".join(reasons)))
    return out
