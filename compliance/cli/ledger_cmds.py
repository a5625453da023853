"""``compliance ledger verify|export|exports``: check, archive and sum the scan ledger.

verify   walks the hash chain; names each edited, removed, inserted or reordered record; exit 1 if any
export   the records as JSON Lines (one canonical record per line, chain order) for archiving
exports  cross-border individuals per processor for a year (XB-2024's cumulative count since 1 January)
"""

from __future__ import annotations

import datetime
import json

import click

from ..output import refuse_clobbering, write_text
from ..redact import shown

_LEDGER = click.option(
    "--ledger",
    "target",
    metavar="PATH|URL",
    help="The ledger (default: $COMPLIANCE_LEDGER, else .compliance/ledger.db beside compliance.yaml "
    "or in this directory).",
)
_DATE = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"])


def _open(target: str | None):
    from ..ledger import open_ledger
    from ..ledger.target import ledger_target

    return open_ledger(ledger_target(target), create=False)


@click.group()
def ledger() -> None:
    """The scan ledger: one hash-chained record per asset per `compliance scan`."""


@ledger.command("verify")
@_LEDGER
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def verify(ctx, target, fmt):
    """Check the hash chain; name each edited, removed, inserted or reordered record (exit 1)."""
    with _open(target) as led:
        result = led.verify()
        name = led.shown_target
    if fmt == "json":
        write_text(None, json.dumps({"ledger": name, **result.as_dict()}, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [f"{name}: {line}" for line in result.problems]
        if result.ok:
            lines.append(f"{name}: {result.count} records, chain intact (head seq {result.head_seq})")
        else:
            lines.append(f"{name}: {len(result.problems)} problem(s) in {result.count} stored records: NOT INTACT")
        write_text(None, "\n".join(lines) + "\n")
    ctx.exit(0 if result.ok else 1)


@ledger.command("export")
@_LEDGER
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Write here ('-': stdout).")
@click.option("--since", type=_DATE, help="First day (or time, UTC) to export, inclusive.")
@click.option("--until", type=_DATE, help="Last day (or time, UTC) to export, inclusive.")
def export(target, fmt, output, since, until):
    """Write the records as JSON Lines, in chain order, each exactly as stored and hashed."""
    from ..ledger import canonical_json

    with _open(target) as led:
        refuse_clobbering(output, [getattr(led, "path", None)], "the export")
        since = since.date() if since is not None and since.time() == datetime.time() else since
        until = until.date() if until is not None and until.time() == datetime.time() else until
        text = "".join(canonical_json(record) + "\n" for record in led.records(since=since, until=until))
    write_text(output, text)


@ledger.command("exports")
@_LEDGER
@click.option("--year", type=click.IntRange(1970, 9999), help="Calendar year (default: this year, UTC).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def exports(target, year, fmt):
    """Individuals of the cross-border flows recorded in a year, per processor (XB-2024 volumes)."""
    from ..ledger.exports import yearly_exports

    year = year or datetime.datetime.now(datetime.UTC).year
    with _open(target) as led:
        totals = yearly_exports(led.records(since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31)), year)
    if fmt == "json":
        write_text(None, json.dumps([t.as_dict() for t in totals], ensure_ascii=False, indent=2) + "\n")
        return
    lines = [f"Cross-border exports recorded in {year} (each asset's flow counted once, at its largest):"]
    if not totals:
        lines.append("  none")
    for t in totals:
        who = shown(t.processor) if t.processor is not None else "(processor not named: processor.name)"
        lines.append(
            f"  {who}: {_count(t.individuals)} individuals, {_count(t.sensitive_individuals)} with sensitive PI, "
            f"{len(t.flows)} flow(s); {t.exempt_flows} exempt flow(s) not counted"
        )
        for flow in t.flows:
            lines.append(
                f"    {shown(flow['asset'])} / {shown(flow['flow'])}: {_count(flow['individuals'])} "
                f"({_count(flow['sensitive_individuals'])} sensitive), last scanned {flow['last_seen']}"
            )
    write_text(None, "\n".join(lines) + "\n")


def _count(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"
