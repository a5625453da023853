"""Pseudonym columns: consistent tokens that stand in for an identifier (PIPL Art 73(3)).

A hash, HMAC or token of a resident ID is still linkable: whoever holds the key or the original list can
re-identify, and the same person always gets the same token. Data whose key column is such a token is
*de-identified, still personal*, never anonymised. A column is a pseudonym column when almost all of its
values have one shape and one length, the shape being a token (hex digest, base64, UUID, or a short
kept prefix followed by such a body), and its values are highly unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

#: share of non-null values that must have the token shape
SHAPE_SHARE = 0.95
#: distinct values / non-null values above which the tokens are per-person keys
UNIQUENESS = 0.5
#: fewer non-null values than this cannot show uniqueness
MIN_VALUES = 5

#: (kind, RE2 pattern), most specific first; every body is long enough that a word cannot match
SHAPES: tuple[tuple[str, str], ...] = (
    ("uuid", r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"),
    ("hex", r"^(?:[0-9a-f]{16,}|[0-9A-F]{16,})$"),
    # a kept prefix (region code, "tok"), one separator at the same place in every value, a token body
    ("prefixed-token", r"^[A-Za-z0-9]{1,12}[-_:.|](?:[0-9a-f]{8,}|[0-9A-F]{8,}|[A-Za-z0-9+/]{12,}={0,2})$"),
    ("base64", r"^[A-Za-z0-9+/]{16,}={0,2}$|^[A-Za-z0-9_-]{16,}={0,2}$"),
)

#: hex digest lengths and what usually makes them
HEX_LENGTHS = {
    16: "64-bit hash or token",
    32: "MD5",
    40: "SHA-1",
    56: "SHA-224",
    64: "SHA-256 or HMAC-SHA256",
    96: "SHA-384",
    128: "SHA-512",
}


@dataclass(frozen=True)
class Pseudonym:
    column: str
    kind: str  # uuid | hex | base64 | prefixed-token
    length: int
    uniqueness: float
    why: str

    def as_dict(self) -> dict:
        return {
            "column": self.column,
            "kind": self.kind,
            "length": self.length,
            "uniqueness": round(self.uniqueness, 4),
            "why": self.why,
        }


def _mixed(values: pa.Array) -> float:
    """Share of values with both a digit and a letter (a random token of 16+ characters nearly always has)."""
    digit = pc.match_substring_regex(values, r"[0-9]")
    letter = pc.match_substring_regex(values, r"[A-Za-z]")
    return pc.mean(pc.and_(digit, letter).cast(pa.int8())).as_py() or 0.0


def _fixed_separator(values: pa.Array) -> bool:
    where = pc.find_substring_regex(values, r"[-_:.|]")
    mode = pc.mode(where, 1)
    return bool(len(mode)) and mode[0]["count"].as_py() / len(values) >= SHAPE_SHARE


def pseudonym(name: str, column: pa.Array | pa.ChunkedArray) -> Pseudonym | None:
    """The column's pseudonym shape, or None when it is not a token column."""
    if isinstance(column, pa.ChunkedArray):
        column = column.unify_dictionaries() if pa.types.is_dictionary(column.type) else column
        column = column.combine_chunks()
    non_null = len(column) - column.null_count
    if pa.types.is_dictionary(column.type):  # shapes from the distinct values, uniqueness from the dictionary
        values = pc.drop_null(pc.unique(column.indices)).cast(pa.int32())
        column = column.dictionary.take(values)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        return None
    values = pc.drop_null(column)
    if non_null < MIN_VALUES:
        return None
    lengths = pc.utf8_length(values)
    mode = pc.mode(lengths, 1)
    length, at_mode = mode[0]["mode"].as_py(), mode[0]["count"].as_py()
    if at_mode / len(values) < SHAPE_SHARE or length < 16:
        return None
    distinct = pc.count_distinct(values).as_py()
    uniqueness = distinct / non_null
    if uniqueness < UNIQUENESS:
        return None
    for kind, pattern in SHAPES:
        share = pc.mean(pc.match_substring_regex(values, pattern).cast(pa.int8())).as_py()
        if share < SHAPE_SHARE:
            continue
        if kind in ("base64", "prefixed-token") and _mixed(values) < 0.9:
            continue
        if kind == "prefixed-token" and not _fixed_separator(values):
            continue  # url-safe base64 has '-' and '_' anywhere
        return Pseudonym(name, kind, length, uniqueness, _why(kind, length, uniqueness))
    return None


def _why(kind: str, length: int, uniqueness: float) -> str:
    made = (
        HEX_LENGTHS.get(length, "hash or token")
        if kind == "hex"
        else {"uuid": "UUID token", "base64": "base64 digest or token", "prefixed-token": "token keeping a prefix"}[
            kind
        ]
    )
    return (
        f"{length}-character {kind} values ({made}), {uniqueness:.0%} distinct: a consistent pseudonym "
        "of an identifier; the data is de-identified, still personal (PIPL Art 73(3))"
    )


def pseudonym_columns(table: pa.Table) -> list[Pseudonym]:
    found = []
    for name in table.column_names:
        hit = pseudonym(name, table.column(name))
        if hit is not None:
            found.append(hit)
    return found
