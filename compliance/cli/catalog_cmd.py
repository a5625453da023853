"""``compliance catalog``: the data resource catalogue (数据资源目录) from a scan or from the ledger.

  compliance catalog [PATH... | --manifest FILE | project] --format csv|json|markdown|xlsx [-o FILE]
  compliance catalog --from-ledger [PATH|URL]            latest ledger record per asset, no scan
  compliance catalog --important                         the important/core-data identification list

Exit 0 when the catalogue was written; 2 on a usage or input error (an input that could not be
scanned is listed with status ``error`` and the run still exits 2: the catalogue is incomplete).
"""

from __future__ import annotations

import click

from ..audit.clock import current_time, iso
from ..catalog import FORMATS
from .audit_inputs import ledger_option, ledger_records, now_option, project_context, refuse_output, write_any
from .inputs import given_files, input_options


@click.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Write the catalogue here ('-': stdout).")
@ledger_option("--from-ledger", "Read the latest record per asset from the ledger instead of scanning")
@click.option("--important", is_flag=True, help="Only the important/core-data identification list (NDSMR Art 29).")
@now_option
@click.pass_context
def catalog(ctx, fmt, output, ledger, important, now, **given):
    """List every data asset with owner, level, categories, personal columns, flows and last scan."""
    from ..catalog import catalog_entries, important_items, manifests_by_id, render_catalog, render_important

    refuse_output(output, "the catalogue", ledger, given.get("project"), given_files(given))  # before any work
    moment = current_time(now)
    failed = False
    if ledger is not None:
        if given["paths"] or given["manifests"]:
            raise click.UsageError("--from-ledger reads the ledger: give no PATH or --manifest")
        project, pack = project_context(given)
        records, origin = ledger_records(ledger, project)
        manifests = project.manifests if project else ()
    else:
        records, manifests, pack, failed = _scanned(ctx, given, moment)
        origin = "scan"
    entries = catalog_entries(records, manifests, moment.date())
    meta = {"schema_version": "1", "from": origin, "generated_at": iso(moment), "policy": _policy(pack)}
    if important:
        items = important_items(entries, manifests_by_id(manifests), pack)
        content = render_important(items, fmt, lang=given["lang"], meta=meta)
    else:
        content = render_catalog(entries, fmt, lang=given["lang"], meta=meta)
    write_any(output, content, fmt)
    ctx.exit(2 if failed else 0)


def _policy(pack) -> dict | None:
    return {"id": pack.id, "version": pack.version} if pack is not None else None


def _scanned(ctx, given, moment):
    """Scan like ``compliance scan`` (project waivers and baseline applied) and turn the report into the
    records the ledger would keep: one catalogue for both origins."""
    from .. import baseline, waivers
    from ..gate import exit_code
    from ..ledger import records_from_report
    from .inputs import build_report, echo_input_errors, gather_inputs

    inputs = gather_inputs(ctx, **given)
    threshold = inputs.threshold(None)
    report = build_report(inputs, threshold)
    waivers_path, baseline_path = inputs.project_file("waivers"), inputs.project_file("baseline")
    if waivers_path:
        waivers.apply(report, waivers.load(waivers_path, inputs.pack), inputs.options.reference_date)
    if baseline_path:
        baseline.apply(report, baseline.load(baseline_path), inputs.pack.level_order)
    code = exit_code(report, threshold)
    echo_input_errors(report)
    processor = inputs.project.processor if inputs.project else None
    records = records_from_report(
        report,
        actor=None,
        exit_code=code,
        time=moment,
        pack=inputs.pack,
        manifests=inputs.manifests,
        processor=processor,
    )
    return records, inputs.manifests, inputs.pack, code == 2
