"""The named peer for the scanner benchmarks: presidio-structured's ``PandasAnalysisBuilder``.

Why a peer: design.md asks every benchmark to print ratios against a peer measured in the same run,
on the same data and with the same recognizers. presidio-structured (0.0.10) is the obvious one: it
decides one entity per column by calling ``AnalyzerEngine.analyze`` on every sampled cell and keeping
the most common entity type (``selection_strategy="most_common"``); columns without any result are
dropped from its ``StructuredAnalysis.entity_mapping``. That is one analyzer call per cell, so it is
slow (~135 rows/s on 16 columns) and runs over the first ``rows`` rows only (2,000 by default).

This module also holds the scorer both the peer and the project's scanner are judged by
(``score``): column-level personal/non-personal precision, recall and F1, and exact-entity accuracy
over the truly personal columns, against the generator's ``truth.json``.

Offline: the caller passes the ``AnalyzerEngine`` (normally ``compliance.detect.analyzer.build_analyzer()``).
``build_offline_analyzer`` is a stand-in with Presidio's default pattern recognizers and the no-op NLP
engine (no spaCy model), and an e-mail recognizer that validates domains with tldextract's bundled
suffix snapshot instead of fetching the public suffix list.

CLI (from the repository root)::

    PYTHONPATH=. python benchmarks/peer_presidio_structured.py DIR/customers.csv [--rows 2000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pandas as pd
import tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import EmailRecognizer
from presidio_structured import PandasAnalysisBuilder

DEFAULT_ROWS = 2000
#: Entities that name something real but do not by themselves make a column personal information:
#: organisations' credit codes, bare timestamps, and presidio-structured's own "no PII" marker.
NON_PERSONAL_ENTITIES = frozenset({"CN_USCC", "DATE_TIME", "NON_PII"})

# Bundled public-suffix snapshot only: no HTTP fetch, no cache directory.
_OFFLINE_TLD = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def peer_name() -> str:
    """The peer as it appears in benchmark output, with the installed version."""
    try:
        version = metadata.version("presidio-structured")
    except metadata.PackageNotFoundError:  # pragma: no cover - the dev venv has it
        version = "?"
    return f"presidio-structured {version} PandasAnalysisBuilder"


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, but its domain check never touches the network."""

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""


def build_offline_analyzer(languages: Iterable[str] = ("en",)) -> AnalyzerEngine:
    """An AnalyzerEngine with Presidio's default pattern recognizers and no NLP model.

    Stand-in for the project's analyzer while developing the harness: recognizers that need NER
    (PERSON, LOCATION from spaCy) are absent, so do not read accuracy numbers from it.
    """
    langs = list(languages)
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": lang, "model_name": "no_op"} for lang in langs])
    registry = RecognizerRegistry(supported_languages=langs)
    registry.load_predefined_recognizers(languages=langs, nlp_engine=nlp_engine)
    for lang in langs:
        registry.remove_recognizer("EmailRecognizer", language=lang)
        registry.add_recognizer(OfflineEmailRecognizer(supported_language=lang))
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=langs)


@dataclass(frozen=True)
class PeerResult:
    """What the peer decided and how fast: ``mapping`` has every column (None = no entity)."""

    mapping: dict[str, str | None]
    rows: int
    columns: int
    seconds: float
    read_seconds: float
    peer: str = field(default_factory=peer_name)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    @property
    def cells_per_second(self) -> float:
        return self.rows_per_second * self.columns


def read_head(csv_path: str | Path, rows: int = DEFAULT_ROWS, encoding: str = "utf-8") -> pd.DataFrame:
    """The first ``rows`` rows as strings; empty cells stay ``""`` (as the scanner sees them)."""
    return pd.read_csv(csv_path, nrows=rows, dtype=str, keep_default_na=False, encoding=encoding)


def run_peer(
    csv_path: str | Path,
    analyzer: AnalyzerEngine | None = None,
    rows: int = DEFAULT_ROWS,
    language: str = "en",
    selection_strategy: str = "most_common",
) -> PeerResult:
    """Run ``PandasAnalysisBuilder.generate_analysis`` over the first ``rows`` rows of the CSV.

    ``seconds`` covers reading those rows and the analysis (what a user of the peer waits for);
    ``read_seconds`` is the reading part alone. Without ``analyzer`` the offline stand-in is used.
    """
    if rows < 1:
        raise ValueError("rows must be at least 1")
    engine = analyzer if analyzer is not None else build_offline_analyzer([language])
    builder = PandasAnalysisBuilder(analyzer=engine)
    started = time.perf_counter()
    frame = read_head(csv_path, rows)
    read_done = time.perf_counter()
    analysis = builder.generate_analysis(frame, n=len(frame), language=language, selection_strategy=selection_strategy)
    finished = time.perf_counter()
    mapping = {str(col): analysis.entity_mapping.get(col) for col in frame.columns}
    return PeerResult(
        mapping=mapping,
        rows=len(frame),
        columns=len(frame.columns),
        seconds=finished - started,
        read_seconds=read_done - started,
    )


