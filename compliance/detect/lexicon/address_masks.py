"""``is_address`` for a whole column: one boolean per value, the same answers, few passes.

Why: ``--full`` scans check every distinct address of a column; one ``is_address`` call costs
5-20 microseconds, so 100,000 addresses took seconds. Here the rules of ``addresses.py`` run as
``pyarrow.compute`` kernels:

* Normalisation: ASCII and Han text is NFKC-stable; other rows go through ``utf8_normalize``
  when every character is one Python's Unicode database also knows (``_NFKC_SAFE_RANGES``: there
  the two agree, which a test checks); the rest, and ``str.strip`` (same set as
  ``utf8_trim_whitespace``), follow the scalar path.
* English: the four whole-value patterns of ``addresses.us_pattern_sources`` are plain regular
  expressions (no \\s, \\d or look-around), so RE2 decides them exactly on ASCII text. Non-ASCII
  text matches none of them unless it has an ASCII digit and no non-ASCII character but ’, İ, ı,
  ſ or K (Python's case-insensitive matching differs from RE2's on those); such rare values use
  ``is_address``.
* Chinese: the only sequential rule is the leading run of divisions (``_division_prefix_end``). Its
  end P lies in ``[0, H]``, H being the length of the leading run of Han characters; with P > 0 the
  value is an address iff some road, estate or number part starts at or after P and is followed by
  an acceptable tail (the tail rule is closed under suffixes, so "the tail after the furthest part"
  and "the tail after some part" agree), which can only get harder as P grows. So three RE2 tests
  bound the answer: P = 0, P = 1 and P = H. When they disagree (addresses without any number after
  a division run, e.g. ``四川省成都市武侯区人民南路四段``), ``is_address`` decides.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import addresses
from ._regex import HAN, HAN_RANGES, SPACE, alternation, re2_class, to_re2
from ._vector import as_strings, lengths, matches, replace_at, settle_with, take, to_numpy

_H = re2_class(HAN_RANGES)
_S = to_re2(SPACE)
#: text made of these is NFKC-stable: ASCII and the Han ranges
_STABLE = r"\x00-\x7f\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}"
#: blocks common in CJK and Latin data, minus code points unassigned in Unicode 14.0 (Python 3.11):
#: on these pyarrow's NFKC (utf8proc, newer Unicode) and ``unicodedata.normalize`` agree
_NFKC_SAFE_RANGES = (
    (0x0080, 0x0377), (0x037A, 0x037F), (0x0384, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1),
    (0x03A3, 0x052F), (0x2000, 0x2064), (0x2066, 0x2071), (0x2074, 0x208E), (0x2090, 0x209C),
    (0x20A0, 0x20C0), (0x20D0, 0x20F0), (0x2100, 0x218B), (0x2190, 0x2426), (0x2440, 0x244A),
    (0x2460, 0x2B73), (0x2B76, 0x2B95), (0x2B97, 0x2BFF), (0x2E80, 0x2E99), (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5), (0x3000, 0x303F), (0x3041, 0x3096), (0x3099, 0x30FF), (0x3105, 0x312F),
    (0x3131, 0x318E), (0x3190, 0x31E3), (0x31F0, 0x321E), (0x3220, 0x33FF), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0xFE10, 0xFE19), (0xFE20, 0xFE52), (0xFE54, 0xFE66), (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE),
)  # fmt: skip
_NFKC_SAFE = "^[" + _STABLE + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in _NFKC_SAFE_RANGES) + "]*$"


#: characters that may precede a road or estate word but are not Han (``CN_PART_AFTER`` minus ``HAN``)
_AFTER_NOT_HAN = ((0x4DC0, 0x4DFF), (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))


@cache
def _cn_regexes() -> dict[str, str]:
    """RE2 forms of the Chinese address parts (``_cn_patterns``), as existence tests on whole values.

    ``*_h`` look only at parts starting at or after H, the end of the leading Han run (``^H+``
    followed by a character outside ``H`` can only stop at H). ``number_h_clean`` also requires that
    no character marks a sentence, which saves the separate sentence test for most values.
    """
    words = addresses.cn_words
    place_words = f"(?:{alternation(words('road') | words('estate'))})"
    detail_words = f"(?:{alternation(words('detail'))})"
    number = f"{addresses.CN_NUMBER}{detail_words}"
    not_han_numerals = "".join(c for c in addresses.CN_NUMERALS if not re.fullmatch(HAN, c))
    number_at_h = (  # a number part whose first character is not Han
        f"(?:[0-9]{{1,6}}|[A-Za-z]|[{not_han_numerals}][{addresses.CN_NUMERALS}]{{0,3}})"
        f"{addresses.CN_NUMBER_TAIL}{detail_words}"
    )
    marks = re.escape(addresses.SENTENCE_CHARS)

    def variant(clean: bool) -> dict[str, str]:
        minus = addresses.SENTENCE_CHARS if clean else ""
        any_ = f"[^{marks}]" if clean else "."
        han = re2_class(HAN_RANGES, minus)
        not_han = f"[^{_H[1:-1]}{marks if clean else ''}]"
        place = f"{re2_class(addresses.CN_PART_AFTER_RANGES, minus)}{place_words}"
        tail = f"(?:{any_}{{0,2}}|{addresses.TAIL_CHARS}*|{any_}*(?:{alternation(addresses.TAIL_WORDS)}))$"
        after_h = f"(?s)^{han}+(?:"
        return {
            "place": place,
            "part_tail_0": f"(?s)^{any_}*(?:{place}|{number}){tail}",
            "part_tail_1": f"(?s)^(?:{any_}*{place}|{any_}+{number}){tail}",
            "number_h": f"{after_h}{number_at_h}|{not_han}{any_}*{number}){tail}",
            "place_h": f"{after_h}{re2_class(_AFTER_NOT_HAN)}{place_words}|{not_han}{any_}*{place}){tail}",
        }

    plain, clean = variant(False), variant(True)
    return {
        **plain,
        "number": number,
        "sentence": f"[{marks}]",
        "number_h_clean": clean["number_h"],
        "starts_han": f"^{_H}",
    }


def _chinese(text: pa.Array, odd_space: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(accepted, undecided) for stripped, normalised values with two or more Han characters.

    P, the end of the division run, is unknown here. P = 0 needs a place, a number and a part with
    an acceptable tail; P >= 1 needs a part at or after P with an acceptable tail: true for every P
    if true for P = H, false for every P if false for P = 1. ``odd_space``: whitespace other than
    U+0020 may occur (``text`` is cleaned with a literal replacement otherwise).
    """
    rx = _cn_regexes()
    live = lengths(text) >= 5
    text = pc.replace_substring(text, " ", "")  # "".join(text.split())
    odd = np.flatnonzero(odd_space)
    if len(odd):
        text = replace_at(text, odd, pc.binary_join(pc.utf8_split_whitespace(take(text, odd)), ""))
    lead = np.flatnonzero(to_numpy(pc.starts_with(text, "中")))
    if len(lead):
        trimmed = pc.replace_substring_regex(take(text, lead), "^(?:中华人民共和国|中国)", "", max_replacements=1)
        text = replace_at(text, lead, trimmed)
    accepted = np.zeros(len(text), dtype=bool)
    undecided = np.zeros(len(text), dtype=bool)

    def settle(rows: np.ndarray, at_start: np.ndarray) -> None:  # a part at or after H: P >= 1 is sure
        accepted[rows[at_start]] = True
        undecided[rows[~at_start]] = True

    index = np.flatnonzero(live)
    number_h = matches(take(text, index), rx["number_h_clean"])  # implies: no sentence
    settle(index[number_h], matches(take(text, index[number_h]), rx["place"]))
    rest = index[~number_h]
    rest = rest[~matches(take(text, rest), rx["sentence"])]
    place_h = matches(take(text, rest), rx["place_h"])
    settle(rest[place_h], matches(take(text, rest[place_h]), rx["number"]))
    rest = rest[~place_h]
    sub = take(text, rest)
    at_start = matches(sub, rx["place"]) & matches(sub, rx["number"]) & matches(sub, rx["part_tail_0"])
    no_run = ~matches(sub, rx["starts_han"])
    accepted[rest[no_run & at_start]] = True
    undecided[rest[~no_run & (at_start | matches(sub, rx["part_tail_1"]))]] = True
    return accepted, undecided


