"""Count, per column, the cells that hold each entity: vectorised prefilter, exact check on distinct values.

For one batch of a column: trim, count distinct values (``pyarrow.compute.value_counts``), normalise
them and set placeholders aside (``normalise.py``: NFKC, float-spelled integers, list elements), run each
detector's RE2 prefilter over the distinct values in one call, and validate the candidates as an
array. A value claimed by a more specific detector is not offered to the less specific ones (a
mobile number is not also a generic phone number). Tallies accumulate over batches, so memory
stays bounded by the batch size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .detectors import ValueDetector
from .masking import mask
from .normalise import placeholder_mask, prepare
from .vectorised import _offsets_and_data

MAX_EXAMPLES = 3
#: bytes of a value its example key reads (a cheap key; equal keys are ordered by the masked string)
EXAMPLE_KEY_BYTES = 16
_FIRST_LOOK = 16
MAX_TEXT_CHARS = 4096  # longer cells are searched only in their first part (huge fields stay cheap)
#: a cell of free text: a space or a Han character in at least two characters (Chinese remarks such as
#: 物流慢 are short); codes, numbers and identifiers have neither
PROSE = r"[\s\p{Han}]"
PROSE_MIN_CHARS = 2
#: plain numbers and dates: integers, decimals, signed coordinates, 2025-01, 2020-10-13, 2020/10/13,
#: 2020.10.13, 13/10/2020, 1989年05月(01日), a date with its time (2020-10-13 08:30:00, 2020-10-13T08:30);
#: not ``+`` and 7 or more digits, which is how E.164 phone numbers are written (``+12015550123``)
NUMERIC = (
    r"^-?[0-9]+(?:[.,][0-9]+)?$|^\+(?:[0-9]{1,6}|[0-9]+[.,][0-9]+)$"
    r"|^[0-9]{4}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?)?$"
    r"|^[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}$|^[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?$"
)

#: a pattern's matches over a column's distinct values, computed beforehand (tally_group.py)
Masks = dict[str, np.ndarray]
#: receives (entity, distinct valid values, their counts) for fact collection (minors, individuals)
#: and returns their 64-bit hashes when it computed them (the distinct-individuals counter does), so
#: the examples are chosen by the same hashes instead of hashing the values twice
ValueSink = Callable[[str, pa.Array, np.ndarray], np.ndarray | None]


_MIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SEED = np.uint64(0xCBF29CE484222325)


def _mixed(h: np.ndarray) -> np.ndarray:
    """The 64-bit finaliser of MurmurHash3 (every input bit reaches every output bit)."""
    with np.errstate(over="ignore"):
        h ^= h >> np.uint64(33)
        h *= _MIX[0]
        h ^= h >> np.uint64(33)
        h *= _MIX[1]
        h ^= h >> np.uint64(33)
    return h


#: the low ``k`` bytes of a 64-bit word, for k = 0..8
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)


def example_keys(values: pa.Array) -> np.ndarray:
    """Each value's example key: its first ``EXAMPLE_KEY_BYTES`` (16) UTF-8 bytes as two 64-bit words
    (zero past its end) and its byte length, mixed. Two gathers, not a pass per byte: the key only
    orders candidate examples, so it need not see the whole value."""
    values = values.cast(pa.string()) if values.type != pa.string() else values
    offsets, data = _offsets_and_data(values)
    starts, lengths = offsets[:-1], offsets[1:] - offsets[:-1]
    padded = np.concatenate([data, np.zeros(16, dtype=np.uint8)])  # a word may start 8 past the end
    # every byte position as the start of an (unaligned) little-endian 64-bit word
    words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    first = words[starts] & _LOW_BYTES[np.minimum(lengths, 8)]
    second = words[starts + 8] & _LOW_BYTES[np.clip(lengths - 8, 0, 8)]
    with np.errstate(over="ignore"):
        h = _mixed(first ^ (lengths.astype(np.uint64) + _SEED))
        return _mixed(h * _MIX[1] + second)


@dataclass
class EntityTally:
    full: int = 0  # cells whose whole value is a valid instance
    masked: int = 0  # cells whose whole value is an instance masked at the source (138****5678)
    plausible: int = 0  # of ``full``, those a header naming the entity vouches for (detector.plausible)
    embedded: int = 0  # cells with a valid instance inside longer text (strong detectors)
    #: masked examples: the ``MAX_EXAMPLES`` distinct masked strings whose values hash lowest (a
    #: string's key is the lowest hash of the values masking to it), so the choice does not depend
    #: on the order rows are seen in and two tallies merge to what one pass gives (engines/kernel.py).
    #: A value's hash is the one the fact sink computed (direct identifiers: ``hash64`` of the
    #: canonical value) or else :func:`example_keys` (its first ``EXAMPLE_KEY_BYTES`` bytes and its
    #: length, mixed): a function of the value and its entity alone, whichever engine or batch sees it.
    examples: list[str] = field(default_factory=list)
    keys: list[int] = field(default_factory=list)  # each example's key (64-bit hash), ascending

    def add_examples(self, values: pa.Array | Iterable[str], entity: str, hashes: np.ndarray | None = None) -> None:
        """Offer every value of ``values`` (``hashes``: their keys, when the fact sink computed them);
        only those hashing below the current examples are masked."""
        if not isinstance(values, pa.Array):
            values = pa.array(list(values), pa.string())
        if not len(values):
            return
        if hashes is None or len(hashes) != len(values):
            hashes = example_keys(values)
        index = np.arange(len(values))
        if len(self.examples) >= MAX_EXAMPLES:
            index = np.flatnonzero(hashes <= np.uint64(self.keys[-1]))
        if len(index) > _FIRST_LOOK:  # the lowest few usually fill the examples: no full sort
            lowest = index[np.argpartition(hashes[index], _FIRST_LOOK)[:_FIRST_LOOK]]
            if self._offer_lowest(values, hashes, lowest, entity):
                return
        self._offer_lowest(values, hashes, index, entity)

    def _offer_lowest(self, values: pa.Array, hashes: np.ndarray, index: np.ndarray, entity: str) -> bool:
        """Offer ``values[index]`` lowest key first; True once the examples are full and the rest cannot enter."""
        for i in index[np.argsort(hashes[index], kind="stable")].tolist():
            key = int(hashes[i])
            if len(self.examples) >= MAX_EXAMPLES and key > self.keys[-1]:
                return True
            self.offer(mask(values[i].as_py(), entity), key)
        return False

    def offer(self, masked: str, key: int) -> None:
        """Keep ``masked`` when it is among the ``MAX_EXAMPLES`` lowest (key, string) pairs."""
        pairs = dict(zip(self.examples, self.keys, strict=True))
        if masked in pairs and pairs[masked] <= key:
            return
        pairs[masked] = key
        kept = sorted((k, m) for m, k in pairs.items())[:MAX_EXAMPLES]
        self.keys = [k for k, _ in kept]
        self.examples = [m for _, m in kept]


@dataclass
class ColumnTally:
    name: str
    non_null: int = 0  # values (placeholders and empty cells excluded; a list cell counts its elements)
    placeholders: int = 0  # cells that say "no value" (N/A, -, 未提供 ...): never part of a share
    prose: int = 0  # cells that read as free text
    bare_digits: int = 0  # cells that read as plain numbers or dates (row numbers, amounts, months, coordinates)
    entities: dict[str, EntityTally] = field(default_factory=dict)

    def get(self, entity: str) -> EntityTally:
        return self.entities.setdefault(entity, EntityTally())

    @property
    def is_free_text(self) -> bool:
        """Sporadic values only count in free-text columns, not in columns of codes or numbers."""
        return self.non_null > 0 and self.prose / self.non_null >= 0.5


def _bools(array: pa.Array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False)


def _distinct(array: pa.Array, tally: ColumnTally) -> tuple[pa.Array, np.ndarray]:
    """Distinct normalised values and their counts; placeholders are counted into ``tally`` and dropped."""
    if array.type != pa.string():
        array = array.cast(pa.string())
    longest = pc.max(pc.binary_length(array)).as_py() or 0  # from the offsets: no copy
    if longest > MAX_TEXT_CHARS:
        array = pc.utf8_slice_codeunits(array, 0, MAX_TEXT_CHARS)
    array = pc.utf8_trim_whitespace(array)
    counted = pc.value_counts(array)
    values = counted.field("values")
    counts = counted.field("counts").to_numpy(zero_copy_only=False)
    keep = _bools(pc.and_kleene(pc.is_valid(values), pc.greater(pc.binary_length(values), 0)))  # non-empty
    values, counts, placeholder = prepare(values.filter(pa.array(keep)), counts[keep])
    if placeholder.any():
        tally.placeholders += int(counts[placeholder].sum())
        values, counts = values.filter(pa.array(~placeholder)), counts[~placeholder]
    return values, counts


def _matching(values: pa.Array, claimed: np.ndarray, pattern: str, masks: Masks | None = None) -> np.ndarray:
    """Indices of the values not yet claimed that the pattern matches (only those are searched).

    ``masks`` may hold the pattern's matches over all ``values``, computed beforehand for many
    columns in one call (tally_group.py): the same indices, without a regex call per column."""
    if masks is not None and pattern in masks:
        return np.flatnonzero(masks[pattern] & ~claimed)
    if not claimed.any():
        return np.flatnonzero(_bools(pc.match_substring_regex(values, pattern)))
    open_ = np.flatnonzero(~claimed)
    if not len(open_):
        return open_
    return open_[_bools(pc.match_substring_regex(values.take(pa.array(open_)), pattern))]


def tally_column(
    array: pa.Array,
    tally: ColumnTally,
    detectors: Iterable[ValueDetector],
    *,
    embedded: Iterable[ValueDetector] = (),
    sink: ValueSink | None = None,
    shape: bool = True,
    distinct: tuple[pa.Array, np.ndarray] | None = None,
    masks: Masks | None = None,
) -> None:
    """Add one batch of a column to ``tally``.

    ``detectors`` are checked against whole values, most specific first; ``embedded`` (strong
    detectors) are also searched inside longer text for sporadic values. ``distinct`` (from
    :func:`distinct_values`, already counted into ``tally``) and ``masks`` (see :func:`_matching`)
    let tally_group.py share the regex work of many small columns.
    """
    detectors, embedded = list(detectors), list(embedded)
    if not detectors and not embedded:  # nothing to look for: only the count of values
        trimmed = pc.utf8_trim_whitespace(array.cast(pa.string()) if array.type != pa.string() else array)
        placeholders = int(placeholder_mask(trimmed).sum())
        tally.placeholders += placeholders
        tally.non_null += int(pc.sum(pc.greater(pc.binary_length(trimmed), 0)).as_py() or 0) - placeholders
        return
    values, counts = _distinct(array, tally) if distinct is None else distinct
    tally.non_null += int(counts.sum())
    if len(values) == 0:
        return
    if shape:
        long_enough = pc.greater_equal(pc.utf8_length(values), PROSE_MIN_CHARS)
        prose = _matches(values, PROSE, masks) & _bools(long_enough)
        tally.prose += int(counts[prose].sum())
        tally.bare_digits += int(counts[_matches(values, NUMERIC, masks)].sum())
    claimed = np.zeros(len(values), dtype=bool)

    def matching(pattern: str) -> np.ndarray:
        return _matching(values, claimed, pattern, masks)

    for detector, hit, valid in claim_values(values, detectors, claimed, matching):
        entry = tally.get(detector.entity)
        if detector.masked:
            entry.masked += int(counts[hit].sum())
        else:
            entry.full += int(counts[hit].sum())
            if detector.plausible is not None:
                entry.plausible += int(counts[hit][detector.plausible(valid)].sum())
        hashes = None
        if sink is not None and not detector.masked:
            hashes = sink(detector.entity, detector.canonical(valid) if detector.canonical else valid, counts[hit])
        entry.add_examples(valid, detector.entity, hashes)
    _tally_embedded(values, counts, claimed, tally, embedded, sink, masks)


def claim_values(
    values: pa.Array, detectors: Iterable[ValueDetector], claimed: np.ndarray, matching: Callable[[str], np.ndarray]
) -> Iterable[tuple[ValueDetector, np.ndarray, pa.Array]]:
    """(detector, indices, valid values) per detector, most specific first: ``matching(pattern)`` gives the
    indices of unclaimed values the prefilter matches; those that validate are marked in ``claimed``, so a
    value claimed by a more specific detector is not offered to the less specific ones."""
    for detector in detectors:
        index = matching(detector.anchored)
        if not len(index):
            continue
        candidates = values.take(pa.array(index))
        ok = detector.validate_array(candidates)
        if not ok.any():
            continue
        hit = index[ok]
        claimed[hit] = True
        yield detector, hit, candidates.filter(pa.array(ok))


def _matches(values: pa.Array, pattern: str, masks: Masks | None) -> np.ndarray:
    if masks is not None and pattern in masks:
        return masks[pattern]
    return _bools(pc.match_substring_regex(values, pattern))


def embedded_pattern(detectors: Iterable[ValueDetector]) -> str:
    """One alternation of the detectors' prefilters: the cells worth searching for embedded values."""
    return "|".join(f"(?:{d.prefilter})" for d in detectors)


