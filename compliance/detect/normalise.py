"""Turn the distinct cell values of a column into what the detectors judge, and set placeholders aside.

Real exports spell the same value in many forms; detection looks at one form:

* **NFKC** for every non-ASCII value: full-width digits and punctuation (``１３８１２３４５６７８``,
  ``Ｎ／Ａ``) become ASCII, ideographic spaces become spaces.
* **Numbers spelled as floats** (Excel, pandas: ``1.3812345678e+10``, ``13812345678.0``) become their
  integer digit string when they are integral and their magnitude is below 2**53. Above that a float
  no longer holds every integer, so ``1.1010219491231002e+17`` (an 18-digit ID stored as a float) has
  lost its last digits and cannot be recovered: it stays as it is and validates as nothing.
* **Lists and maps** held in one cell (a Parquet ``list<string>`` / ``map``, a JSON array, which the
  readers turn into JSON text): every scalar leaf is a value of the column, counted with the cell's
  count (``["13812345678", "13912345678"]`` is two mobile numbers).
* **Placeholders** (``PLACEHOLDERS``: ``N/A``, ``-``, ``无``, ``未提供``, ``0`` ...) are not values: they
  are counted apart and never dilute a column's share (a ``身份证号`` column of valid IDs with
  ``未提供`` in most rows holds resident IDs).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .vectorised import _offsets_and_data

#: cell values that say "no value"; compared after trimming and NFKC, ASCII letters in any case
PLACEHOLDERS = (
    # empty-looking punctuation
    "-",
    "--",
    "---",
    "—",
    "——",
    "/",
    "//",
    ".",
    "?",
    "*",
    "#",
    "0",
    "00",
    "000",
    # English
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "none",
    "null",
    "nil",
    "nan",
    "unknown",
    "undefined",
    "missing",
    "empty",
    "tbd",
    "not provided",
    "not available",
    "#n/a",
    "(null)",
    "<null>",
    # Chinese
    "无",
    "暂无",
    "没有",
    "空",
    "未知",
    "不详",
    "未提供",
    "未填",
    "未填写",
    "待定",
    "待补充",
    "保密",
    "缺失",
)
#: the spellings float writers use: ``13812345678.0`` (pandas) and ``1.3812345678e+10`` (repr, Excel, numpy)
_NUMBER_AS_FLOAT = r"^[+-]?[0-9]+(?:\.0+|(?:\.[0-9]+)?[eE]\+[0-9]+)$"
#: what every float spelling or JSON cell holds: one cheap pass finds the few values to look at closely
_MARKS = r"\.0|[eE]\+|^[\[{]"
_ODD = r"(?s:^[\[{].*[\]}]$)|" + _NUMBER_AS_FLOAT
MAX_EXACT_FLOAT = 2**53
_LONGEST_PLACEHOLDER = max(len(word.encode()) for word in PLACEHOLDERS)  # UTF-8 bytes
#: a cell that may hold a JSON array or object (only such cells are parsed)
_FLOAT = re.compile(_NUMBER_AS_FLOAT)
_NESTED_PY = re.compile(r"[\[{].*[\]}]", re.DOTALL)
MAX_LEAVES = 1000  # leaves taken from one cell


@cache
def placeholder_set() -> pa.Array:
    """Every placeholder in lower, upper and title case (``null``, ``NULL``, ``Null``)."""
    spelled = {form for word in PLACEHOLDERS for form in (word, word.upper(), word.title())}
    return pa.array(sorted(spelled), pa.string())


def is_placeholder(value: str) -> bool:
    """The scalar reference of :func:`placeholder_mask` over :func:`normalise`'s output (``０``, ``0.0`` are ``0``)."""
    text = _scalar(value.strip())
    return text.lower() in PLACEHOLDERS and text in {text.lower(), text.upper(), text.title()}


@cache
def _longest_spelling() -> int:
    return max(len(word.encode()) for word in placeholder_set().to_pylist())  # UTF-8 bytes


def placeholder_mask(values: pa.Array) -> np.ndarray:
    """Which (trimmed, normalised) values are placeholders (only values as short as one are looked up)."""
    short = pc.fill_null(pc.less_equal(pc.binary_length(values), _longest_spelling()), False)
    index = np.flatnonzero(short.to_numpy(zero_copy_only=False))
    found = np.zeros(len(values), dtype=bool)
    if len(index):
        subset = values.take(pa.array(index)) if len(index) < len(values) else values
        found[index] = pc.fill_null(pc.is_in(subset, value_set=placeholder_set()), False).to_numpy(zero_copy_only=False)
    return found