@cache
def _us_regexes() -> tuple[str, str]:
    sources = addresses.us_pattern_sources()
    capitalised = "|".join(f"(?:{to_re2(sources[name])})" for name in ("po_box", "military", "street"))
    return f"(?i)^(?:{capitalised})$", f"(?i)^(?:{to_re2(sources['street_any'])})$"


#: no US pattern can match these: besides ASCII, only ’ and the four letters that Python's
#: case-insensitive ``[a-z]`` also matches (İ ı ſ K) can occur
_NOT_US = "[^\\x00-\\x7f’\\x{130}\\x{131}\\x{17f}\\x{212a}]"
#: whitespace other than a lone space or a lone line feed
_ODD_SPACE = r"[\t\x0b\x0c\r\x1c-\x1f]|" + f"{_S}{_S}"


def _us_ascii(text: pa.Array) -> np.ndarray:
    """``_is_us_address`` after the scalar's newline and space clean-up, for stripped ASCII values."""
    odd = np.flatnonzero(matches(text, _ODD_SPACE))
    if len(odd):
        sub = pc.replace_substring_regex(take(text, odd), _S + r"*[\r\n]+" + _S + "*", ", ")
        sub = pc.binary_join(pc.utf8_split_whitespace(sub), " ")
    text = pc.replace_substring(text, "\n", ", ")  # exact where spaces and line feeds stand alone
    if len(odd):
        text = replace_at(text, odd, sub)
    capitalised, any_case = _us_regexes()
    out = matches(text, capitalised)
    lower = np.flatnonzero(~out & to_numpy(pc.ascii_is_lower(text)))
    out[lower] = matches(take(text, lower), any_case)
    return out