def distinct_values(array: pa.Array, tally: ColumnTally) -> tuple[pa.Array, np.ndarray]:
    """What :func:`tally_column` looks at: distinct normalised values and counts (placeholders counted)."""
    return _distinct(array, tally)


def _tally_embedded(values, counts, claimed, tally, detectors, sink, masks=None) -> None:
    """Strong identifiers inside longer text (a mobile number in a 备注 column)."""
    if not detectors:
        return
    combined = embedded_pattern(detectors)
    index = _matching(values, claimed, combined, masks)
    if not len(index):
        return
    texts = values.take(pa.array(index)).to_pylist()
    found_by: dict[str, tuple[list[str], list[int]]] = {}
    for i, text in zip(index, texts, strict=True):
        for detector in detectors:
            found = detector.find(text)
            if not found:
                continue
            entry = tally.get(detector.entity)
            entry.embedded += int(counts[i])
            values_found, weights = found_by.setdefault(detector.entity, ([], []))
            values_found.append(found[0])
            weights.append(int(counts[i]))
    canonical = {d.entity: d.canonical for d in detectors if d.canonical}
    for entity, (values_found, weights) in found_by.items():  # the first value found in each text
        found = pa.array(values_found, pa.string())
        hashes = None
        if sink is not None:  # one call per entity: the fact collectors work on arrays
            passed = canonical[entity](found) if entity in canonical else found
            hashes = sink(entity, passed, np.array(weights, dtype=np.int64))
        tally.get(entity).add_examples(found, entity, hashes)
