"""``compliance scan``'s ledger: ``--ledger``, ``--no-ledger``, ``--actor``; one record per asset.

The ledger is opened before the scan (a wrong URL or an unwritable folder stops the run at once, exit
2) and written after the report: a run whose record cannot be written fails closed with one line and
exit 2, whatever the scan found. ``processor.exported_this_year: from_ledger`` in the project file is
resolved here, before the scan, from the same ledger (``compliance.ledger.exports``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import click

from ..redact import safe_optional

_LEDGER_OPTIONS = (
    click.option(
        "--ledger",
        "ledger_target",
        metavar="PATH|URL",
        help="Scan ledger: a SQLite file or a SQLAlchemy URL (default: $COMPLIANCE_LEDGER, else "
        ".compliance/ledger.db beside the project file or in this directory).",
    ),
    click.option("--no-ledger", is_flag=True, help="Do not record this run in the scan ledger."),
    click.option(
        "--actor", help="Who ran the scan, for the ledger (default: the CI's actor variable, else the OS user)."
    ),
)


def ledger_options(command):
    for option in reversed(_LEDGER_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class LedgerChoice:
    target: str | None
    disabled: bool
    actor: str | None


def ledger_choice(given: dict) -> LedgerChoice:
    """Takes the ledger options out of the command's keyword arguments."""
    return LedgerChoice(given.pop("ledger_target", None), bool(given.pop("no_ledger", False)), given.pop("actor", None))


def ledger_path(choice: LedgerChoice, project_file: str | None) -> str | None:
    """The SQLite file this run's ledger is (or would be, with ``--no-ledger``): no report may go there."""
    from ..ledger.target import ledger_file, ledger_target

    return ledger_file(ledger_target(choice.target, project_file))


class ScanLedger:
    """The open ledger of one scan run (or nothing with ``--no-ledger``)."""

    def __init__(self, choice: LedgerChoice, inputs) -> None:
        from ..ledger.target import ledger_target, scan_actor

        self.inputs = inputs
        self.actor = safe_optional(scan_actor(choice.actor))
        self.ledger = None
        if not choice.disabled:
            from ..ledger import open_ledger

            project_file = inputs.project.path if inputs.project else None
            self.ledger = open_ledger(ledger_target(choice.target, project_file))

    def resolved(self, inputs):
        """``inputs`` with ``processor.exported_this_year: from_ledger`` replaced by the ledger's sums."""
        from ..ledger.exports import FROM_LEDGER, exported_this_year

        project = inputs.project
        processor = project.processor if project else None
        if not isinstance(processor, dict) or processor.get("exported_this_year") != FROM_LEDGER:
            return inputs
        if self.ledger is None:
            from ..errors import UsageError

            raise UsageError(f"{project.path}: processor.exported_this_year is from_ledger, but --no-ledger was given")
        day = inputs.options.reference_date  # the records of its year up to that day
        exclude = {(m.id, flow.id) for m in inputs.manifests for flow in m.flows}  # this run's own flows
        records = self.ledger.records(since=datetime.date(day.year, 1, 1), until=day)
        sums = exported_this_year(records, day.year, processor.get("name"), exclude)
        resolved = {**processor, "exported_this_year": {k: v for k, v in sums.items() if v is not None}}
        return replace(inputs, project=replace(project, processor=resolved))

    def record(self, report, code: int) -> int:
        """Append the run's records; the exit code to use (2 when they cannot be written)."""
        if self.ledger is None:
            return code
        from ..ledger import LedgerError, records_from_report

        project = self.inputs.project
        try:
            records = records_from_report(
                report,
                actor=self.actor,
                exit_code=code,
                pack=self.inputs.pack,
                manifests=self.inputs.manifests,
                processor=project.processor if project else None,
            )
            self.ledger.append(records)
        except LedgerError as err:
            return _not_recorded(str(err))
        except Exception as err:  # fail closed: a run whose record is lost never passes
            if self.inputs.debug:
                raise
            return _not_recorded(f"ledger {self.ledger.shown_target}: cannot record the run: {type(err).__name__}")
        finally:
            self.ledger.close()
        return code


def _not_recorded(message: str) -> int:
    from ..redact import shown

    click.echo(f"error: {shown(message)} (the scan is not recorded)", err=True)
    return 2


def resolved_from_ledger(inputs):
    """``inputs`` with ``exported_this_year: from_ledger`` summed from the default ledger
    (``compliance baseline create``, which records nothing, reads the ledger scans write)."""
    processor = inputs.project.processor if inputs.project else None
    if not isinstance(processor, dict) or not isinstance(processor.get("exported_this_year"), str):
        return inputs
    run = ScanLedger(LedgerChoice(None, False, None), inputs)
    try:
        return run.resolved(inputs)
    finally:
        run.ledger.close()
