"""``compliance baseline create|upgrade``: accept today's violations so that CI gates on new ones only.

``create`` reads exactly the inputs ``compliance scan`` reads (the same options, ``inputs.py``) and
writes every violation's fingerprint; it refuses to write a baseline when an input could not be
scanned, since that input's violations would be missing from it. ``upgrade`` rewrites an older
baseline format in the current one without changing what it accepts.
"""

from __future__ import annotations

import click

from ..errors import InputError
from ..output import refuse_clobbering
from ..redact import shown
from .inputs import build_report, echo_input_errors, gather_inputs, given_files, input_options, protected_files
from .scan_ledger import LedgerChoice, ledger_path, resolved_from_ledger


@click.group()
def baseline() -> None:
    """Baselines: accepted violations that do not fail the gate (compliance scan --baseline FILE)."""


@baseline.command("create")
@input_options
@click.option("--output", "-o", help="Baseline file to write (default: the project's, else .compliance-baseline.json).")
@click.option("--timestamp", is_flag=True, help="Record when it was created (default: no time, so files stay stable).")
@click.pass_context
def create(ctx, output, timestamp, **given):
    """Scan like `compliance scan` and record every violation found as accepted."""
    from .. import baseline as baselines

    ledger = ledger_path(LedgerChoice(None, False, None), given.get("project"))  # the history scans write
    refuse_clobbering(output, given_files(given), "the baseline", ledger=ledger)  # before anything is read
    inputs = resolved_from_ledger(gather_inputs(ctx, **given))  # processor.exported_this_year: from_ledger
    target = output or inputs.project_file("baseline") or baselines.DEFAULT_FILE
    ledger = ledger_path(LedgerChoice(None, False, None), inputs.project.path if inputs.project else None)
    refuse_clobbering(target, protected_files(inputs, baseline=False), "the baseline", ledger=ledger)
    report = build_report(inputs, "never")
    if report.errors:
        echo_input_errors(report)
        raise InputError(f"no baseline written: {len(report.errors)} input(s) could not be scanned")
    if report.nothing_scanned:  # a baseline of no data would accept nothing and prove nothing
        raise InputError(f"no baseline written: nothing was scanned ({len(report.assets)} asset(s) hold no data)")
    data = baselines.create(report, timestamp=timestamp)
    baselines.write(data, target)
    click.echo(f"{shown(target)}: {len(data['entries'])} violations of {len(report.assets)} assets accepted", err=True)


@baseline.command("upgrade")
@click.argument("file")
@click.option("--output", "-o", help="Where to write (default: FILE itself).")
def upgrade(file, output):
    """Rewrite a baseline of an older format version in the current one."""
    from .. import baseline as baselines

    refuse_clobbering(output, [], "the baseline")
    loaded = baselines.load(file)
    baselines.write(baselines.document(loaded), output or file)
    click.echo(f"{shown(output or file)}: format {loaded.read_version} → {baselines.CURRENT_VERSION}", err=True)
