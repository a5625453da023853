"""``compliance rules list | explain``."""

from __future__ import annotations

import json

import click

from ..errors import UsageError
from ..policy import DEFAULT_PACK, load_pack
from ..policy.applicability import rules_for
from ..policy.describe import rule_to_dict
from .inputs import RECIPIENT_TYPES
from .render_pack import print_rule, print_rule_list


@click.group()
def rules() -> None:
    """Look up the rules of a policy pack."""


@rules.command("list")
@click.option("--flow", type=click.Choice(RECIPIENT_TYPES), help="Only the rules that apply to a flow of this type.")
@click.option("--pack", default=DEFAULT_PACK, show_default=True, help="Built-in pack id or pack file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(flow: str | None, pack: str, lang: str, fmt: str) -> None:
    """List the enabled rules (id, severity, scope, title); with --flow, those a scan --flow TYPE evaluates."""
    loaded = load_pack(pack)
    selected = rules_for(loaded, flow)
    if fmt == "json":
        rows = [{"id": r.id, "severity": r.severity, "scope": r.scope, "title": r.title.get(lang)} for r in selected]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_rule_list(selected, lang)


@rules.command("explain")
@click.argument("rule_id")
@click.option("--pack", default=DEFAULT_PACK, show_default=True, help="Built-in pack id or pack file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(rule_id: str, pack: str, lang: str, fmt: str) -> None:
    """Explain a rule: what it checks, why, its legal references and how to fix a violation."""
    loaded = load_pack(pack)
    rule = loaded.rule(rule_id.upper())
    if rule is None:
        raise UsageError(f"no rule '{rule_id}' in pack {loaded.id} (see: compliance policy show {loaded.id})")
    if fmt == "json":
        click.echo(json.dumps(rule_to_dict(rule, loaded, lang), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_rule(rule, loaded, lang)
