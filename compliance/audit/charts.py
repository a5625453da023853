"""Inline SVG charts for the HTML and PDF reports: no script, no external fetch, prints as vectors.

Each data point is an element with ``class="point"`` and ``data-series``/``data-value`` attributes and
a ``<title>`` tooltip, so a browser test can count the points it rendered.
"""

from __future__ import annotations

from html import escape

COLOURS = {"critical": "#7b1fa2", "high": "#c62828", "medium": "#ef6c00", "low": "#1565c0"}
#: text styles as attributes, not CSS: WeasyPrint does not apply CSS ``fill`` to SVG text
_TICK = 'class="tick" font-size="10" fill="#444"'
_TITLE = 'class="chart-title" font-size="11" fill="#222"'
_W, _H, _PAD_L, _PAD_B, _PAD_T, _PAD_R = 640, 240, 48, 40, 16, 16


def _nice_max(value: float) -> int:
    """A round axis maximum at least ``value`` and at least 4 (four whole-number grid steps)."""
    if value <= 4:
        return 4
    step = 1
    while step * 10 < value:
        step *= 10
    top = next((step * f for f in (1, 2, 5, 10) if step * f >= value), step * 10)
    return -(-top // 4) * 4  # a multiple of 4: whole-number grid steps


def line_chart(labels: list[str], series: dict[str, list[int]], title: str) -> str:
    """One polyline per series over ``labels`` (the x axis), with a circle at every value."""
    top = _nice_max(max((v for values in series.values() for v in values), default=0))
    inner_w, inner_h = _W - _PAD_L - _PAD_R, _H - _PAD_T - _PAD_B
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return _PAD_L + (inner_w * (i + 0.5) / n)

    def y(v: int) -> float:
        return _PAD_T + inner_h * (1 - v / top)

    parts = [_frame(title, top, inner_w, inner_h)]
    step = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % step == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{_H - _PAD_B + 16}" {_TICK} text-anchor="middle">{escape(label)}</text>'
            )
    for name, values in series.items():
        colour = COLOURS.get(name, "#555")
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        for i, v in enumerate(values):
            parts.append(
                f'<circle class="point" data-series="{escape(name)}" data-value="{v}" cx="{x(i):.1f}" '
                f'cy="{y(v):.1f}" r="3" fill="{colour}"><title>{escape(labels[i])} {escape(name)}: {v}</title></circle>'
            )
    parts.append(_legend(list(series)))
    return _svg(title, "".join(parts))


def bar_chart(bars: list[tuple[str, int]], title: str, marks: list[tuple[str, int]] = ()) -> str:
    """Horizontal bars (label, value); ``marks`` are vertical threshold lines (label, value)."""
    top = _nice_max(max([v for _, v in bars] + [v for _, v in marks], default=0))
    row = 26
    height = _PAD_T + row * max(len(bars), 1) + _PAD_B
    left, width = 180, _W - 180 - _PAD_R
    parts = [f'<text x="{_W / 2}" y="12" {_TITLE} text-anchor="middle">{escape(title)}</text>']
    for i, (label, value) in enumerate(bars):
        y = _PAD_T + i * row + 4
        w = width * value / top
        parts.append(f'<text x="{left - 6}" y="{y + 13}" {_TICK} text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect class="point" data-series="{escape(label)}" data-value="{value}" x="{left}" y="{y}" '
            f'width="{w:.1f}" height="18" fill="#1565c0"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 13}" {_TICK}>{value}</text>')
    for label, value in marks:
        mx = left + width * value / top
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{_PAD_T}" y2="{height - _PAD_B + 4}" '
            'stroke="#c62828" stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{mx:.1f}" y="{height - _PAD_B + 18}" {_TICK} text-anchor="middle">{escape(label)}</text>'
        )
    return _svg(title, "".join(parts), height)


def _frame(title: str, top: int, inner_w: float, inner_h: float) -> str:
    parts = [f'<text x="{_W / 2}" y="12" {_TITLE} text-anchor="middle">{escape(title)}</text>']
    for k in range(5):
        value = top * k // 4
        y = _PAD_T + inner_h * (1 - k / 4)
        parts.append(f'<line x1="{_PAD_L}" x2="{_PAD_L + inner_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{_PAD_L - 6}" y="{y + 4:.1f}" {_TICK} text-anchor="end">{value}</text>')
    return "".join(parts)


def _legend(names: list[str]) -> str:
    parts = []
    for i, name in enumerate(names):
        x = _PAD_L + i * 110
        parts.append(f'<rect x="{x}" y="{_H - 14}" width="10" height="10" fill="{COLOURS.get(name, "#555")}"/>')
        parts.append(f'<text x="{x + 14}" y="{_H - 5}" {_TICK}>{escape(name)}</text>')
    return "".join(parts)


def _svg(title: str, body: str, height: int = _H) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {_W} {height}" width="{_W}" height="{height}">{body}</svg>'
    )
