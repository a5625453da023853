"""``compliance manifest validate | init``: check hand-written manifests, draft one from a scan."""

from __future__ import annotations

import click

from ..policy import DEFAULT_PACK, load_pack
from ..redact import shown

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
