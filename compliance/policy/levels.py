"""Ordering of classification levels and sub-levels (GB/T 43697: core > important > general).

Levels are listed highest first. A sub-level compares with a sibling by position and with anything
else through its parent; a bare parent and one of its own sub-levels are neither higher nor lower.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Level


class LevelOrder:
    def __init__(self, levels: Iterable[Level]) -> None:
        # rank: (parent position from the bottom, sub-level position from the bottom or None)
        self._rank: dict[str, tuple[int, int | None]] = {}
        top = list(levels)
        for pos, level in enumerate(top):
            parent_rank = len(top) - pos
            self._rank[level.id] = (parent_rank, None)
            subs = list(level.sublevels)
            for sub_pos, sub in enumerate(subs):
                self._rank[sub.id] = (parent_rank, len(subs) - sub_pos)
        self._names = list(self._rank)

    def __contains__(self, level_id: object) -> bool:
        return level_id in self._rank

    @property
    def ids(self) -> list[str]:
        """Every level and sub-level id, highest first within each parent."""
        return list(self._names)

    def compare(self, a: str, b: str) -> int:
        """-1 if a is below b, 1 if above, 0 if equal or not comparable."""
        (pa, sa), (pb, sb) = self._rank[a], self._rank[b]
        if pa != pb:
            return -1 if pa < pb else 1
        if sa is None or sb is None or sa == sb:
            return 0
        return -1 if sa < sb else 1

    def below(self, a: str, b: str) -> bool:
        return self.compare(a, b) < 0

    def at_least(self, a: str, b: str) -> bool:
        return self.compare(a, b) >= 0

    def highest(self, level_ids: Iterable[str]) -> str | None:
        """The highest of the given levels (就高从严); among equals the most specific one."""
        best: str | None = None
        for level_id in level_ids:
            if best is None:
                best = level_id
                continue
            order = self.compare(level_id, best)
            if order > 0 or (order == 0 and self._rank[best][1] is None and self._rank[level_id][1] is not None):
                best = level_id
        return best

    def parent(self, level_id: str) -> str:
        """The top-level id of a level or sub-level."""
        parent_rank = self._rank[level_id][0]
        return next(name for name, (p, s) in self._rank.items() if p == parent_rank and s is None)
