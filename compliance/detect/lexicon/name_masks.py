"""``is_chinese_name`` and ``is_latin_name`` for a whole column: one boolean per value, same answers.

Why: the ``--full`` scan meets columns with 100,000 distinct names; checking them one by one in
Python costs seconds. These masks apply the rules of ``names.py`` with ``pyarrow.compute``
(RE2 shape tests, code-point slices, ``is_in`` against the word lists) and numpy, in a few dozen
passes over the column.

* Chinese: every rule vectorises exactly. The value is trimmed (``utf8_trim_whitespace`` trims the
  same characters as ``str.strip``), its shape is one RE2 test (2-4 Han characters, optionally
  ``王　芳``-style padded, or dotted parts), and the list look-ups (surnames, words, places,
  endings) run on code points packed into integers (``_han.py``).
* Latin: values in ASCII are decided token by token (tokens flattened with their row, reduced
  with ``numpy.bincount``); non-Latin scripts are rejected on one RE2 test. Values with accented
  letters go to ``is_latin_name`` itself, because their census key needs Unicode NFKD, upper-casing
  and ``str.isalpha`` semantics that ``pyarrow`` does not share exactly.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import _han, names, romanised, world
from ._regex import HAN, SPACE, alternation, to_re2
from ._vector import (
    Tokens,
    as_strings,
    contains,
    join_ranges,
    lengths,
    matches,
    member,
    replace_at,
    row_any,
    settle_with,
    take,
    to_numpy,
)

_H = to_re2(HAN)
_S = to_re2(SPACE)
#: 2-4 Han characters
_CN_SOLID = f"^{_H}{{2,4}}$"
#: a one- or two-character surname and the given name apart, 2-4 Han characters in all: "王　芳"
_CN_SPACED = f"^(?:{_H}{_S}+{_H}{{1,3}}|{_H}{{2}}{_S}+{_H}{{1,2}})$"
#: 2-4 parts of 1-10 Han characters joined by middle dots: "买买提·艾力"
_CN_DOTTED = f"^{_H}{{1,10}}(?:{_S}*{names.DOTS}{_S}*{_H}{{1,10}}){{1,3}}$"


def _ends_like_non_name(text: pa.Array) -> np.ndarray:
    return matches(text, f"(?:{alternation(names.cn_nonname_endings())})$")


@cache
def _simplified_table() -> np.ndarray:
    """Code point → code point of its simplified form (``names.traditional_map``), identity elsewhere."""
    table = np.arange(0x10000, dtype=np.uint64)
    for code, simple in names.traditional_map().items():
        if code < 0x10000 and ord(simple) < 0x10000:
            table[code] = ord(simple)
    return table


@cache
def _traditional_class() -> str:
    """An RE2 class of the characters that ``names.simplified`` changes."""
    codes = sorted(names.traditional_map())
    ranges, start = [], codes[0]
    for prev, cur in zip(codes, [*codes[1:], None], strict=True):
        if cur != prev + 1:
            ranges.append(f"\\x{{{start:x}}}-\\x{{{prev:x}}}" if prev > start else f"\\x{{{start:x}}}")
            start = cur
    return "[" + "".join(ranges) + "]"


def _chinese_plain(text: pa.Array) -> np.ndarray:
    """``is_chinese_name`` for 2-4 Han characters (already joined if padded), as in ``surname_of``."""
    points = _simplified_table()[_han.code_points(text).astype(np.intp)]
    size = (points > 0).sum(axis=1)
    whole, first_two = _han.pack(points), _han.pack(points[:, :2])
    single = _han.char_table(names.cn_single())
    compound = (size >= 3) & _han.contained(first_two, names.cn_compound())
    single_ok = ~compound & single[points[:, 0]] & ~_han.contained(whole, names.cn_compound())
    single_ok &= (size != 4) | single[points[:, 1]]
    # no function character in the given name (after the two- or one-character surname)
    function = _han.char_table(frozenset(names.FUNCTION_CHARS))[points]
    given_ok = ~(function[:, 2] | function[:, 3]) & (compound | ~function[:, 1])
    word = _han.contained(whole, names.cn_not_names())
    for k in range(1, _han.WIDTH + 1):  # ends like an organisation, place, job or product
        word |= _han.contained(_han.pack(_han.suffix(points, size, k)), names.cn_nonname_endings())
    return ~word & (compound | single_ok) & given_ok


def _chinese_dotted(text: pa.Array) -> np.ndarray:
    """``_is_dotted_name``: at most 20 Han characters, the last part not a word, place or non-name."""
    han = pc.fill_null(pc.count_substring_regex(text, _H), 0).to_numpy(zero_copy_only=False)
    last = pc.replace_substring_regex(text, f"(?s)^.*{names.DOTS}{_S}*", "")
    word = member(last, names.cn_not_names()) | _ends_like_non_name(last)
    return (han <= 20) & ~word


def chinese_name_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``[is_chinese_name(v) for v in values]`` (None → False), computed column-wise."""
    values = as_strings(values)
    out = np.zeros(len(values), dtype=bool)
    text = pc.utf8_trim_whitespace(values)  # the same characters as str.strip()
    size = lengths(text)
    rows = np.flatnonzero((size >= 2) & (size <= names.MAX_LEN))
    text = take(text, rows)
    # a form of address at the end (张伟先生, 陳先生): the scalar check, as for dotted traditional names
    dots = matches(text, names.DOTS)
    scalar = np.flatnonzero(matches(text, f"[{names.HONORIFIC_ENDINGS}]$") & ~dots)
    dotted = np.flatnonzero(dots)
    dotted_traditional = dotted[matches(take(text, dotted), _traditional_class())]
    scalar = np.union1d(scalar, dotted_traditional)
    found = np.zeros(len(rows), dtype=bool)
    settle_with(names.is_chinese_name, text, scalar, found)
    out[rows[found]] = True
    keep = np.ones(len(rows), dtype=bool)
    keep[scalar] = False
    rows = rows[keep]
    text = take(text, np.flatnonzero(keep))
    plain = matches(text, _CN_SOLID)
    rest = np.flatnonzero(~plain)
    spaced = rest[matches(take(text, rest), _CN_SPACED)]
    if len(spaced):
        text = replace_at(text, spaced, pc.replace_substring_regex(take(text, spaced), f"{_S}+", ""))
        plain[spaced] = True
    index = np.flatnonzero(plain)
    out[rows[index[_chinese_plain(take(text, index))]]] = True
    rest = np.flatnonzero(~plain)
    dotted = rest[matches(take(text, rest), _CN_DOTTED)]
    out[rows[dotted[_chinese_dotted(take(text, dotted))]]] = True
    return out


