"""Reports: one model, one renderer module per format, all with ``render(report, stream, options)``."""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from ..errors import UsageError
from .formats import FORMATS
from .model import AssetReport, Report, Violation
from .options import RenderOptions


def render(report: Report, fmt: str, stream: TextIO, options: RenderOptions) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    import_module(f"{__name__}.{FORMATS[fmt]}").render(report, stream, options)


__all__ = ["FORMATS", "AssetReport", "RenderOptions", "Report", "Violation", "render"]
