"""What ``compliance catalog --from-ledger`` and ``compliance report`` share: the ledger they read, the
project beside it, the pinned time and writing text or binary output."""

from __future__ import annotations

import sys

import click

from ..audit.targets import shown_target
from ..errors import OutputError


def ledger_option(name: str, what: str):
    return click.option(
        name,
        "ledger",
        is_flag=False,
        flag_value="",
        default=None,
        metavar="[PATH|URL]",
        help=f"{what} (a SQLite file or SQLAlchemy URL; default .compliance/ledger.db beside the project file).",
    )


now_option = click.option(
    "--now", help="Pin the time the output is generated at (ISO date/time; env COMPLIANCE_NOW), for golden files."
)


def project_context(given: dict):
    """The project (``--project`` or ./compliance.yaml when present, else None) and the pack."""
    from pathlib import Path

    from ..manifest import find_project, load_project
    from ..policy import DEFAULT_PACK, load_pack

    found = Path(given["project"]) if given.get("project") else find_project(Path.cwd())
    project = load_project(found) if found else None
    pack = load_pack(given.get("pack") or (project.pack if project else None) or DEFAULT_PACK)
    return project, pack


def open_target(ledger: str, project):
    """The ledger (``--ledger``/``COMPLIANCE_LEDGER``/beside the project file), opened for reading: a
    missing one is one clear line (exit 2), never a new empty ledger."""
    from ..ledger import open_ledger
    from ..ledger.target import ledger_target

    target = ledger_target(ledger or None, project.path if project else None)
    return open_ledger(target, create=False), shown_target(target)


def refuse_output(output: str, what: str, ledger: str | None, project_file: str | None, reads=()) -> None:
    """Before any work: ``output`` is not a file the command reads nor the ledger's SQLite file."""
    from ..ledger.target import ledger_file, ledger_target
    from ..output import refuse_clobbering

    target = ledger_file(ledger_target(ledger or None, project_file))
    refuse_clobbering(output, [project_file, *reads], what, ledger=target)


def ledger_records(ledger: str, project) -> tuple[list[dict], str]:
    led, shown = open_target(ledger, project)
    try:
        return list(led.records()), shown
    finally:
        getattr(led, "close", lambda: None)()


def write_any(output: str, content: str | bytes, fmt: str) -> None:
    """Text through ``write_text``; bytes (xlsx, pdf) atomically to a file, or to a redirected stdout."""
    from ..output import atomic_target, write_text

    if isinstance(content, str):
        write_text(output, content)
        return
    if output == "-":
        if sys.stdout is None or sys.stdout.isatty():
            raise OutputError(f"{fmt} is a binary format: give -o FILE (or redirect stdout to a file)")
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    with atomic_target(output) as target, open(target, "wb") as stream:
        stream.write(content)
