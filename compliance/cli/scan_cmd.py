"""``compliance scan``: find personal data, classify each asset, evaluate the pack's rules, gate.

Three ways to say what to check:
  compliance scan PATH... [--flow third_party]   datasets without manifests (rules only with --flow)
  compliance scan --manifest FILE ...            assets described by manifests, with their flows
  compliance scan                                the project: compliance.yaml in this directory
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..gate import FAIL_ON, exit_code
from ..policy import DEFAULT_PACK, load_pack
from ..report.formats import FORMATS
from ..report.options import RenderOptions
from .progress import scan_progress

RECIPIENT_TYPES = (
    "internal",
    "third_party",
    "public_release",
    "cross_border",
    "data_exchange",
    "public_data_operation",
)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--manifest", "manifests", multiple=True, help="Asset manifest (repeatable).")
@click.option("--project", help="Project file (default: compliance.yaml in this directory when no PATH is given).")
@click.option(
    "--flow", "flows", multiple=True, type=click.Choice(RECIPIENT_TYPES), help="Intended flow, without a manifest."
)
@click.option("--pack", help=f"Built-in pack id or pack file (default: the project's, else {DEFAULT_PACK}).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Write the report here ('-': stdout).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run (default high).")
@click.option("--sample", type=click.IntRange(min=1), default=1000, show_default=True, help="Rows sampled per table.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the deterministic sample.")
@click.option("--full", is_flag=True, help="Check every cell and report exact counts.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date for ages (default: today).")
@click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected).")
@click.option("--nlp-model", help="An installed spaCy model for names and addresses (never downloaded).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--no-timestamp", is_flag=True, help="Leave run times out of the report (for golden files).")
@click.pass_context
def scan(
    ctx,
    paths,
    manifests,
    project,
    flows,
    pack,
    fmt,
    output,
    fail_on,
    sample,
    seed,
    full,
    as_of,
    encoding,
    nlp_model,
    lang,
    no_timestamp,
):
    """Scan datasets or manifests, classify each asset and report rule violations."""
    from ..manifest import find_project, load_manifest, load_project
    from ..report import render  # heavy imports (Presidio) only when scanning
    from ..run import manifests_report, scan_report
    from ..scanner import ScanOptions

    loaded_project = None
    if project or not (paths or manifests):
        found = Path(project) if project else find_project(Path.cwd())
        if found is None:
            raise UsageError("give a PATH or --manifest, or run where a compliance.yaml project file is")
        loaded_project = load_project(found)
    if loaded_project and flows:
        raise UsageError("--flow is for datasets without manifests; manifests declare their own flows")
    pack_ref = pack or (loaded_project.pack if loaded_project else None) or DEFAULT_PACK
    loaded = load_pack(pack_ref)
    threshold = fail_on or (loaded_project.fail_on if loaded_project else None) or "high"
    day = as_of.date() if as_of else (loaded_project.as_of if loaded_project else None)
    options = ScanOptions(sample=sample, seed=seed, full=full, as_of=day, encoding=encoding, nlp_model=nlp_model)
    if nlp_model:
        from ..detect.analyzer import build_analyzer

        build_analyzer(nlp_model)  # fails with one clear line when the model is not installed
    common = {"lang": lang, "fail_on": threshold, "debug": ctx.obj.get("debug")}
    with scan_progress() as progress:
        if loaded_project or manifests:
            described = (
                list(loaded_project.manifests) if loaded_project else [load_manifest(m, pack=loaded) for m in manifests]
            )
            report = manifests_report(described, loaded, options, progress=progress, **common)
            if paths:
                extra = scan_report(paths, loaded, options, progress=progress, **common)
                report.assets = sorted(report.assets + extra.assets, key=lambda a: a.scan.id)
        else:
            report = scan_report(paths, loaded, options, flows=flows, progress=progress, **common)
    render_options = RenderOptions(lang=lang, timestamps=not no_timestamp, color=output == "-" and sys.stdout.isatty())
    if output == "-":
        render(report, fmt, sys.stdout, render_options)
    else:
        with open(output, "w", encoding="utf-8") as stream:
            render(report, fmt, stream, render_options)
    for asset in report.errors:
        click.echo(f"error: {asset.scan.error}", err=True)
    ctx.exit(exit_code(report, threshold))
