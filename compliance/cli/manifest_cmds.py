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
    the pack's rules ask for as a commented "<FILL IN ...>" placeholder."""
    from ..manifest.draft import draft_manifest, placeholder_count
    from ..scanner import ScanOptions

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
