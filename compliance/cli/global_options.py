"""Group-level options (``--debug`` and any other option of the ``compliance`` group) after the subcommand.

Click only accepts a group's options before the subcommand name, but people append them where they
notice the need: ``compliance scan data.csv --debug``. :func:`hoisted` moves such options in front of
the subcommand before Click parses, so both positions mean the same. An option that the subcommand
(or any command under it) defines itself is left alone: there it is the subcommand's own option.
Eager options (``--help``, ``--version``) are never moved, ``compliance scan --help`` stays the scan's
help, and nothing after a ``--`` separator is moved (it may be a path named like an option).
"""

from __future__ import annotations

import click


def _group_options(group: click.Group) -> dict[str, click.Option]:
    found: dict[str, click.Option] = {}
    for param in group.params:
        if isinstance(param, click.Option) and not param.is_eager:
            for name in (*param.opts, *param.secondary_opts):
                found[name] = param
    return found


def _takes_value(option: click.Option, token: str) -> bool:
    """Whether the option's value is the next token (``--lang zh``) rather than in this one."""
    return not (option.is_flag or option.count or "=" in token)


def _names_below(command: click.Command | None, ctx: click.Context) -> set[str]:
    """Every option name the command, or any command under it, defines."""
    if command is None:
        return set()
    names = {name for p in command.params if isinstance(p, click.Option) for name in (*p.opts, *p.secondary_opts)}
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            names |= _names_below(command.get_command(ctx, sub), ctx)
    return names


def _subcommand_index(args: list[str], options: dict[str, click.Option]) -> int | None:
    """Index of the subcommand name: the first token that is not one of the group's own options."""
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--" or not token.startswith("-"):
            return index if token != "--" else None
        option = options.get(token.split("=", 1)[0])
        if option is None:
            return None  # an unknown or eager option before the subcommand: Click reports or handles it
        index += 2 if _takes_value(option, token) else 1
    return None


def hoisted(group: click.Group, ctx: click.Context, args: list[str]) -> list[str]:
    """``args`` with the group's options that follow the subcommand moved in front of it."""
    options = _group_options(group)
    at = _subcommand_index(args, options)
    if not options or at is None:
        return args
    own = _names_below(group.get_command(ctx, args[at]), ctx)
    moved: list[str] = []
    kept: list[str] = []
    rest = args[at + 1 :]
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == "--":
            kept += rest[index:]
            break
        name = token.split("=", 1)[0]
        option = options.get(name)
        if option is None or name in own:
            kept.append(token)
            index += 1
            continue
        width = 2 if _takes_value(option, token) else 1
        moved += rest[index : index + width]
        index += width
    return [*args[:at], *moved, args[at], *kept]
