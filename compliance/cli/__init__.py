"""The ``compliance`` command: parse, call the library, render, exit.

Exit codes (design.md): 0 nothing at or above the threshold, 1 violations at or above ``--fail-on``,
2 usage, configuration or input error. User errors print one line per problem and no traceback
unless ``--debug`` is given.
"""

from __future__ import annotations

import sys
import traceback

import click

from .. import __version__
from ..errors import ComplianceError, ConfigError
from ..output import broken_pipe_message, guarded_stdout, utf8_stdout
from ..redact import shown
from .anonymity_cmds import anonymity, anonymize
from .baseline_cmds import baseline
from .catalog_cmd import catalog
from .global_options import hoisted
from .ledger_cmds import ledger
from .library_warnings import masked_library_output
from .manifest_cmds import manifest
from .policy_cmds import policy
from .report_cmd import report
from .rules_cmds import rules
from .scan_cmd import scan
from .startup import skip_pandas_probe


class _Group(click.Group):
    """Turns library errors into one clear line per problem and exit code 2."""

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        skip_pandas_probe()  # the process entry point only (CliRunner calls .main())
        return super().__call__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoisted(self, ctx, args))  # `scan x --debug` as `--debug scan x`

    def invoke(self, ctx: click.Context):
        with masked_library_output(bool(ctx.params.get("debug"))):
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context):
        try:
            with guarded_stdout():  # a closed pipe or a full disk is one line and exit 2, for every command
                return super().invoke(ctx)
        except BrokenPipeError:
            click.echo(f"error: {broken_pipe_message()}", err=True)
            sys.exit(2)
        except ComplianceError as err:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            lines = err.errors if isinstance(err, ConfigError) else [str(err)]
            for line in lines:  # errors name files and quote values: through the masking gate
                click.echo(f"error: {shown(line)}", err=True)
            sys.exit(err.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dataflow-compliance")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check data assets against China's data-circulation security rules."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    utf8_stdout()


main.add_command(anonymity)
main.add_command(anonymize)
main.add_command(baseline)
main.add_command(manifest)
main.add_command(ledger)
main.add_command(catalog)
main.add_command(policy)
main.add_command(report)
main.add_command(rules)
main.add_command(scan)
