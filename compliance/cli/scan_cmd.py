"""``compliance scan PATH...``: find personal data, classify each asset, report."""

from __future__ import annotations

import sys

import click

from ..policy import DEFAULT_PACK, load_pack
from ..report.formats import FORMATS
from ..report.options import RenderOptions
from .progress import scan_progress


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--pack", default=DEFAULT_PACK, show_default=True, help="Built-in pack id or pack file.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Write the report here ('-': stdout).")
@click.option("--sample", type=click.IntRange(min=1), default=1000, show_default=True, help="Rows sampled per table.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the deterministic sample.")
@click.option("--full", is_flag=True, help="Check every cell and report exact counts.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date for ages (default: today).")
@click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected).")
@click.option("--nlp-model", help="An installed spaCy model for names and addresses (never downloaded).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--no-timestamp", is_flag=True, help="Leave run times out of the report (for golden files).")
@click.pass_context
def scan(ctx, paths, pack, fmt, output, sample, seed, full, as_of, encoding, nlp_model, lang, no_timestamp):
    """Scan datasets (files, directories or globs) for personal data and classify them."""
    from ..detect.analyzer import build_analyzer  # heavy imports (Presidio) only when scanning
    from ..report import render
    from ..run import scan_report
    from ..scanner import ScanOptions

    loaded = load_pack(pack)
    if nlp_model:
        build_analyzer(nlp_model)  # fails with a clear message when the model is not installed
    options = ScanOptions(
        sample=sample,
        seed=seed,
        full=full,
        as_of=as_of.date() if as_of else None,
        encoding=encoding,
        nlp_model=nlp_model,
    )
    with scan_progress() as progress:
        report = scan_report(paths, loaded, options, progress=progress, lang=lang, debug=ctx.obj.get("debug"))
    render_options = RenderOptions(lang=lang, timestamps=not no_timestamp, color=output == "-" and sys.stdout.isatty())
    if output == "-":
        render(report, fmt, sys.stdout, render_options)
    else:
        with open(output, "w", encoding="utf-8") as stream:
            render(report, fmt, stream, render_options)
    for asset in report.errors:
        click.echo(f"error: {asset.scan.error}", err=True)
    ctx.exit(2 if report.errors else 0)