# --- Latin script -------------------------------------------------------------------------------

# ASCII spellings of names._is_word: hyphen-separated parts, each a capital then letters and
# apostrophes; outside all-capitals values a part of two letters or more needs a lower-case letter
_PART_ANY = r"[A-Z]['A-Za-z]*"
_PART_MIXED = r"(?:[A-Z]'*|[A-Z]['A-Za-z]*[a-z]['A-Za-z]*)"
_WORD_UPPER = f"^{_PART_ANY}(?:-{_PART_ANY})*$"
_WORD_MIXED = f"^{_PART_MIXED}(?:-{_PART_MIXED})*$"
#: every string ``names.INITIAL`` matches in full: "A", "A." ... "Z."
_INITIALS = frozenset(c + dot for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for dot in ("", "."))


def _key(tokens: pa.Array) -> pa.Array:
    """``names._key`` for ASCII tokens: trailing dots and commas, then apostrophes dropped; upper case."""
    return pc.ascii_upper(pc.replace_substring(pc.replace_substring_regex(tokens, r"[.,]+$", ""), "'", ""))


def _given_key(keys: pa.Array) -> np.ndarray:
    """``key in given or key.split("-")[0] in given`` (Mary-Jane)."""
    found = member(keys, names.en_given())
    hyphen = np.flatnonzero(~found & contains(keys, "-"))
    found[hyphen] = member(pc.replace_substring_regex(take(keys, hyphen), "-.*$", ""), names.en_given())
    return found


