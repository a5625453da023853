"""``scan --skip-rule ID`` / ``--only-rule ID`` (repeatable): evaluate fewer rules for one run."""

from __future__ import annotations

from dataclasses import replace

import click

from ..policy.selection import select_rules
from .inputs import Inputs


def rule_selection_options(command):
    command = click.option(
        "--only-rule", "only_rules", multiple=True, metavar="ID", help="Evaluate only this rule (repeatable)."
    )(command)
    return click.option(
        "--skip-rule", "skip_rules", multiple=True, metavar="ID", help="Do not evaluate this rule (repeatable)."
    )(command)


def selected_rules(inputs: Inputs, skip: tuple[str, ...], only: tuple[str, ...], quiet: bool = False) -> Inputs:
    """``inputs`` with the pack's rules narrowed; an unknown id is a usage error (exit 2); says what was left out."""
    if not skip and not only:
        return inputs
    pack = select_rules(inputs.pack, skip, only)
    enabled = len(inputs.pack.enabled_rules)
    left_out = enabled - len(pack.enabled_rules)
    if not quiet:
        click.echo(f"note: {left_out} of {enabled} rules not evaluated (--skip-rule/--only-rule)", err=True)
    return replace(inputs, pack=pack)
