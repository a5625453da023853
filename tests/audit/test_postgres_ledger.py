"""The catalogue and the audit report read a PostgreSQL ledger as they read SQLite (``--ledger URL``).

Needs ``COMPLIANCE_TEST_POSTGRES_URL`` (``eval "$(bash .ci/postgres.sh start)"``): skipped locally
without it, failing when ``CI=true`` (tests/ledger/conftest.py's fixtures: one schema per test,
network limited to loopback)."""

from __future__ import annotations

from compliance.ledger import open_ledger

from ..ledger.conftest import _no_network, pg_ledger  # noqa: F401 (fixtures)


def _without_ledger_name(text: str) -> str:
    """The outputs differ only where they name the ledger (a file, a URL with its password masked)."""
    return "\n".join(line for line in text.splitlines() if "| Ledger |" not in line and '"from":' not in line)


def test_report_and_catalog_from_postgresql_match_sqlite(cli, pg_ledger, history_ledger):  # noqa: F811
    url, _, _ = pg_ledger
    with open_ledger(history_ledger, create=False) as source, open_ledger(url) as target:
        for record in source.records():  # the same history, chained anew in PostgreSQL
            target.append([{k: v for k, v in record.items() if k not in ("seq", "prev_sha256", "sha256")}])
    for command, option, fmt in (("report", "--ledger", "markdown"), ("catalog", "--from-ledger", "json")):
        on_sqlite = cli.run(command, option, history_ledger, "--format", fmt, "--now", cli.now)
        on_postgres = cli.run(command, option, url, "--format", fmt, "--now", cli.now)
        assert on_postgres.exit_code == 0, on_postgres.stderr
        assert _without_ledger_name(on_postgres.stdout) == _without_ledger_name(on_sqlite.stdout)
    report = cli.run("report", "--ledger", url, "--format", "markdown", "--now", cli.now).stdout
    assert "**chain intact: 20 records verified**" in report
    ledger_line = next(line for line in report.splitlines() if "| Ledger |" in line)
    assert "postgresql://" in ledger_line and "schema=" not in ledger_line  # query (schema) left out
