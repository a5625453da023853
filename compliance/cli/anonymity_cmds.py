"""``compliance anonymity check`` and ``compliance anonymize``: measure anonymity on the data, reach a target.

Exit codes: 0 targets met, 1 targets not met (direct identifiers, pseudonyms, k, l or t), 2 input errors.
"""

from __future__ import annotations

import sys

import click

from ..errors import UsageError
from ..policy import DEFAULT_PACK, load_pack

_LIST = click.option


def _columns(text: str | None) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()] if text else []


def _defaults(pack) -> dict:
    return dict(pack.settings.get("anonymisation") or {})


@click.group()
def anonymity() -> None:
    """Measure anonymisation on the data itself."""


@anonymity.command("check")
@click.argument("dataset")
@click.option("--qi", help="Quasi-identifier columns, comma-separated (default: suggested from the data).")
@click.option("--sensitive", help="Sensitive attribute columns, comma-separated.")
@click.option("--k", "k", type=click.IntRange(min=1), help="Target k (default: the pack's k_controlled).")
@click.option("--l", "l_", type=click.IntRange(min=1), help="Target distinct l (default with --sensitive: the pack's).")
@click.option("--t", "t", type=click.FloatRange(min=0, max=1), help="Target t (t-closeness).")
@click.option(
    "--max-suppression",
    type=click.FloatRange(min=0, max=1),
    default=0.05,
    show_default=True,
    help="Suppression allowed when proposing a generalisation.",
)
@click.option("--drop-nulls", is_flag=True, help="Records with a null quasi-identifier belong to no class.")
@click.option("--count-column", help="Aggregated data: the column giving how many records each row stands for.")
@click.option("--table", help="Table or sheet of a multi-table file.")
@click.option("--pack", default=DEFAULT_PACK, show_default=True, help="Pack whose settings give the default targets.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected).")
def check_cmd(dataset, qi, sensitive, k, l_, t, max_suppression, drop_nulls, count_column, table, pack, fmt, encoding):
    """Measure k-anonymity, l-diversity, t-closeness and re-identification risk of DATASET."""
    from ..anonymity.check import Targets, check
    from ..anonymity.render import render_json, render_text
    from ..run import shown_path

    loaded = load_pack(pack)
    settings = _defaults(loaded)
    sens = _columns(sensitive)
    targets = Targets(
        k=k or int(settings.get("k_controlled", 5)),
        l=l_ or (int(settings.get("l_sensitive", 2)) if sens else None),
        t=t,
        max_suppression=max_suppression,
    )
    report = check(
        dataset,
        loaded,
        qis=_columns(qi),
        sensitive=sens,
        targets=targets,
        table=table,
        encoding=encoding,
        drop_nulls=drop_nulls,
        count_column=count_column,
    )
    (render_json if fmt == "json" else render_text)(report, shown_path(dataset), sys.stdout)
    sys.exit(1 if report.failures else 0)


@click.command()
@click.argument("dataset")
@click.option("--qi", required=True, help="Quasi-identifier columns, comma-separated.")
@click.option("--k", "k", type=click.IntRange(min=1), required=True, help="Target k.")
@click.option("--l", "l_", type=click.IntRange(min=1), help="Target distinct l of the sensitive attributes.")
@click.option("--sensitive", help="Sensitive attribute columns, comma-separated (needed with --l).")
@click.option(
    "--max-suppression",
    type=click.FloatRange(min=0, max=1),
    default=0.05,
    show_default=True,
    help="Largest share of records that may be suppressed (removed).",
)
@click.option(
    "--hierarchy",
    "hierarchies",
    multiple=True,
    metavar="COLUMN=KIND",
    help="Hierarchy of a quasi-identifier (date, age, region_code, address, postal_code, number, category).",
)
@click.option(
    "--direct",
    "direct_action",
    type=click.Choice(["drop", "mask"]),
    default="drop",
    show_default=True,
    help="What to do with direct-identifier columns.",
)
@click.option(
    "--pseudonyms",
    "pseudonym_action",
    type=click.Choice(["keep", "drop", "replace"]),
    default="keep",
    show_default=True,
    help="What to do with pseudonym (hash/token) columns.",
)
@click.option("--output", "-o", "output", required=True, help="Output dataset (same format as the input).")
@click.option("--evidence", help="Evidence file (default: OUTPUT.evidence.json).")
@click.option("--table", help="Table or sheet of a multi-table file.")
@click.option("--pack", default=DEFAULT_PACK, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of replaced pseudonyms.")
@click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected).")
def anonymize(
    dataset,
    qi,
    k,
    l_,
    sensitive,
    max_suppression,
    hierarchies,
    direct_action,
    pseudonym_action,
    output,
    evidence,
    table,
    pack,
    seed,
    encoding,
):
    """Generalise and suppress DATASET to reach k (and l); write OUTPUT and its evidence file."""
    import os

    from ..anonymity import evidence as ev
    from ..anonymity.anonymize import anonymize as run
    from ..anonymity.check import Targets
    from ..anonymity.data import write_table
    from ..anonymity.hierarchies import parse_kind
    from ..output import refuse_clobbering
    from ..redact import shown
    from ..run import shown_path

    evidence = evidence or f"{output}.evidence.json"
    if os.path.abspath(output) == os.path.abspath(dataset):
        raise UsageError(f"{output}: the output would overwrite the input")
    refuse_clobbering(output, [dataset], "the anonymised dataset")  # before the work, not after it
    refuse_clobbering(evidence, [dataset, output], "the evidence file")
    targets = Targets(k=k, l=l_, max_suppression=max_suppression)
    chosen = dict(parse_kind(h) for h in hierarchies)
    result = run(
        dataset,
        load_pack(pack),
        qis=_columns(qi),
        targets=targets,
        sensitive=_columns(sensitive),
        hierarchies=chosen,
        direct_action=direct_action,
        pseudonym_action=pseudonym_action,
        table=table,
        encoding=encoding,
        seed=seed,
    )
    write_table(result.data, output, result.fmt)
    record = ev.build(result, targets, dataset, output, shown_path)
    ev.write(record, evidence)
    m = result.measurement
    changed = [s for s in result.plan.steps() if s["level"]]
    steps = ", ".join(f"{shown(s['column'])} → {s['level_name']}" for s in changed) or "none (suppression only)"
    click.echo(
        f"{shown_path(output)}: {result.data.num_rows} of {result.input_rows} records; k = {m.k}"
        + (f", l = {m.l}" if m.l is not None else "")
        + f"; suppressed {record['suppression']['records']} ({record['suppression']['rate']:.2%});"
        f" information loss {record['information_loss']['value']:.4f}"
    )
    click.echo(f"  generalisation: {steps}")
    for column, action in result.direct:
        click.echo(f"  direct identifier {shown(column.column)}: {action}")
    for column, action in result.pseudonyms:
        click.echo(f"  pseudonym column {shown(column.column)}: {action}")
    click.echo(f"  evidence: {shown_path(evidence)}")