# --- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Column-level scores of one mapping against the truth.

    ``personal`` is the positive class. Ratios with a zero denominator are 0.0 (as scikit-learn's
    ``zero_division=0``). ``mistakes`` lists ``(column, expected, predicted)`` for every column whose
    personal flag or (for personal columns) entity is wrong, for the benchmark printout.
    """

    tp: int
    fp: int
    fn: int
    tn: int
    entity_correct: int
    entity_total: int
    precision: float
    recall: float
    f1: float
    entity_accuracy: float
    mistakes: tuple[tuple[str, str, str], ...] = ()
    unknown_columns: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "entity_accuracy": round(self.entity_accuracy, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "entity_correct": self.entity_correct,
            "entity_total": self.entity_total,
        }


Prediction = str | None | Mapping[str, object] | list[str] | tuple[str, ...]


def _decision(prediction: Prediction, non_personal: frozenset[str]) -> tuple[str | None, bool]:
    """(entity, personal?) from one mapping value.

    Accepted values: ``None``; an entity name; a list of entity names, best first (the report's
    ``entities``); or ``{"entity": ..., "personal": bool}`` when the caller decides personal itself
    (e.g. a coarse city column reported as LOCATION but not personal).
    """
    if prediction is None:
        return None, False
    if isinstance(prediction, Mapping):
        entity = prediction.get("entity")
        entity = None if entity is None else str(entity)
        if "personal" in prediction:
            return entity, bool(prediction["personal"])
        return entity, entity is not None and entity not in non_personal
    if isinstance(prediction, list | tuple):
        prediction = prediction[0] if prediction else None
    entity = None if prediction is None else str(prediction)
    return entity, entity is not None and entity not in non_personal


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(
    mapping: Mapping[str, Prediction],
    truth: Mapping[str, Mapping[str, object]],
    include_sporadic: bool = False,
    non_personal_entities: Iterable[str] = NON_PERSONAL_ENTITIES,
) -> Scores:
    """Score a column → entity mapping against ``truth.json``.

    Columns missing from ``mapping`` count as "no entity" (presidio-structured omits them).
    Sporadic columns (truth ``"sporadic": true``) are left out unless ``include_sporadic``: a sampled
    scan cannot be expected to see a 1% free-text hit. Mapping columns unknown to the truth are
    ignored and listed in ``unknown_columns``.
    """
    non_personal = frozenset(non_personal_entities)
    tp = fp = fn = tn = correct = total = 0
    mistakes: list[tuple[str, str, str]] = []
    for column, expected in truth.items():
        if expected.get("sporadic") and not include_sporadic:
            continue
        entity, personal = _decision(mapping.get(column), non_personal)
        truly_personal = bool(expected["personal"])
        want = f"{expected.get('entity')}{'' if truly_personal else ' (not personal)'}"
        got = f"{entity}{'' if personal else ' (not personal)'}"
        if truly_personal:
            total += 1
            correct += entity == expected.get("entity")
            tp += personal
            fn += not personal
            if not personal or entity != expected.get("entity"):
                mistakes.append((column, want, got))
        else:
            fp += personal
            tn += not personal
            if personal:
                mistakes.append((column, want, got))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return Scores(
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        entity_correct=correct,
        entity_total=total,
        precision=precision,
        recall=recall,
        f1=_ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0,
        entity_accuracy=_ratio(correct, total),
        mistakes=tuple(mistakes),
        unknown_columns=tuple(sorted(set(mapping) - set(truth))),
    )


def load_truth(path: str | Path) -> dict[str, dict[str, object]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _project_analyzer() -> AnalyzerEngine | None:
    """The project's analyzer (same recognizers as the scanner) once the lead has written it."""
    try:
        from compliance.detect.analyzer import build_analyzer
    except ImportError:
        return None
    return build_analyzer()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the presidio-structured peer over a benchmark CSV.")
    parser.add_argument("csv", type=Path)
    parser.add_argument("--truth", type=Path, help="truth.json (default: beside the CSV)")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--language", default="en")
    parser.add_argument(
        "--analyzer",
        choices=("auto", "project", "offline"),
        default="auto",
        help="project: compliance.detect.analyzer.build_analyzer(); offline: Presidio defaults; "
        "auto: project if importable",
    )
    args = parser.parse_args(argv)
    analyzer = None if args.analyzer == "offline" else _project_analyzer()
    if args.analyzer == "project" and analyzer is None:
        parser.error("compliance.detect.analyzer.build_analyzer is not available")
    label = "project analyzer" if analyzer is not None else "offline Presidio default recognizers"
    result = run_peer(args.csv, analyzer, args.rows, args.language)
    print(f"{result.peer} ({label}): {result.rows} rows x {result.columns} columns in {result.seconds:.1f} s")
    print(f"  {result.rows_per_second:.1f} rows/s, {result.cells_per_second:.0f} cells/s")
    truth_path = args.truth or args.csv.with_name("truth.json")
    if truth_path.exists():
        truth = load_truth(truth_path)
        for sporadic in (False, True):
            scores = score(result.mapping, truth, include_sporadic=sporadic)
            print(f"  scores ({'with' if sporadic else 'without'} sporadic columns): {scores.as_dict()}")
        for column, want, got in score(result.mapping, truth, include_sporadic=True).mistakes:
            print(f"    {column}: expected {want}, peer said {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
