"""Estimate how many distinct individuals an asset holds (NDSMR Art 28: the 10-million threshold).

Direct identifiers are hashed to 64 bits (FNV-1a over the UTF-8 bytes, column-wise in numpy; nothing
raw is kept) into a K-minimum-values sketch: exact below K distinct values, about 1/sqrt(K)
relative error above, in bounded memory, and the same on every machine and run.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

K = 16384
_MAX = float(2**64)
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
MAX_HASHED_BYTES = 64


def hash64(values: pa.Array, max_bytes: int = MAX_HASHED_BYTES) -> np.ndarray:
    """FNV-1a of each value's first ``max_bytes`` (64) UTF-8 bytes, then a final avalanche mix, as uint64.

    Read straight from the Arrow offsets and data buffers: no per-value Python objects.
    """
    values = values.cast(pa.string()) if values.type != pa.string() else values
    n = len(values)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    _, offsets_buf, data_buf = values.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32, count=n + 1 + values.offset)[values.offset :]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.empty(0, dtype=np.uint8)
    starts = offsets[:-1].astype(np.int64)
    lengths = np.minimum(offsets[1:] - offsets[:-1], max_bytes)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    width = int(offsets[1] - offsets[0])
    if (np.diff(offsets) == width).all():  # one length (mobiles, IDs): the bytes are a matrix, no gathers
        rows = data[offsets[0] : offsets[0] + n * width].reshape(n, width)[:, : min(width, max_bytes)]
        with np.errstate(over="ignore"):
            for i in range(rows.shape[1]):
                h = (h ^ rows[:, i].astype(np.uint64)) * _FNV_PRIME
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xFF51AFD7ED558CCD)
            h ^= h >> np.uint64(33)
        return h
    with np.errstate(over="ignore"):
        shortest = int(lengths.min(initial=0))
        for i in range(int(lengths.max(initial=0))):
            if i < shortest:  # every value has this byte: no index of the active ones needed
                h = (h ^ data[starts + i].astype(np.uint64)) * _FNV_PRIME
                continue
            active = np.flatnonzero(lengths > i)
            h[active] = (h[active] ^ data[starts[active] + i].astype(np.uint64)) * _FNV_PRIME
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    return h


class DistinctCounter:
    """Distinct values seen, exact below ``k``; keeps how often each was seen while exact."""

    def __init__(self, k: int = K, frequencies: bool = True) -> None:
        self.k = k
        self._smallest = np.empty(0, dtype=np.uint64)
        # how often each value was seen: only a sample's estimate needs it (Chao1)
        self._frequency: dict[int, int] | None = {} if frequencies else None

    def add(self, values: pa.Array, counts: np.ndarray | None = None, hashes: np.ndarray | None = None) -> np.ndarray:
        """Count ``values`` (``hashes``: their :func:`hash64`, when already computed); returns the hashes."""
        if not len(values):
            return np.empty(0, dtype=np.uint64)
        if hashes is None:
            hashes = hash64(values)
        candidates = hashes
        if self._frequency is None and len(self._smallest) >= self.k:  # only values below the k-th can enter
            candidates = hashes[hashes < self._smallest[-1]]
        if len(candidates) > 2 * self.k:
            # the 2k smallest hashes hold the k smallest distinct ones whenever they hold k distinct values
            smallest_part = np.unique(np.partition(candidates, 2 * self.k)[: 2 * self.k])
            candidates = smallest_part if len(smallest_part) >= self.k else np.unique(candidates)
        self._smallest = np.unique(np.concatenate([self._smallest, candidates]))[: self.k]
        if self._frequency is not None:
            weights = np.ones(len(hashes), dtype=np.int64) if counts is None else counts
            for h, n in zip(hashes.tolist(), weights.tolist(), strict=True):
                self._frequency[h] = self._frequency.get(h, 0) + int(n)
            if len(self._frequency) >= self.k:
                self._frequency = None
        return hashes

    def merge(self, other: DistinctCounter) -> DistinctCounter:
        """The counter of both inputs: the k smallest of both sets of hashes, frequencies summed
        (none once k distinct values were seen, as :meth:`add` does). Associative and commutative."""
        out = DistinctCounter(self.k, frequencies=False)
        out._smallest = np.unique(np.concatenate([self._smallest, other._smallest]))[: self.k]
        if self._frequency is not None and other._frequency is not None:
            summed = dict(self._frequency)
            for h, n in other._frequency.items():
                summed[h] = summed.get(h, 0) + n
            out._frequency = summed if len(summed) < self.k else None
        return out

    def state(self) -> dict:
        """What crosses the wire: hashes and counts only (engines/kernel.py)."""
        freq = self._frequency
        return {
            "k": self.k,
            "smallest": self._smallest.astype("<u8").tobytes(),
            "freq_keys": None if freq is None else np.array(list(freq), dtype="<u8").tobytes(),
            "freq_counts": None if freq is None else np.array(list(freq.values()), dtype="<i8").tobytes(),
        }

    @classmethod
    def from_state(cls, state: dict) -> DistinctCounter:
        out = cls(state["k"], frequencies=False)
        out._smallest = np.frombuffer(state["smallest"], dtype="<u8").astype(np.uint64)
        if state["freq_keys"] is not None:
            keys = np.frombuffer(state["freq_keys"], dtype="<u8").tolist()
            counts = np.frombuffer(state["freq_counts"], dtype="<i8").tolist()
            out._frequency = dict(zip(keys, counts, strict=True))
        return out

    def population_estimate(self, sampled: int, total: int) -> int:
        """Distinct values in ``total`` rows, from a uniform sample of ``sampled`` rows.

        Chao1 (seen + f1²/2f2, with f1, f2 the values seen once and twice). A sample without any
        repeat gives no evidence of repetition, so it counts as all distinct: for the 10-million
        threshold an over-estimate is the safe side (fail closed).
        """
        if total <= sampled:
            return self.estimate()
        if self._frequency is None or sampled <= 0:
            return round(self.estimate() / max(sampled, 1) * total)
        seen = len(self._frequency)
        once = sum(1 for n in self._frequency.values() if n == 1)
        twice = sum(1 for n in self._frequency.values() if n == 2)
        if twice == 0:
            return total if once else seen
        return min(total, round(seen + once * once / (2 * twice)))

    @property
    def exact(self) -> bool:
        return len(self._smallest) < self.k

    def estimate(self) -> int:
        if self.exact:
            return len(self._smallest)
        kth = float(self._smallest[self.k - 1]) + 1.0
        return round((self.k - 1) * _MAX / kth)
