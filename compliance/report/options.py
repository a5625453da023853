"""Options every renderer takes (``render(report, stream, options)``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    timestamps: bool = True
    color: bool = False
