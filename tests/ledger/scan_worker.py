"""One of the concurrent scanners of test_concurrency.py: SCANS real scans, each recorded in the ledger.

    python scan_worker.py TARGET WORKER SCANS DATASET

Each scan is what `compliance scan DATASET` does (compliance.run.scan_report, records_from_report, a
fresh open_ledger per run, one append), without the CLI's start-up per scan: the test is about many
appenders racing on one ledger, not about interpreter start-up on a 2-core machine.
"""

from __future__ import annotations

import sys


def main(target: str, worker: str, scans: int, dataset: str) -> None:
    from compliance.ledger import open_ledger, records_from_report
    from compliance.policy import DEFAULT_PACK, load_pack
    from compliance.run import scan_report
    from compliance.scanner import ScanOptions

    pack = load_pack(DEFAULT_PACK)
    options = ScanOptions(sample=50)
    for scan in range(scans):
        report = scan_report([dataset], pack, options, flows=("cross_border",))
        records = records_from_report(report, actor=f"worker-{worker}", exit_code=1, pack=pack)
        for record in records:
            record["asset"]["table"] = f"scan-{scan}"  # which scan of which worker, checked by the test
        with open_ledger(target) as led:
            led.append(records)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
