"""Reports: one model, one renderer module per format, all with ``render(report, stream, options)``."""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from ..errors import UsageError
from .formats import FORMATS
from .model import AssetReport, Report, Violation
from .options import RenderOptions

#: formats read by people or XML parsers: control characters in names are shown as escapes
PRINTABLE_FORMATS = frozenset({"text", "markdown", "junit"})


def render(report: Report, fmt: str, stream: TextIO, options: RenderOptions) -> None:
    """Render ``report`` in ``fmt``; the renderer sees the masked copy (``masked.py``), never raw names."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    from .masked import masked_report

    shown = masked_report(report, printable_text=fmt in PRINTABLE_FORMATS)
    import_module(f"{__name__}.{FORMATS[fmt]}").render(shown, stream, options)


__all__ = ["FORMATS", "AssetReport", "RenderOptions", "Report", "Violation", "render"]
