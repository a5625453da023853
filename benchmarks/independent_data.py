"""Column-level accuracy on the independent test data of tests/data/ (real tables, not Faker).

Each CSV there holds columns of one class (pinyin names, traditional-character names, names with
diacritics, names of many countries, names with titles, given names alone, non-personal text);
``truth.json`` says which entity each column holds. Scores come from the same ``score`` as the
Faker benchmark, per class and over all columns (a non-personal column found personal is a false
positive of the "all" row).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from benchmarks.peer_presidio_structured import Scores, score

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
#: the second independent set (tests/data/holdout, its own sources): built to measure, not to tune on
HOLDOUT = DATA / "holdout"


def write_columns(path: Path, columns: dict[str, list[str]]) -> int:
    """Columns of unequal length as one CSV (shorter ones padded with empty cells); returns the rows
    (the build scripts of tests/data and tests/data/holdout write their tables with it)."""
    rows = max(len(v) for v in columns.values())
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(columns))
        for i in range(rows):
            writer.writerow([v[i] if i < len(v) else "" for v in columns.values()])
    return rows


def load_truth(folder: Path = DATA) -> dict[str, dict[str, dict[str, object]]]:
    """``{file name: {column: {"entity", "class"}}}``."""
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def score_by_class(
    mapping_of_file: Callable[[Path], dict[str, dict[str, object]]], folder: Path = DATA
) -> dict[str, Scores]:
    """Scores per class and for ``"all"``; ``mapping_of_file`` scans one CSV (column → prediction)."""
    truth = load_truth(folder)
    mapping: dict[str, dict[str, object]] = {}
    expected: dict[str, dict[str, object]] = {}
    classes: dict[str, list[str]] = {}
    for name, columns in sorted(truth.items()):
        found = mapping_of_file(folder / name)
        for column, want in columns.items():
            key = f"{name}:{column}"
            if column in found:
                mapping[key] = found[column]
            personal = want.get("personal", want["entity"] is not None)  # a birth date is a personal DATE_TIME
            expected[key] = {"entity": want["entity"], "personal": personal}
            classes.setdefault(str(want["class"]), []).append(key)
    out = {kind: score(mapping, {k: expected[k] for k in keys}) for kind, keys in sorted(classes.items())}
    out["all"] = score(mapping, expected)
    return out


def print_table(title: str, scores: dict[str, Scores]) -> None:
    print(title)
    print(f"  {'class':16} {'columns':>7} {'FP':>3} {'precision':>9} {'recall':>7} {'F1':>6} {'exact':>6}")
    for kind, s in scores.items():
        columns = s.tp + s.fp + s.fn + s.tn
        exact = f"{s.entity_accuracy:6.3f}" if s.tp + s.fn else "     -"
        recall = f"{s.recall:7.3f}" if s.tp + s.fn else "      -"
        precision = f"{s.precision:9.3f}" if s.tp + s.fp else "        -"
        f1 = f"{s.f1:6.3f}" if s.tp + s.fn else "     -"
        print(f"  {kind:16} {columns:7d} {s.fp:3d} {precision} {recall} {f1} {exact}")
    for column, want, got in scores["all"].mistakes:
        print(f"    {column}: expected {want}, got {got}")
