"""Identifiability context: a column is personal only in a table that relates to individuals (PIPL Art 4).

Coordinates, timestamps and place names identify nobody on their own. In a table with no person, device
or vehicle identifier and no declared personal category (the coordinates and cities of power
substations) they are not personal information; beside a person key the same columns are, and
coordinates are then precise location or trajectories (sensitive PI). The pack says which columns
depend on context (``settings.identifiability_context``: entities such as LOCATION and DATE_TIME, and
the header keywords of category-only signals such as latitude/longitude) and which header words name a
key the value detectors cannot see (a pseudonymous ``user_id``, a ``vin``).

:func:`apply_context` runs once per table, after the column verdicts and before classification.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..detect.headers import tokens
from ..detect.verdict import ColumnVerdict
from ..policy.model import Pack

_HAN = re.compile(r"[\u3400-\u9fff]")
_SEPARATORS = re.compile(r"[\s_\-./]+")


@dataclass(frozen=True)
class _Settings:
    entities: frozenset[str]
    zh: tuple[str, ...]
    en: tuple[tuple[str, ...], ...]
    subject_zh: tuple[str, ...]
    subject_en: tuple[tuple[str, ...], ...]
    personal_place_zh: tuple[str, ...]
    personal_place_en: tuple[tuple[str, ...], ...]
    category: str | None

    @classmethod
    def of(cls, pack: Pack) -> _Settings | None:
        raw = pack.settings.get("identifiability_context")
        if not isinstance(raw, dict):
            return None
        category = raw.get("category")
        known = pack.category(category) if category else None
        return cls(
            entities=frozenset(raw.get("entities") or ()),
            zh=tuple(str(k).lower() for k in raw.get("zh") or ()),
            en=tuple(tokens(str(k)) for k in raw.get("en") or ()),
            subject_zh=tuple(str(k).lower() for k in raw.get("subject_keys_zh") or ()),
            subject_en=tuple(tokens(str(k)) for k in raw.get("subject_keys_en") or ()),
            personal_place_zh=tuple(str(k).lower() for k in raw.get("personal_place_zh") or ()),
            personal_place_en=tuple(tokens(str(k)) for k in raw.get("personal_place_en") or ()),
            category=category if known is not None and not known.personal else None,
        )


def _run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _matches(header: str, zh: Iterable[str], en: Iterable[tuple[str, ...]]) -> list[str]:
    """The keywords the header contains: zh as substrings, en as consecutive tokens (or the whole header)."""
    compact = _SEPARATORS.sub("", header.strip().lower())
    header_tokens = tokens(header)
    joined = "".join(header_tokens)
    found = [w for w in zh if w and _HAN.search(header) and w in compact]
    found += ["_".join(k) for k in en if k and (_run(header_tokens, k) or joined == "".join(k))]
    return found


def _category_keywords(header: str, pack: Pack) -> list[str]:
    """Keywords of the pack's category-only signals (no value pattern) that the header contains."""
    found: list[str] = []
    for signal in pack.column_signals:
        if signal.category and not signal.entity:
            found += _matches(header, (k.lower() for k in signal.zh), (tokens(k) for k in signal.en))
    return found


def _is_personal(column: ColumnVerdict, pack: Pack) -> bool:
    category = pack.category(column.category) if column.category else None
    return bool(category and category.personal)


def _depends_on_context(column: ColumnVerdict, pack: Pack, conf: _Settings) -> bool:
    """Personal only because of a place, a time or coordinates, with nothing that names a person."""
    if not _is_personal(column, pack):
        return False
    if any(hit.type not in conf.entities for hit in column.entities):
        return False
    if _matches(column.name, conf.personal_place_zh, conf.personal_place_en):
        return False  # home_address, 收货地址: a person's place, personal by itself
    keywords = _category_keywords(column.name, pack)
    context_words = set(_matches(column.name, conf.zh, conf.en))
    if any(k not in context_words for k in keywords):
        return False  # e.g. 轨迹 / trajectory: the header itself says it is about someone
    return bool(column.entities) or bool(keywords)


def relates_to_individuals(columns: list[ColumnVerdict], pack: Pack, declared: Iterable[str] = ()) -> bool:
    """Whether the table is about people: a declared personal category, a subject key, or a column that
    is personal by itself (not only through a place, a time or coordinates)."""
    conf = _Settings.of(pack)
    if conf is None:
        return True
    if any((c := pack.category(d)) is not None and c.personal for d in declared):
        return True
    for column in columns:
        if _matches(column.name, conf.subject_zh, conf.subject_en):
            return True
        if _is_personal(column, pack) and not _depends_on_context(column, pack, conf):
            return True
    return False


def apply_context(columns: list[ColumnVerdict], pack: Pack, declared: Iterable[str] = ()) -> list[str]:
    """Re-categorise context-dependent columns of a table that does not relate to individuals.

    Returns the names of the columns changed (their entities and evidence stay, so the report still
    shows what was found). A pack without ``settings.identifiability_context`` changes nothing.
    """
    conf = _Settings.of(pack)
    if conf is None or relates_to_individuals(columns, pack, declared):
        return []
    changed = []
    for column in columns:
        if _depends_on_context(column, pack, conf):
            column.category = conf.category
            changed.append(column.name)
    return changed
