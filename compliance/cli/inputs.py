"""What to scan, as the command line says it: shared by ``compliance scan`` and ``compliance baseline create``.

Three ways to say what to check:
  PATH... [--flow third_party]   datasets without manifests (rules only with --flow)
  --manifest FILE ...            assets described by manifests, with their flows
  (nothing)                      the project: compliance.yaml in this directory

One set of options and one gathering function, so that a baseline is always made from exactly the
inputs a later scan reads; ``only_changed`` narrows them to what changed since a git ref.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from ..policy import DEFAULT_PACK, load_pack
from ..redact import shown
from .progress import scan_progress

DEFAULT_MAX_COLUMNS = 20_000  # the scanner's (compliance.scanner.DEFAULT_MAX_COLUMNS; not imported: it is heavy)

if TYPE_CHECKING:
    from ..manifest import Manifest, Project
    from ..policy.model import Pack
    from ..report.model import Report
    from ..scanner import ScanOptions

#: what standard input may hold (``compliance.sources.paths.SUPPORTED_EXTENSIONS``' formats; not imported)
STDIN_FORMATS = ("csv", "tsv", "json", "jsonl", "parquet", "xlsx", "sqlite")

RECIPIENT_TYPES = (
    "internal",
    "third_party",
    "public_release",
    "cross_border",
    "data_exchange",
    "public_data_operation",
)

_INPUT_OPTIONS = (
    click.argument("paths", nargs=-1),
    click.option("--manifest", "manifests", multiple=True, help="Asset manifest (repeatable)."),
    click.option("--project", help="Project file (default: compliance.yaml in this directory when no PATH is given)."),
    click.option(
        "--flow", "flows", multiple=True, type=click.Choice(RECIPIENT_TYPES), help="Intended flow, without a manifest."
    ),
    click.option("--pack", help=f"Built-in pack id or pack file (default: the project's, else {DEFAULT_PACK})."),
    click.option(
        "--sample", type=click.IntRange(min=1), default=1000, show_default=True, help="Rows sampled per table."
    ),
    click.option("--seed", type=int, default=0, show_default=True, help="Seed of the deterministic sample."),
    click.option("--full", is_flag=True, help="Check every cell and report exact counts."),
    click.option(
        "--max-columns",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_COLUMNS,
        show_default=True,
        help="A table with more columns is an input error.",
    ),
    click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date for ages and waiver expiry (default: the project's, else today).",
    ),
    click.option("--encoding", help="Text encoding of CSV/TSV/JSON inputs (default: detected)."),
    click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Leave matching files and folders out (a name, or a path pattern with '/' and '**'; repeatable).",
    ),
    click.option(
        "--header-row",
        type=click.IntRange(min=1),
        help="Row number of the header in xlsx sheets and CSV files (default: detected).",
    ),
    click.option(
        "--stdin-format",
        type=click.Choice(STDIN_FORMATS),
        help="What the PATH '-' (standard input) holds (default: csv; compression is detected).",
    ),
    click.option("--nlp-model", help="An installed spaCy model for names and addresses (never downloaded)."),
    click.option(
        "--engine",
        type=click.Choice(["local", "spark"]),
        default="local",
        show_default=True,
        help="Where a --full pass tallies the rows and anonymised assets' k and l are measured: this machine's "
        "threads, or Spark executors (extra [spark]).",
    ),
    click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True),
)


def input_options(command):
    """Decorator adding the options that say what to scan (PATHS, --manifest, --project, --pack ...)."""
    for option in reversed(_INPUT_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class Inputs:
    pack: Pack
    options: ScanOptions
    project: Project | None
    manifests: tuple[Manifest, ...]
    paths: tuple[str, ...]
    flows: tuple[str, ...]
    lang: str
    debug: bool
    pack_file: str | None  # the pack, when it is a file of the repository rather than a built-in id

    @property
    def described(self) -> bool:
        """Assets come from manifests (a project or --manifest), not only from paths."""
        return self.project is not None or bool(self.manifests)

    def threshold(self, fail_on: str | None) -> str:
        return fail_on or (self.project.fail_on if self.project else None) or "high"

    def project_file(self, key: str) -> str | None:
        """The project's ``baseline`` or ``waivers`` file, relative to the working directory when it is
        inside it: reports name the file, and should not depend on where the checkout lives."""
        path = getattr(self.project, key, None) if self.project else None
        if path is None:
            return None
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive
            return path
        return path if relative.startswith("..") else relative


def gather_inputs(
    ctx: click.Context,
    *,
    paths,
    manifests,
    project,
    flows,
    pack,
    sample,
    seed,
    full,
    max_columns,
    as_of,
    encoding,
    nlp_model,
    lang,
    exclude=(),
    header_row=None,
    stdin_format=None,
    engine="local",
) -> Inputs:
    """Load the project or manifests and the pack, and check the options, before any scanning."""
    from ..manifest import find_project, load_manifest, load_project
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
    day = as_of.date() if as_of else (loaded_project.as_of if loaded_project else None)
    options = ScanOptions(
        sample=sample, seed=seed, full=full, as_of=day, encoding=encoding, nlp_model=nlp_model, max_columns=max_columns
    )
    options = replace(options, exclude=tuple(exclude), header_row=header_row, stdin_format=stdin_format)
    options = replace(options, engine=engine)
    if nlp_model:
        from ..detect.analyzer import build_analyzer

        build_analyzer(nlp_model)  # fails with one clear line when the model is not installed
    described = (
        tuple(loaded_project.manifests) if loaded_project else tuple(load_manifest(m, pack=loaded) for m in manifests)
    )
    return Inputs(
        pack=loaded,
        options=options,
        project=loaded_project,
        manifests=described,
        paths=tuple(paths),
        flows=tuple(flows),
        lang=lang,
        debug=bool(ctx.obj.get("debug")),
        pack_file=pack_ref if Path(pack_ref).is_file() else None,
    )


def only_changed(inputs: Inputs, ref: str, config_files=(), quiet: bool = False) -> Inputs:
    """The manifests and datasets changed since ``ref``; everything when a file that changes every result
    (the project file, the pack file and every pack it extends, ``config_files`` such as waivers and
    baseline) changed."""
    from ..changes import changed_files, manifest_changed, touches
    from ..sources.paths import expand_paths

    changed = changed_files(ref)
    packs = inputs.pack.files if inputs.pack_file else ()  # a built-in pack (and what it extends) ships with the tool
    config = [inputs.project.path if inputs.project else None, *packs, *config_files]
    if any(touches(f, changed) for f in config if f):
        if not quiet:
            click.echo(f"--since {ref}: configuration changed, scanning everything", err=True)
        return inputs
    manifests = tuple(m for m in inputs.manifests if manifest_changed(m, changed))
    files, rejected = expand_paths(inputs.paths)
    # inputs that cannot be scanned stay in, so they are still reported (the gate fails closed)
    paths = tuple(f for f in files if touches(f, changed)) + tuple(path for path, _ in rejected)
    total, kept = len(inputs.manifests) + len(files), len(manifests) + len(paths) - len(rejected)
    if not quiet:
        click.echo(f"--since {ref}: {kept} of {total} manifests and datasets changed", err=True)
    return replace(inputs, manifests=manifests, paths=paths)


def build_report(inputs: Inputs, fail_on: str, *, quiet: bool = False, no_color: bool = False) -> Report:
    """Scan and evaluate the inputs (progress on stderr when it is a terminal, unless ``quiet``); the
    report is not yet gated."""
    from ..run import manifests_report, scan_report

    common = {"lang": inputs.lang, "fail_on": fail_on, "debug": inputs.debug}
    common["processor"] = inputs.project.processor if inputs.project else None
    with scan_progress(quiet, no_color) as progress:
        if inputs.described:
            report = manifests_report(list(inputs.manifests), inputs.pack, inputs.options, progress=progress, **common)
            if inputs.paths:
                extra = scan_report(inputs.paths, inputs.pack, inputs.options, progress=progress, **common)
                report.assets = sorted(report.assets + extra.assets, key=lambda a: a.scan.id)
                report.skipped = sorted(report.skipped + extra.skipped, key=lambda s: s.path)
            return report
        return scan_report(inputs.paths, inputs.pack, inputs.options, flows=inputs.flows, progress=progress, **common)


def given_files(given: dict, *extra: str | None) -> list[str]:
    """The files the command line names for reading (datasets expanded, --manifest, --project, --pack
    and ``extra`` such as --baseline/--waivers): known before anything is read, so ``-o`` can be checked."""
    from ..sources.paths import expand_paths

    files, _ = expand_paths(given.get("paths") or ())
    project = given.get("project") or (None if given.get("paths") or given.get("manifests") else "compliance.yaml")
    return [*files, *(given.get("manifests") or ()), project, given.get("pack"), *extra]


def protected_files(inputs: Inputs, *extra: str | None, baseline: bool = True) -> list[str]:
    """Every file the run reads once the project and manifests are loaded (their sources included);
    ``baseline=False`` leaves out the project's baseline (``baseline create`` writes it)."""
    from ..errors import ComplianceError
    from ..sources.paths import expand_paths

    found: list[str | None] = [inputs.project.path if inputs.project else None, inputs.pack.source, *extra]
    if inputs.project:
        found += [inputs.project.baseline if baseline else None, inputs.project.waivers]
    for manifest in inputs.manifests:
        found.append(manifest.path)
        with contextlib.suppress(ComplianceError):  # a glob matching nothing: reported by the scan
            found += expand_paths(manifest.source_paths())[0]
    found += expand_paths(inputs.paths)[0]
    return [f for f in found if f]


def echo_input_errors(report: Report) -> None:
    for asset in report.errors:
        click.echo(f"error: {shown(asset.scan.error)}", err=True)  # names files and values: masked
    if report.nothing_scanned and not report.errors:
        what = f"{len(report.assets)} asset(s) hold no data" if report.assets else "no input was found"
        click.echo(f"error: nothing was scanned: {what} (an empty scan never passes)", err=True)


__all__ = [
    "RECIPIENT_TYPES",
    "Inputs",
    "build_report",
    "echo_input_errors",
    "gather_inputs",
    "given_files",
    "input_options",
    "protected_files",
]
