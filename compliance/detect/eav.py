"""Entity-attribute-value tables: a ``value`` column whose meaning is given row by row by a ``key`` column.

``(user_id, key, value)`` rows such as ``(7, bank_card, 6222…)``, ``(7, 手机, 138…)`` hold personal data
in one ``value`` column, but no entity fills that column: bank cards, mobiles and e-mails share it.
So the rows are grouped by their label and each group is tallied like a column of its own, with the
label as its header (``bank_card`` is a header signal for the rows it labels). The entities found in
the groups are reported on the ``value`` column; the labels themselves are data and never appear in a
report (the groups' names are internal).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from .verdict import ColumnVerdict

#: headers of the column that names the attribute, and of the column holding its value (whole header,
#: case-insensitive, separators ignored)
KEY_HEADERS = frozenset(
    "key attr attribute attributename attrname field fieldname property propertyname propname name item "
    "itemname param parameter paramname metakey "
    "属性 属性名 属性名称 字段 字段名 字段名称 键 键名 项目 参数 参数名".split()
)
VALUE_HEADERS = frozenset(
    "value val attrvalue attributevalue fieldvalue propertyvalue propvalue itemvalue paramvalue metavalue "
    "值 属性值 字段值 键值 参数值 取值".split()
)
#: labels tallied per batch (the most frequent ones); real EAV tables have tens of attributes
MAX_LABELS = 64
MAX_LABEL_CHARS = 64
_SEPARATOR = "\x1f"  # never in a header: the group names cannot collide with real columns


def _plain(header: str) -> str:
    return re.sub(r"[\s_\-.:/]+", "", header.strip().lower())


def eav_pair(columns: list[str]) -> tuple[str, str] | None:
    """(key column, value column) when the table has exactly one of each, else ``None``."""
    keys = [c for c in columns if _plain(c) in KEY_HEADERS]
    values = [c for c in columns if _plain(c) in VALUE_HEADERS]
    if len(keys) == 1 and len(values) == 1:
        return keys[0], values[0]
    return None


def group_name(value_column: str, label: str) -> str:
    return f"{value_column}{_SEPARATOR}{label}"


def split_group(name: str) -> tuple[str, str] | None:
    """(value column, label) of a group name, ``None`` for a real column."""
    if _SEPARATOR not in name:
        return None
    column, _, label = name.partition(_SEPARATOR)
    return column, label


def groups(data: pa.Table, pair: tuple[str, str]) -> list[tuple[str, pa.Array]]:
    """(group name, the value column's cells in rows with that label) for the most frequent labels."""
    key_column, value_column = pair
    keys = data.column(key_column).combine_chunks()
    values = data.column(value_column).combine_chunks()
    if keys.type != pa.string():
        keys = keys.cast(pa.string())
    keys = pc.utf8_trim_whitespace(keys)
    counted = pc.value_counts(keys)
    labels = counted.field("values").to_pylist()
    counts = counted.field("counts").to_pylist()
    ranked = sorted(
        (c, label) for label, c in zip(labels, counts, strict=True) if label and len(label) <= MAX_LABEL_CHARS
    )
    out = []
    for _, label in sorted(ranked, key=lambda p: -p[0])[:MAX_LABELS]:
        rows = pc.fill_null(pc.equal(keys, label), False)
        out.append((group_name(value_column, label), values.filter(rows)))
    return out


def merge(verdicts: dict[str, ColumnVerdict], group_verdicts: dict[str, ColumnVerdict]) -> None:
    """Add the entities found in the groups to their value column (most values first), with evidence."""
    by_column: dict[str, list[ColumnVerdict]] = {}
    for name, verdict in group_verdicts.items():
        split = split_group(name)
        if split and split[0] in verdicts and verdict.entities:
            by_column.setdefault(split[0], []).append(verdict)
    for column, found in by_column.items():
        target = verdicts[column]
        known = {hit.type for hit in target.entities}
        hits = sorted(
            ((hit, v) for v in found for hit in v.entities if not hit.sporadic), key=lambda p: (-p[0].count, p[0].type)
        )
        for hit, verdict in hits:
            if hit.type in known:
                continue
            known.add(hit.type)
            target.entities.append(hit)
            target.evidence.extend(e for e in verdict.evidence if e not in target.evidence)
        target.evidence = target.evidence[:3]