def _surname_key(keys: pa.Array) -> np.ndarray:
    """``names._is_surname`` on census keys: a street-type word must be a common surname."""
    street = member(keys, names.en_street_types())
    found = member(keys, names.en_surnames())
    hyphen = np.flatnonzero(~street & ~found & contains(keys, "-"))
    if len(hyphen):  # Smith-Jones: any part a surname
        parts = Tokens.split(pc.replace_substring(take(keys, hyphen), "-", " "))
        found[hyphen] = row_any(member(parts.flat, names.en_surnames()), parts.parent, len(hyphen))
    return np.where(street, member(keys, names.en_common_surnames()), found)


def _word_facts(words: pa.Array) -> dict[str, np.ndarray]:
    """Everything the Latin rules ask about one ASCII token, each as a boolean array."""
    keys = _key(words)
    return {
        "prefix": member(keys, names.PREFIXES),
        "suffix": member(keys, names.SUFFIXES),
        "stop": member(keys, names.en_stop_words()),
        "given": _given_key(keys),
        "surname": _surname_key(keys),
        "comma": contains(words, ","),
        "particle": member(words, names.PARTICLES),
        "initial": member(words, _INITIALS),
        "word_mixed": matches(words, _WORD_MIXED),
        "word_upper": matches(words, _WORD_UPPER),
        "lower": matches(words, "[a-z]"),
    }


#: the facts needed for every token (the others only for the first and last of a row)
_PER_TOKEN = ("stop", "comma", "particle", "initial", "word_mixed", "word_upper", "lower")


def _used(codes: np.ndarray, size: int) -> np.ndarray:
    """The distinct values of ``codes`` (all below ``size``), sorted."""
    seen = np.zeros(size, dtype=bool)
    seen[codes] = True
    return np.flatnonzero(seen)


def _patch(facts: dict[str, np.ndarray], index: np.ndarray, words: pa.Array) -> None:
    """Facts of the tokens at ``index`` recomputed for ``words`` (their comma-stripped form)."""
    new = _word_facts(words)
    for name in ("comma", "particle", "initial", "word_mixed", "word_upper"):
        facts[name][index] = new[name]


def _latin_ascii(tokens: Tokens, codes: np.ndarray, vocab: pa.Array, rows: np.ndarray) -> np.ndarray:
    """``is_latin_name`` for the ``rows`` made of ASCII tokens (the first starts with a letter, the
    value is 3-64 characters long), as a boolean array over all rows."""
    n_rows = len(tokens.count)
    selected = np.zeros(n_rows, dtype=bool)
    selected[rows] = True
    used = _used(codes[selected[tokens.parent]], len(vocab))
    by_word = {}
    for name, values in _word_facts(take(vocab, used)).items():
        by_word[name] = np.zeros(len(vocab), dtype=bool)
        by_word[name][used] = values
    facts = {name: by_word[name][codes] for name in _PER_TOKEN}
    parent, first, last, count = tokens.parent, tokens.start, tokens.last, tokens.count
    first, last = np.minimum(first, len(codes) - 1), np.minimum(last, len(codes) - 1)
    upper_case = ~row_any(facts["lower"], parent, n_rows)
    # names._strip_affixes: drop a title, then a suffix (and the commas before it)
    prefix = (count > 2) & by_word["prefix"][codes[first]]
    suffix = (count - prefix > 2) & by_word["suffix"][codes[last]]
    u_first, u_last = first + prefix, last - suffix
    stripped = np.flatnonzero(suffix & selected)
    new_last = pc.replace_substring_regex(take(tokens.flat, u_last[stripped]), ",+$", "")
    if len(stripped):
        _patch(facts, u_last[stripped], new_last)
    position = np.arange(len(codes))
    inside = (position >= u_first[parent]) & (position <= u_last[parent])
    stop = row_any(inside & facts["stop"], parent, n_rows)
    comma = row_any(inside & facts["comma"], parent, n_rows)
    size = u_last - u_first + 1
    # plain order: given name, then words, initials or particles, then a surname
    word = np.where(upper_case[parent], facts["word_upper"], facts["word_mixed"])
    filler = facts["particle"] | facts["initial"] | word
    middle_bad = row_any(inside & (position > u_first[parent]) & ~filler, parent, n_rows)
    ok = selected & ~stop & ~comma & (size >= 2) & (size <= 4) & ~middle_bad
    ok &= word[u_first] & by_word["given"][codes[u_first]]
    ok &= ~facts["particle"][u_last] & ~facts["initial"][u_last] & by_word["surname"][codes[u_last]]
    inverted = np.flatnonzero(selected & ~stop & comma)
    if len(inverted):
        words = tokens.flat
        patched = np.flatnonzero(suffix[inverted])
        if len(patched):  # only these rows' tokens need their comma-stripped last word
            keep = np.isin(stripped, inverted[patched])
            words = replace_at(words, u_last[stripped[keep]], take(new_last, np.flatnonzero(keep)))
        joined = join_ranges(words, u_first[inverted], u_last[inverted])
        ok[inverted] = _latin_inverted(joined, upper_case[inverted])
    return ok


