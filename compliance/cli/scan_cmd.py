"""``compliance scan``: find personal data, classify each asset, evaluate the pack's rules, gate.

Three ways to say what to check (``inputs.py``, shared with ``compliance baseline create``):
  compliance scan PATH... [--flow third_party]   datasets without manifests (rules only with --flow)
  compliance scan --manifest FILE ...            assets described by manifests, with their flows
  compliance scan                                the project: compliance.yaml in this directory

CI gating: ``--baseline`` and ``--waivers`` (or the project's ``baseline``/``waivers``) suppress
accepted and waived violations, ``--since REF`` scans only what changed, ``--soft-fail`` reports
without failing. Baseline and waiver files are validated before the scan starts.
"""

from __future__ import annotations

import click

from ..gate import FAIL_ON, exit_code
from ..redact import shown
from .inputs import (
    build_report,
    echo_input_errors,
    gather_inputs,
    given_files,
    input_options,
    only_changed,
    protected_files,
)
from .outputs import output_options, refuse_clobbering_any, write_reports
from .outputs import resolve as outputs_of
from .rule_selection import rule_selection_options, selected_rules
from .scan_ledger import ScanLedger, ledger_choice, ledger_options, ledger_path


@click.command()
@input_options
@output_options
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run (default high).")
@click.option("--soft-fail", is_flag=True, help="Report, but exit 0 despite violations (input errors still exit 2).")
@click.option("--baseline", "baseline_path", help="Baseline file; its violations do not gate (default: the project's).")
@click.option("--waivers", "waivers_path", help="Waiver file of reviewed exceptions (default: the project's).")
@click.option(
    "--deny",
    "deny_terms",
    multiple=True,
    metavar="CATEGORY|ENTITY",
    help="Fail when a file holds this category or entity, with or without rules (repeatable).",
)
@click.option("--since", help="Scan only manifests and datasets changed since this git ref (plus uncommitted ones).")
@click.option("--no-timestamp", is_flag=True, help="Leave run times out of the report (for golden files).")
@rule_selection_options
@ledger_options
@click.pass_context
def scan(
    ctx,
    formats,
    outputs,
    no_color,
    quiet,
    fail_on,
    soft_fail,
    baseline_path,
    waivers_path,
    since,
    no_timestamp,
    **given,
):
    """Scan datasets or manifests, classify each asset and report rule violations."""
    from .. import baseline, deny, waivers

    destinations = outputs_of(formats, outputs)  # -o sarif, a contradicting ending: usage errors first
    ledger = ledger_choice(given)
    ledger_file = ledger_path(ledger, given.get("project"))
    read = given_files(given, baseline_path, waivers_path)
    refuse_clobbering_any(destinations, read, ledger_file)  # before anything is read
    skip, only = given.pop("skip_rules"), given.pop("only_rules")
    deny_terms = given.pop("deny_terms")
    inputs = selected_rules(gather_inputs(ctx, **given), skip, only, quiet)
    denied = deny.check_terms(deny_terms, inputs.pack)  # an unknown term: exit 2 before the scan
    waivers_path = waivers_path or inputs.project_file("waivers")
    baseline_path = baseline_path or inputs.project_file("baseline")
    ledger_file = ledger_path(ledger, inputs.project.path if inputs.project else None)
    protected = protected_files(inputs, baseline_path, waivers_path)
    refuse_clobbering_any(destinations, protected, ledger_file)  # and before the scan
    run_ledger = ScanLedger(ledger, inputs)  # opened before the scan: a ledger that cannot be opened stops it
    inputs = run_ledger.resolved(inputs)  # processor.exported_this_year: from_ledger
    waiver_file = waivers.load(waivers_path, inputs.pack) if waivers_path else None
    accepted = baseline.load(baseline_path) if baseline_path else None
    if since:
        inputs = only_changed(inputs, since, [p for p in (waivers_path, baseline_path) if p], quiet)
    threshold = inputs.threshold(fail_on)
    report = build_report(inputs, threshold, quiet=quiet, no_color=no_color)
    deny.apply(report, denied, inputs.pack)
    report.nothing_selected = bool(since) and not inputs.manifests and not inputs.paths
    if waiver_file is not None:
        waivers.apply(report, waiver_file, inputs.options.reference_date)
    if accepted is not None:
        baseline.apply(report, accepted, inputs.pack.level_order)
    # each report rendered whole first: stdout or each file gets all of it or nothing
    write_reports(report, destinations, inputs.lang, timestamps=not no_timestamp, no_color=no_color)
    echo_input_errors(report)
    if accepted is not None and accepted.upgraded and not quiet:
        click.echo(
            f"note: {shown(accepted.path)} is baseline format {accepted.read_version}; "
            f"`compliance baseline upgrade {shown(accepted.path)}` rewrites it in the current format",
            err=True,
        )
    ctx.exit(run_ledger.record(report, exit_code(report, threshold, soft_fail=soft_fail)))  # a lost record: exit 2
