"""Numbers as reports print them: a share that is not all is never shown as 100%, nor one above none as 0%.

``f"{0.998:.0%}"`` is ``100%``: a reader takes a column where 2 values in 1,000 did not match for one
where every value did. :func:`percent` adds decimals until the shown figure is neither 100% nor 0%
for a share strictly between them (``99.8%``, ``0.3%``), and past two extra decimals says ``>99.99%``
or ``<0.01%``.
"""

from __future__ import annotations

EXTRA_DECIMALS = 2


def percent(ratio: float, decimals: int = 0) -> str:
    """``ratio`` (0..1) as a percentage with at least ``decimals`` decimals (see the module docstring)."""
    value = ratio * 100
    if not 0 < ratio < 1:
        return f"{value:.{decimals}f}%"
    for places in range(decimals, decimals + EXTRA_DECIMALS + 1):
        shown = f"{value:.{places}f}"
        if 0 < float(shown) < 100:
            return f"{shown}%"
    step = 10.0**-places
    return f"<{step:.{places}f}%" if value < 50 else f">{100 - step:.{places}f}%"


def count(number: int, exact: bool, lang: str = "en") -> str:
    """A count that says whether it is exact or an estimate: ``980 (exact)``, ``~12,400 (estimate)``."""
    if lang == "zh":
        return f"{number:,}（精确）" if exact else f"约 {number:,}（估计）"
    return f"{number:,} (exact)" if exact else f"~{number:,} (estimate)"