def _latin_inverted(text: pa.Array, upper_case: np.ndarray) -> np.ndarray:
    """``names._is_inverted_name``: ``Surname, Given [Middle]``, exactly one comma."""
    left = pc.replace_substring_regex(text, "(?s),.*$", "")
    right = pc.replace_substring_regex(text, "^[^,]*,", "")
    family, given = Tokens.split(left), Tokens.split(right)
    ok = ~contains(right, ",") & (family.count >= 1) & (family.count <= 2) & (given.count >= 1) & (given.count <= 2)
    spaced = pc.utf8_upper(pc.utf8_trim_whitespace(pc.replace_substring_regex(right, f"{_S}+", " ")))
    ok &= ~member(spaced, world.places())  # Paris, France
    rows = len(text)
    fam = _word_facts(family.flat)
    fam_word = np.where(upper_case[family.parent], fam["word_upper"], fam["word_mixed"]) | fam["particle"]
    ok &= ~row_any(~fam_word & (lengths(family.flat) > 0), family.parent, rows)
    ok &= fam["surname"][np.minimum(family.last, len(family.flat) - 1)]
    giv = _word_facts(given.flat)
    giv_word = np.where(upper_case[given.parent], giv["word_upper"], giv["word_mixed"])
    head = np.minimum(given.start, len(given.flat) - 1)
    initial_only = (family.count == 1) & (given.count == 1) & giv["initial"][head]  # Allard, K
    ok &= (giv_word[head] & giv["given"][head]) | initial_only
    filler = giv_word | giv["particle"] | giv["initial"]
    second = np.flatnonzero(ok & (given.count == 2))
    ok[second] = filler[given.start[second] + 1]
    return ok


#: ``names.NOT_LATIN`` before whitespace is normalised: any ``str.isspace`` character is allowed too
_NOT_LATIN_RAW = to_re2(names.NOT_LATIN[:-1] + SPACE[1:])


def _latin_candidates(values: pa.Array) -> np.ndarray:
    """Rows that may hold a Latin name: the first character is an ASCII letter, or is not ASCII
    and the value has nothing but Latin letters, ASCII and whitespace (a cheap first cut)."""
    first = pc.utf8_slice_codeunits(pc.utf8_trim_whitespace(values), 0, 1)
    letter = to_numpy(pc.ascii_is_alpha(first))
    other = np.flatnonzero(~to_numpy(pc.fill_null(pc.string_is_ascii(first), True)))
    letter[other] = ~matches(take(values, other), _NOT_LATIN_RAW)
    return np.flatnonzero(letter)