def _normalised(text: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """``unicodedata.normalize("NFKC", v).strip()`` where pyarrow agrees with Python.

    Returns the text, the non-ASCII rows, the rows with whitespace other than U+0020 (or characters
    NFKC may turn into whitespace) and the rows left to the scalar check (characters unknown to
    Python's Unicode database).
    """
    other = np.flatnonzero(~to_numpy(pc.string_is_ascii(text)))
    odd = np.zeros(len(text), dtype=bool)
    odd[other] = matches(take(text, other), f"[^{_STABLE}]|[\\t-\\r\\x1c-\\x1f]")
    changes = np.flatnonzero(odd)
    changes = changes[matches(take(text, changes), f"[^{_STABLE}]")]
    safe = matches(take(text, changes), _NFKC_SAFE)
    if safe.any():
        text = replace_at(text, changes[safe], pc.utf8_normalize(take(text, changes[safe]), "NFKC"))
    return pc.utf8_trim_whitespace(text), other, odd, changes[~safe]


def address_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``[is_address(v) for v in values]`` (None → False), computed column-wise."""
    values = as_strings(values)
    out = np.zeros(len(values), dtype=bool)
    size = lengths(values)
    rows = np.flatnonzero((size >= 1) & (size <= addresses.MAX_LEN))
    text, other, odd, unsafe = _normalised(take(values, rows))
    scalar = [unsafe]
    chinese = np.zeros(len(text), dtype=bool)
    chinese[other] = matches(take(text, other), f"(?s){_H}.*{_H}")  # two Han characters or more
    english = ~chinese
    chinese[unsafe] = english[unsafe] = False
    index = np.flatnonzero(chinese)
    accepted, undecided = _chinese(take(text, index), odd[index])
    out[rows[index[accepted]]] = True
    scalar.append(index[undecided])
    index = np.flatnonzero(english)
    ascii_ = np.ones(len(index), dtype=bool)
    was_other = np.flatnonzero(np.isin(index, other))  # NFKC may have made them ASCII
    ascii_[was_other] = to_numpy(pc.string_is_ascii(take(text, index[was_other])))
    out[rows[index[ascii_][_us_ascii(take(text, index[ascii_]))]]] = True
    # every US shape needs an ASCII digit and has no room for other non-ASCII characters
    rest = index[~ascii_]
    sub = take(text, rest)
    scalar.append(rest[matches(sub, "[0-9]") & ~matches(sub, _NOT_US)])
    settle_with(addresses.is_address, values, rows[np.sort(np.concatenate(scalar))], out)
    return out
