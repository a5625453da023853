"""Where a spreadsheet export's table starts, and which of its rows are totals, not records.

Exports from business systems rarely start with the header: a merged title row (``2024年客户导出``),
an export date or a note comes first, and a total row (``合计``) closes the table. Taken as the
header, a title row turns every real column into ``column_<n>``; counted as records, totals skew the
row counts and the share of values an entity holds.

Header: among the first :data:`HEADER_SEARCH_ROWS` non-empty rows, the first whose number of filled
cells is at least :data:`HEADER_FILL` of the widest of them. A merged title keeps its value in its
first cell only, so it is one cell wide beside a table of several columns; a note or an export date
is one or two. ``--header-row N`` names the row instead (1-based, as Excel numbers rows).

Total rows: a row whose first filled cell, without spaces and a trailing colon, is one of
:data:`TOTAL_WORDS` (合计, 总计, 小计, 共计, Total, Grand total, Subtotal, ...). They are left out
of the table wherever they are: under the header, between groups, at the end.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

HEADER_SEARCH_ROWS = 30
HEADER_FILL = 0.6
TOTAL_WORDS = frozenset(
    {
        "合计",
        "总计",
        "小计",
        "共计",
        "总合计",
        "累计",
        "合計",
        "總計",
        "小計",
        "total",
        "totals",
        "grandtotal",
        "subtotal",
        "sub-total",
    }
)
_SPACES = re.compile(r"[\s\u3000]+")


def filled(cells: Sequence) -> int:
    return sum(1 for c in cells if c is not None and c != "")


def header_index(rows: Sequence[Sequence]) -> int:
    """Index in ``rows`` (the first non-empty rows of a sheet, in order) of the header row."""
    if not rows:
        return 0
    widths = [filled(r) for r in rows]
    need = max(1, math.ceil(HEADER_FILL * max(widths)))
    return next(i for i, w in enumerate(widths) if w >= need)


def is_total_row(cells: Sequence) -> bool:
    """The row's first filled cell names a total (合计, Total ...)."""
    first = next((c for c in cells if c is not None and c != ""), None)
    if not isinstance(first, str) or len(first) > 20:
        return False
    return names_total(first)


def names_total(cell: str) -> bool:
    """The cell, without spaces and a trailing colon, is a total word in any case (合 计：, TOTAL)."""
    return _SPACES.sub("", cell).rstrip(":：").lower() in TOTAL_WORDS