def integral_text(text: str) -> str | None:
    """``1.3812345678e+10`` / ``13812345678.0`` → ``13812345678``; ``None`` if not an exact integer."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or abs(number) >= MAX_EXACT_FLOAT:
        return None
    return str(int(number))


def nfkc(text: str) -> str:
    """NFKC as the column-wise path computes it (Arrow's utf8proc, so both agree on every character)."""
    return pc.utf8_trim_whitespace(pc.utf8_normalize(pa.array([text], pa.string()), form="NFKC"))[0].as_py()


def leaves(text: str) -> list[str] | None:
    """The scalar leaves of a JSON array or object, as text; ``None`` when ``text`` is not one."""
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(parsed, list | dict):
        return None
    out: list[str] = []
    stack = [parsed]
    while stack and len(out) < MAX_LEAVES:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif node is None:
            continue
        elif isinstance(node, bool):
            out.append("true" if node else "false")
        elif isinstance(node, float) and node.is_integer() and abs(node) < MAX_EXACT_FLOAT:
            out.append(str(int(node)))
        else:
            text = str(node).strip()
            if text:
                out.append(text)
    return out


def _scalar(text: str) -> str:
    if not text.isascii():
        text = nfkc(text)
    if _FLOAT.fullmatch(text):
        whole = integral_text(text)
        if whole is not None:
            return whole
    return text


def normalise_value(text: str) -> list[str]:
    """The scalar reference of :func:`normalise`: one trimmed, non-empty cell → its values."""
    text = _scalar(text)
    if _NESTED_PY.fullmatch(text):
        found = leaves(text)
        if found is not None:
            return [v for v in map(_scalar, found) if v]
    return [text] if text else []


def _bools(array: pa.Array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _han_and_ascii(values: pa.Array) -> np.ndarray:
    """Values NFKC and trimming leave as they are, told from their UTF-8 bytes: only ASCII and
    U+4000-U+9FFF (lead bytes E4-E9: CJK ideographs and hexagrams, no decomposition, combining class
    0), neither end a space or control. Chinese names, addresses and remarks skip Arrow's NFKC.
    Only the few other lead bytes are located (no pass that sums over every byte)."""
    offsets, data = _offsets_and_data(values)
    if not len(data):
        return np.zeros(len(values), dtype=bool)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    first = data[np.where(filled, starts, 0)]
    last = data[np.where(filled, ends - 1, 0)]
    out = filled & (first > 0x20) & (last > 0x20)
    held = data[offsets[0] : offsets[-1]]  # a sliced array's buffer holds other values' bytes too
    other = np.flatnonzero((held >= 0xC0) & ((held < 0xE4) | (held > 0xE9))) + offsets[0]
    if len(other):  # the values holding another lead byte: the last one starting at or before it
        out[np.searchsorted(starts, other, side="right") - 1] = False
    return out


def normalise(values: pa.Array, counts: np.ndarray) -> tuple[pa.Array, np.ndarray]:
    """Distinct trimmed non-empty values and their counts → the values detection judges, with counts.

    NFKC runs column-wise over the non-ASCII values; only float-spelled numbers and JSON arrays or
    objects take the Python route. The result may hold repeats and empty strings (a cell of only
    full-width spaces), which the tally treats like any other value or drops.
    """
    if len(values) == 0:
        return values, counts
    other = np.flatnonzero(~_bools(pc.string_is_ascii(values)))  # ASCII is its own NFKC form
    if len(other):
        other = other[~_han_and_ascii(values.take(pa.array(other)))]
    if len(other):  # NFKC of the non-ASCII values; the array is rebuilt only when one changes
        subset = values.take(pa.array(other))
        folded = pc.utf8_trim_whitespace(pc.utf8_normalize(subset, form="NFKC"))
        changed = _bools(pc.not_equal(folded, subset))
        if changed.any():
            keep = np.ones(len(values), dtype=bool)
            keep[other[changed]] = False
            index = np.concatenate([np.flatnonzero(keep), other[changed]])
            values = pa.concat_arrays([values.filter(pa.array(keep)), folded.filter(pa.array(changed))])
            counts = counts[index]
    marked = _marked(values)
    if not marked.any():
        return values, counts
    index, subset = np.flatnonzero(marked), values.filter(pa.array(marked))
    odd = np.zeros(len(values), dtype=bool)
    odd[index] = _bools(pc.match_substring_regex(subset, _ODD))
    if not odd.any():
        return values, counts
    index = np.flatnonzero(odd)
    fixed: list[str] = []
    weights: list[int] = []
    for i, text in zip(index.tolist(), values.take(pa.array(index)).to_pylist(), strict=True):
        for value in normalise_value(text):
            fixed.append(value)
            weights.append(int(counts[i]))
    keep = np.flatnonzero(~odd)
    out_values = pa.concat_arrays([values.take(pa.array(keep)), pa.array(fixed, pa.string())])
    out_counts = np.concatenate([counts[keep], np.array(weights, dtype=counts.dtype)])
    return out_values, out_counts


def _literal(word: str) -> str:
    return "".join("\\" + ch if ch in "\\.^$|?*+()[]{}" else ch for ch in word)


@cache
def _attention_pattern() -> str:
    """The ASCII values :func:`prepare` must look at: a float spelling or JSON cell (``_MARKS``), or a
    placeholder spelling in any case. The plain definition :func:`_attention` computes from the
    bytes (tests/detection/test_normalise_fast_paths.py)."""
    words = "|".join(_literal(word) for word in PLACEHOLDERS)
    return f"{_MARKS}|^(?i:{words})$"


def _marked(values: pa.Array) -> np.ndarray:
    """Which values ``_MARKS`` matches (a ``.0`` or ``e+``/``E+`` pair inside, a leading ``[`` or ``{``),
    found from the UTF-8 bytes instead of a regex pass: ASCII bytes never occur inside another
    character's encoding, so a byte pair is the pattern's match. Nulls: no."""
    marked = np.zeros(len(values), dtype=bool)
    offsets, data = _offsets_and_data(values)
    if not len(data):  # only empty strings and nulls
        return marked
    low, high = int(offsets[0]), int(offsets[-1])
    held = data[low:high]  # a sliced array's buffer holds other values' bytes too
    if len(held) > 1:
        this, after = held[:-1], held[1:]
        pairs = np.flatnonzero(((this == 0x2E) & (after == 0x30)) | (((this | 0x20) == 0x65) & (after == 0x2B))) + low
        if len(pairs):
            owner = np.searchsorted(offsets[:-1], pairs, side="right") - 1
            marked[owner[pairs + 1 < offsets[owner + 1]]] = True  # both bytes in one value
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    first = data[np.where(filled, starts, 0)]
    marked |= filled & ((first == 0x5B) | (first == 0x7B))
    return marked


def _attention(values: pa.Array) -> np.ndarray:
    """The values :func:`prepare` must look at: every non-ASCII value (NFKC may change it) and the
    ASCII ones ``_attention_pattern`` matches, found without a regex pass (this runs over every
    distinct value of every column): :func:`_marked`, or a short value that is a placeholder in
    lower case. Nulls: none."""
    look = _bools(pc.invert(pc.string_is_ascii(values)))
    if look.all():
        return look
    look |= _marked(values)
    offsets = _offsets_and_data(values)[0]
    short = np.flatnonzero(~look & (offsets[1:] - offsets[:-1] <= _LONGEST_PLACEHOLDER))
    if len(short):
        lowered = pc.ascii_lower(values.take(pa.array(short)))
        look[short[_bools(pc.is_in(lowered, value_set=_lower_placeholders()))]] = True
    return look


@cache
def _lower_placeholders() -> pa.Array:
    return pa.array(sorted({word.lower() for word in PLACEHOLDERS}), pa.string())


def prepare(values: pa.Array, counts: np.ndarray) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """:func:`normalise` plus which of the returned values are placeholders (empty results dropped).

    The tally's entry point. ASCII values the single ``_attention`` pass does not match are their own
    normal form and no placeholder, so only the matched few are normalised (most columns: none).
    """
    if not len(values):
        return values, counts, np.zeros(0, dtype=bool)
    look = _attention(values)
    if not look.any():
        return values, counts, look
    index = np.flatnonzero(look)
    subset, weights = normalise(values.take(pa.array(index)), counts[index])
    filled = _bools(pc.greater(pc.binary_length(subset), 0))
    subset, weights = subset.filter(pa.array(filled)), weights[filled]
    rest = np.flatnonzero(~look)
    out_values = pa.concat_arrays([values.take(pa.array(rest)), subset]) if len(rest) else subset
    placeholder = np.zeros(len(out_values), dtype=bool)
    placeholder[len(rest) :] = placeholder_mask(subset)
    return out_values, np.concatenate([counts[rest], weights]), placeholder
