"""``compliance manifest validate | init``: check hand-written manifests, draft one from a scan."""

from __future__ import annotations

import os

import click

from ..errors import UsageError
from ..output import write_text
from ..policy import DEFAULT_PACK, load_pack
from ..redact import shown
from .inputs import RECIPIENT_TYPES

PACK = click.option("--pack", default=DEFAULT_PACK, show_default=True, help="Built-in pack id or pack file.")


@click.group()
def manifest() -> None:
    """Validate asset manifests, or draft one from a dataset."""


@manifest.command("validate")
@click.argument("files", nargs=-1, required=True)
@PACK
def validate(files: tuple[str, ...], pack: str) -> None:
    """Validate asset manifests (schema, dates, flow ids, the pack's levels and categories, source files).

    Prints one line per problem, ``file:line: json.path: message``, and exits 2 when there is any.
    """
    from ..manifest.check import manifest_problems

    loaded = load_pack(pack)
    failed = 0
    for name in files:
        problems = manifest_problems(name, loaded)
        for line in problems:
            click.echo(shown(line))  # names files and quotes values: through the masking gate
        if problems:
            failed += 1
        else:
            click.echo(f"{shown(name)}: ok", err=True)
    if failed:
        click.echo(f"error: {failed} of {len(files)} manifest(s) have problems", err=True)
        raise SystemExit(2)


def _init_folder(folder: str, pack, flows, output: str, options, lang: str) -> None:
    """One draft per data file of ``folder`` (the walk of ``scan FOLDER``) into the folder ``output``;
    a file that cannot be scanned is one line, the others are still drafted, and the command exits 2."""
    from ..errors import ComplianceError
    from ..manifest.draft import draft_manifest, placeholder_count
    from ..manifest.init_folder import plan
    from ..output import write_file
    from ..report.model import Report
    from ..report.notices import skipped_summary

    planned = plan(folder, output)  # every draft checked before the first is written
    failed = placeholders = 0
    for draft in planned.drafts:
        where = os.path.dirname(draft.output)
        try:
            text = draft_manifest(
                draft.dataset, pack, options, flows=flows, folder=where, lang=lang, asset_id=draft.asset_id
            )
        except ComplianceError as err:
            click.echo(f"error: {shown(str(err))}", err=True)
            failed += 1
            continue
        os.makedirs(where, exist_ok=True)
        write_file(draft.output, text)
        placeholders += placeholder_count(text)
    written = len(planned.drafts) - failed
    summary = skipped_summary(Report("", "", "", "", options, [], skipped=planned.skipped))
    if summary:
        click.echo(f"note: {summary}", err=True)
    click.echo(
        f"wrote {written} draft(s) in {shown(output)}: fill in their {placeholders} placeholder(s), then: "
        f"compliance manifest validate $(find {shown(output)} -name '*.yaml')",
        err=True,
    )
    if failed:
        click.echo(f"error: {failed} of {len(planned.drafts)} file(s) could not be drafted", err=True)
        raise SystemExit(2)


@manifest.command("init")
@click.argument("dataset")
@PACK
@click.option(
    "--flow", "flows", multiple=True, type=click.Choice(RECIPIENT_TYPES), help="Draft a flow of this type (repeatable)."
)
@click.option("--output", "-o", default="-", show_default=True, help="Write the draft here ('-': stdout).")
@click.option("--sample", type=click.IntRange(min=1), default=1000, show_default=True, help="Rows sampled per table.")
@click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected).")
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True, help="Language of rule titles."
)
def init(dataset: str, pack: str, flows: tuple[str, ...], output: str, sample: int, encoding: str | None, lang: str):
    """Draft a manifest for DATASET from a scan: detected level and categories, and every evidence field
    the pack's rules ask for as a commented "<FILL IN ...>" placeholder. DATASET may be a folder: one
    draft per data file (the walk of `compliance scan FOLDER`) into the folder given by -o."""
    from ..manifest.draft import draft_manifest, placeholder_count
    from ..scanner import ScanOptions

    if os.path.isdir(dataset):
        _init_folder(dataset, load_pack(pack), flows, output, ScanOptions(sample=sample, encoding=encoding), lang)
        return
    if output != "-" and os.path.lexists(output):
        raise UsageError(f"{output} exists: give another --output, or remove it first")
    folder = (os.path.dirname(output) or ".") if output != "-" else "."
    options = ScanOptions(sample=sample, encoding=encoding)
    text = draft_manifest(dataset, load_pack(pack), options, flows=flows, folder=folder, lang=lang)
    write_text(output, text)
    if output != "-":
        count = placeholder_count(text)
        click.echo(
            f"wrote {shown(output)}: fill in its {count} placeholder(s), then: "
            f"compliance manifest validate {shown(output)}",
            err=True,
        )
