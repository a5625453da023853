"""Optional NER pass: with an installed spaCy model (``--nlp-model``), Presidio's analyzer judges the
text columns that value patterns and lexicons left undecided (names and places outside our lists).

Only a bounded number of distinct sampled values per column is analysed (NER is slow), so NER-based
counts are estimates scaled from that sample, even with ``--full``.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from .verdict import MIN_RATIO, ColumnVerdict, EntityHit

NER_ENTITIES = ("PERSON", "LOCATION")
MAX_VALUES = 100
MIN_COVERAGE = 0.6  # the entity must span most of the value, not one word of a sentence
_HAN = re.compile(r"[\u3400-\u9fff]")


def _language(value: str) -> str:
    return "zh" if _HAN.search(value) else "en"


def _values(column: pa.ChunkedArray | pa.Array) -> list[str]:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    text = pc.utf8_trim_whitespace(array.cast(pa.string()))
    distinct = pc.unique(pc.drop_null(text)).to_pylist()
    return [v for v in distinct if v and not v.replace(".", "").isdigit()][:MAX_VALUES]


def ner_verdict(analyzer, verdict: ColumnVerdict, column) -> None:
    """Add a PERSON or LOCATION hit to an undecided column when most of its values are one."""
    if verdict.entities or verdict.non_null == 0:
        return
    values = _values(column)
    if len(values) < 3:
        return
    found: dict[str, list[float]] = {}
    for value in values:
        results = analyzer.analyze(text=value, language=_language(value), entities=list(NER_ENTITIES))
        best = max(
            (r for r in results if (r.end - r.start) >= MIN_COVERAGE * len(value)), key=lambda r: r.score, default=None
        )
        if best is not None:
            found.setdefault(best.entity_type, []).append(best.score)
    if not found:
        return
    entity, scores = max(found.items(), key=lambda kv: len(kv[1]))
    ratio = len(scores) / len(values)
    if ratio >= MIN_RATIO:
        count = round(ratio * verdict.non_null)
        verdict.entities.append(EntityHit(entity, round(ratio, 4), count, round(sum(scores) / len(scores), 2)))
