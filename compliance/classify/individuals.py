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


def hash64(values: pa.Array) -> np.ndarray:
    """FNV-1a of each value's first 64 UTF-8 bytes, then a final avalanche mix, as uint64."""
    if len(values) == 0:
        return np.empty(0, dtype=np.uint64)
    raw = np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)
    encoded = np.char.encode(raw.astype(str), "utf-8").astype(f"S{MAX_HASHED_BYTES}")
    matrix = encoded.view(np.uint8).reshape(len(encoded), MAX_HASHED_BYTES)
    lengths = np.char.str_len(encoded)
    h = np.full(len(encoded), _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(int(lengths.max())):
            active = lengths > i
            h[active] = (h[active] ^ matrix[active, i].astype(np.uint64)) * _FNV_PRIME
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    return h


class DistinctCounter:
    def __init__(self, k: int = K) -> None:
        self.k = k
        self._smallest = np.empty(0, dtype=np.uint64)

    def add(self, values: pa.Array) -> None:
        if len(values):
            merged = np.unique(np.concatenate([self._smallest, hash64(values)]))
            self._smallest = merged[: self.k]

    @property
    def exact(self) -> bool:
        return len(self._smallest) < self.k

    def estimate(self) -> int:
        if self.exact:
            return len(self._smallest)
        kth = float(self._smallest[self.k - 1]) + 1.0
        return round((self.k - 1) * _MAX / kth)