def latin_name_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``[is_latin_name(v) for v in values]`` (None → False), computed column-wise."""
    values = as_strings(values)
    out = np.zeros(len(values), dtype=bool)
    rows = _latin_candidates(values)
    values = take(values, rows)
    n_rows = len(values)
    tokens = Tokens.split(values)
    codes, vocab = tokens.vocabulary()
    if not len(codes):
        return out
    parent, count = tokens.parent, tokens.count
    v_first = pc.utf8_slice_codeunits(vocab, 0, 1)
    v_ascii = to_numpy(pc.string_is_ascii(vocab))
    # the joined value: " ".join(value.split()), at most 64 characters, starting with a letter
    size = np.bincount(parent, weights=lengths(vocab)[codes], minlength=n_rows) + np.maximum(count - 1, 0)
    live = (count >= 1) & (size >= 3) & (size <= names.MAX_LEN)
    live &= (count >= 2) | row_any(contains(vocab, ",")[codes], parent, n_rows)  # one word: never a name
    first_code = codes[np.minimum(tokens.start, len(codes) - 1)]
    all_ascii = ~row_any(~v_ascii[codes], parent, n_rows)
    letter_first = to_numpy(pc.ascii_is_alpha(v_first))[first_code]
    ascii_rows = np.flatnonzero(live & all_ascii & letter_first)
    if len(ascii_rows):
        out[rows[_latin_ascii(tokens, codes, vocab, ascii_rows)]] = True
    # accented Latin: the scalar check, unless another script rules the value out
    other = live & ~all_ascii
    used = _used(codes[other[parent]], len(vocab))
    not_latin = np.zeros(len(vocab), dtype=bool)
    not_latin[used] = matches(take(vocab, used), to_re2(names.NOT_LATIN))
    other = np.flatnonzero(other & ~row_any(not_latin[codes], parent, n_rows))
    found = np.zeros(n_rows, dtype=bool)
    settle_with(names.is_latin_name, values, other, found)
    # ASCII values the census rules rejected: the rules beyond the census lists (romanised Chinese,
    # other countries, a title and a surname) need one of their dictionary words in the value
    accepted = np.zeros(n_rows, dtype=bool)
    accepted[ascii_rows] = out[rows[ascii_rows]]
    retry = live & all_ascii & letter_first & ~accepted
    flagged = np.zeros(len(vocab), dtype=bool)
    used = _used(codes[retry[parent]], len(vocab))
    flagged[used] = _has_extension_word(take(vocab, used))
    retry &= row_any(flagged[codes], parent, n_rows)
    settle_with(names.is_latin_name, values, np.flatnonzero(retry), found)
    out[rows[found]] = True
    return out


def _has_extension_word(tokens: pa.Array) -> np.ndarray:
    """Does the token, whole or split at commas and hyphens, spell a word of ``names.extension_keys``?"""
    if not len(tokens):
        return np.zeros(0, dtype=bool)
    keys = names.extension_keys()
    found = []
    for token in pc.utf8_upper(pc.replace_substring_regex(tokens, "['.]", "")).to_pylist():
        parts = token.replace(",", " ").split() + token.replace(",", " ").replace("-", " ").split()
        found.append(token in keys or any(part in keys for part in parts))
    return np.array(found, dtype=bool)


_GIVEN_ASCII = "^[A-Za-z]+(?:-[A-Za-z]+)*$"
#: below this many strings a Python set look-up beats ``is_in``, which hashes the whole word list per call
_SMALL = 20_000


def _in(strings: pa.Array, words: frozenset[str]) -> np.ndarray:
    if len(strings) > _SMALL:
        return member(strings, words)
    return np.array([s in words for s in strings.to_pylist()], dtype=bool)


def given_name_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``[is_given_name(v) for v in values]`` (None → False), computed column-wise."""
    values = as_strings(values)
    text = pc.utf8_trim_whitespace(values)
    size = lengths(text)
    out = np.zeros(len(values), dtype=bool)
    rows = np.flatnonzero((size >= 1) & (size <= names.MAX_LEN))
    text = take(text, rows)
    plain = matches(text, _GIVEN_ASCII)
    index = np.flatnonzero(plain)
    words = take(text, index)
    upper = pc.utf8_upper(words)
    all_upper = to_numpy(pc.utf8_is_upper(words))
    shape = np.where(all_upper, matches(words, _WORD_UPPER), matches(words, _WORD_MIXED))
    census = _in(upper, world.census_given())
    other = _in(upper, world.world_given()) & ~_in(upper, world.common_words())
    ok = shape & (census | other) & ~_in(upper, world.PLACE_PREFIXES) & ~_in(upper, names.en_stop_words())
    ok &= ~_in(upper, romanised.places())
    out[rows[index[ok]]] = True
    # not ASCII: accented Latin and Cyrillic given names take the scalar check
    first = pc.utf8_slice_codeunits(text, 0, 1)
    rest = np.flatnonzero(~plain & ~to_numpy(pc.string_is_ascii(text)) & to_numpy(pc.utf8_is_alpha(first)))
    found = np.zeros(len(rows), dtype=bool)
    settle_with(names.is_given_name, text, rest, found)
    out[rows[found]] = True
    return out
