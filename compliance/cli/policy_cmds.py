"""``compliance policy list | show | validate``."""

from __future__ import annotations

import json

import click

from ..errors import ConfigError
from ..manifest.check import kind_of
from ..policy import DEFAULT_PACK, load_pack
from ..policy.describe import pack_to_dict
from ..redact import shown
from ..resources import builtin_pack_paths
from .render_pack import print_pack, print_pack_list

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)


@click.group()
def policy() -> None:
    """Inspect and validate policy packs."""


@policy.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def list_packs(fmt: str, lang: str) -> None:
    """List the built-in policy packs."""
    packs = [load_pack(path) for path in builtin_pack_paths().values()]
    if fmt == "json":
        rows = [{"id": p.id, "version": p.version, "title": p.title.get(lang), "rules": len(p.rules)} for p in packs]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_pack_list(packs, lang, default=DEFAULT_PACK)


@policy.command("show")
@click.argument("pack", required=False, default=DEFAULT_PACK)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def show(pack: str, fmt: str, lang: str) -> None:
    """Show a pack's levels, categories and rules (PACK: built-in id or file)."""
    loaded = load_pack(pack)
    if fmt == "json":
        click.echo(json.dumps(pack_to_dict(loaded, lang), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_pack(loaded, lang)


@policy.command("validate")
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Validate policy pack files; print every problem, one per line."""
    failed = 0
    for name in files:
        if kind_of(name) == "manifest":  # not 13 "unknown field" lines: say what it is
            failed += 1
            click.echo(
                f"error: {shown(name)} is an asset manifest, not a policy pack: "
                f"check it with `compliance manifest validate {shown(name)}`",
                err=True,
            )
            continue
        try:
            pack = load_pack(name)
        except ConfigError as err:
            failed += 1
            for line in err.errors:
                click.echo(f"error: {shown(line)}", err=True)
            continue
        enabled = len(pack.enabled_rules)
        click.echo(f"{shown(name)}: ok ({pack.id} {pack.version}, {enabled} rules enabled of {len(pack.rules)})")
    if failed:
        raise SystemExit(2)


@policy.command("docs")
@click.option("--out", "folder", default="docs/rules", show_default=True, help="Folder of the rule pages.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a page is not what the packs generate.")
def docs(folder: str, check: bool) -> None:
    """Generate the rule pages (one per rule, en and zh) from the built-in packs."""
    from ..policy.docs import pages, stale, write

    if check:
        problems = stale(folder)
        for name in problems:
            click.echo(f"{shown(folder)}/{name}: out of date (run `compliance policy docs`)", err=True)
        if problems:
            raise SystemExit(1)
        click.echo(f"{shown(folder)}: {len(pages())} pages up to date")
        return
    changed = write(folder)
    click.echo(f"{shown(folder)}: {len(changed)} page(s) written or removed, {len(pages())} up to date")
