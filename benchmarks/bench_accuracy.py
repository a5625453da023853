"""Column-level accuracy of the scanner vs presidio-structured on generated data with known truth.

    PYTHONPATH=. python benchmarks/bench_accuracy.py [--rows 100000] [--seed 7] [--peer-rows 2000]
        [--independent | --independent-only] [--holdout]

Prints personal/non-personal precision, recall, F1 and exact-entity accuracy for our default sampled
scan, our --full scan (sporadic free-text values included) and the peer (PandasAnalysisBuilder with the
same analyzer and recognizers, on the first --peer-rows rows: it analyses every cell and is slow).

``--independent`` adds the same figures per class on the independent test data of ``tests/data/``
(real tables shipped in packages, see its README): the Faker benchmark is a regression check only,
the independent data is what the detection is judged on. ``--independent-only`` skips the Faker part.
``--holdout`` scores the second independent set of ``tests/data/holdout/`` the same way (its own
sources, see tests/data/README.md "Holdout set"); with ``--holdout`` alone the Faker part is skipped.
"""

from __future__ import annotations

import argparse

from benchmarks.common import dataset, mapping_of, scan_once
from benchmarks.independent_data import DATA, HOLDOUT, print_table, score_by_class
from benchmarks.peer_presidio_structured import run_peer, score
from compliance.detect.analyzer import build_analyzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peer-rows", type=int, default=2000)
    parser.add_argument("--independent", action="store_true", help="also score the data of tests/data/")
    parser.add_argument("--independent-only", action="store_true", help="only score the data of tests/data/")
    parser.add_argument("--holdout", action="store_true", help="score the data of tests/data/holdout/")
    args = parser.parse_args()
    if not (args.independent_only or (args.holdout and not args.independent)):
        faker_figures(args)
    if args.independent or args.independent_only:
        independent_figures("independent data (tests/data)", DATA)
    if args.holdout:
        independent_figures("holdout data (tests/data/holdout)", HOLDOUT)


def independent_figures(name: str, folder) -> None:
    for full in (False, True):
        title = f"{name}, " + ("--full" if full else "sample 1000")
        scores = score_by_class(lambda path, full=full: mapping_of(scan_once(path, full), full), folder)
        print_table(title, scores)


def faker_figures(args: argparse.Namespace) -> None:
    path, truth = dataset(args.rows, args.seed)
    rows = []
    sampled = scan_once(path, full=False)
    rows.append(("dataflow-compliance (sample 1000)", score(mapping_of(sampled, False), truth)))
    full = scan_once(path, full=True)
    rows.append(("dataflow-compliance --full", score(mapping_of(full, True), truth, include_sporadic=True)))
    peer = run_peer(path, build_analyzer(), rows=args.peer_rows)
    rows.append((f"{peer.peer} ({args.peer_rows} rows)", score(peer.mapping, truth)))
    print(f"dataset: {path} ({args.rows} rows x {len(truth)} columns)")
    print(f"{'scanner':48} {'precision':>9} {'recall':>7} {'F1':>6} {'entity':>7}")
    for name, s in rows:
        print(f"{name:48} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.entity_accuracy:7.3f}")
        for column, expected, predicted in s.mistakes:
            print(f"    {column}: expected {expected}, got {predicted}")


if __name__ == "__main__":
    main()
