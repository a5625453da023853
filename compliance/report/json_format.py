"""``--format json``: the design.md contract, sorted keys, UTF-8 (Chinese stays readable)."""

from __future__ import annotations

import json
from typing import TextIO

from .model import Report
from .options import RenderOptions
from .to_dict import report_to_dict


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    data = report_to_dict(report, timestamps=options.timestamps)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    stream.write("\n")
