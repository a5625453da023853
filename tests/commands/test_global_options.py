"""Group options work after the subcommand too (issue 12): ``compliance scan x --debug`` is
``compliance --debug scan x``; a subcommand's own option of the same name, eager options and anything
after ``--`` are left where they are."""

from __future__ import annotations

import click
from hypothesis import given
from hypothesis import strategies as st

from compliance.cli import main
from compliance.cli.global_options import hoisted

from .cmds_support import installed, write_dataset

TRACEBACK = "Traceback (most recent call last)"


def test_debug_after_the_subcommand_shows_the_traceback(tmp_path):
    write_dataset(tmp_path / "x.csv", ["phone", "order_no"])
    after = installed(tmp_path, "scan", "x.csv", "--pack", "missing.yaml", "--debug")
    before = installed(tmp_path, "--debug", "scan", "x.csv", "--pack", "missing.yaml")
    plain = installed(tmp_path, "scan", "x.csv", "--pack", "missing.yaml")
    assert after.returncode == before.returncode == plain.returncode == 2
    assert TRACEBACK in after.stderr and TRACEBACK in before.stderr
    assert TRACEBACK not in plain.stderr
    assert "no such option" not in after.stderr.lower()
    assert after.stderr.strip().splitlines()[-1] == plain.stderr.strip().splitlines()[-1]


def test_debug_after_a_nested_subcommand(tmp_path):
    done = installed(tmp_path, "policy", "show", "missing.yaml", "--debug")
    assert done.returncode == 2
    assert TRACEBACK in done.stderr


def test_help_after_the_subcommand_stays_the_subcommands_help():
    ctx = click.Context(main)
    assert hoisted(main, ctx, ["scan", "--help"]) == ["scan", "--help"]
    assert hoisted(main, ctx, ["scan", "--version"]) == ["scan", "--version"]


def test_nothing_after_double_dash_moves():
    ctx = click.Context(main)
    assert hoisted(main, ctx, ["scan", "a.csv", "--", "--debug"]) == ["scan", "a.csv", "--", "--debug"]


def _toy():
    @click.group()
    @click.option("--debug", is_flag=True)
    @click.option("--lang")
    def toy(debug, lang):
        pass

    @toy.command()
    @click.option("--lang")
    @click.argument("paths", nargs=-1)
    def own(lang, paths):
        pass

    @toy.command()
    @click.argument("paths", nargs=-1)
    def plain(paths):
        pass

    return toy


def test_an_option_the_subcommand_defines_itself_is_its_own():
    toy = _toy()
    ctx = click.Context(toy)
    assert hoisted(toy, ctx, ["own", "x", "--lang", "zh", "--debug"]) == ["--debug", "own", "x", "--lang", "zh"]
    assert hoisted(toy, ctx, ["plain", "x", "--lang", "zh"]) == ["--lang", "zh", "plain", "x"]
    assert hoisted(toy, ctx, ["plain", "x", "--lang=zh"]) == ["--lang=zh", "plain", "x"]
    assert hoisted(toy, ctx, ["--lang", "en", "plain", "--debug"]) == ["--lang", "en", "--debug", "plain"]


_TOKENS = st.lists(st.sampled_from(["a.csv", "b.xlsx", "--flow", "third_party", "-o", "r.json", "--full"]), max_size=6)


@given(before=_TOKENS, after=_TOKENS)
def test_debug_anywhere_after_scan_means_debug_first(before, after):
    ctx = click.Context(main)
    args = ["scan", *before, "--debug", *after]
    assert hoisted(main, ctx, args) == ["--debug", "scan", *before, *after]
    parsed = main.make_context("compliance", list(args), resilient_parsing=True)
    assert parsed.params["debug"] is True
