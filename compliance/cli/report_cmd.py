"""``compliance report``: the audit report from the ledger (HTML, Markdown or PDF; English or Chinese).

  compliance report [--ledger PATH|URL] [--since DATE] [--until DATE] --format html|markdown|pdf
                    [--lang zh|en] [--stale-days 90] [--now TIME] [-o FILE]

Exit 0 when the report was written and the ledger verifies; 1 when the ledger's chain is broken (the
report is still written, with the problems on its cover); 2 on a usage or input error.
"""

from __future__ import annotations

import click

from ..audit import FORMATS
from ..audit.clock import current_time, parse_moment
from .audit_inputs import ledger_option, now_option, open_target, project_context, refuse_output, write_any


def _bound(value: str | None, what: str, end: bool):
    if value is None:
        return None
    moment = parse_moment(value, what)
    if end and len(value.strip()) == 10:  # a date: the whole day is in
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment


@click.command()
@ledger_option("--ledger", "The ledger to report on")
@click.option("--since", help="First day (or time) of the period, inclusive (YYYY-MM-DD).")
@click.option("--until", help="Last day (or time) of the period, inclusive (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option(
    "--stale-days",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="A last scan older than this many days is stale.",
)
@click.option(
    "--project",
    help="Project file whose manifests are checked for never-scanned assets "
    "(default: compliance.yaml here, when present).",
)
@click.option("--pack", help="Pack for rule titles, references and thresholds (default: the project's).")
@click.option("--output", "-o", default="-", show_default=True, help="Write the report here ('-': stdout).")
@now_option
@click.pass_context
def report(ctx, ledger, since, until, fmt, lang, stale_days, project, pack, output, now):
    """Audit report from the scan ledger: levels, violations, trend, waivers, coverage, cross-border volume."""
    from ..audit import build_audit, render_audit, verification_of

    refuse_output(output, "the audit report", ledger, project, [pack])  # before any work
    moment = current_time(now)
    start, end = _bound(since, "--since", False), _bound(until, "--until", True)
    if start and end and start > end:
        raise click.UsageError("--since is after --until")
    loaded, pack_obj = project_context({"project": project, "pack": pack})
    led, shown = open_target(ledger or "", loaded)
    try:
        records = list(led.records())
        verification = verification_of(led.verify())
    finally:
        getattr(led, "close", lambda: None)()
    audit = build_audit(
        records,
        verification=verification,
        ledger=shown,
        now=moment,
        since=start,
        until=end,
        manifests=loaded.manifests if loaded else (),
        pack=pack_obj,
        stale_days=stale_days,
        lang=lang,
    )
    write_any(output, render_audit(audit, fmt), fmt)
    if not verification.ok:
        click.echo(f"error: the ledger {shown} does not verify: {len(verification.problems)} problem(s)", err=True)
    ctx.exit(0 if verification.ok else 1)
