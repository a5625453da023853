"""Where ``compliance scan`` writes its report(s), and in which format, as the command line says it.

- ``-o FILE`` takes its format from the file's ending: ``.sarif`` (or ``.sarif.json``) SARIF, ``.json``
  JSON, ``.xml`` JUnit, ``.md`` markdown, ``.txt`` text; another ending takes ``--format FORMAT``, else text.
- ``-o`` is repeatable (``-o report.sarif -o report.xml``), and so is ``--format FORMAT=FILE``; a plain
  ``--format FORMAT`` without ``-o`` is the report on stdout, beside any ``FORMAT=FILE``.
- ``-o sarif`` (a format word where a file name belongs) is an error, not a text report in a file
  named ``sarif``; so are an ending that contradicts ``--format``, two reports for one file, and two
  plain ``--format`` words.

Resolving is pure (no file is touched): the scan command checks each file with ``refuse_clobbering``
before anything is read and writes each one through the atomic writer.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass

import click

from ..errors import UsageError
from ..output import STDOUT, refuse_clobbering, write_text
from ..report.formats import ALSO_WRITTEN_AS, EXTENSIONS, FORMATS, format_of

#: words that name a format rather than a file: ``-o sarif``, ``-o md``
FORMAT_WORDS = frozenset(FORMATS) | {end.rsplit(".", 1)[-1] for end in EXTENSIONS}
DEFAULT_FORMAT = "text"


@dataclass(frozen=True)
class Destination:
    format: str
    path: str  # ``-`` is stdout

    @property
    def stdout(self) -> bool:
        return self.path == STDOUT


class FormatOption(click.ParamType):
    """``FORMAT`` or ``FORMAT=FILE``; the value is ``(format, file or None)``."""

    name = "format"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        word, _, path = str(value).partition("=")
        word = word.strip().lower()
        if word not in FORMATS:
            self.fail(f"'{word}' is not a format (choose from {', '.join(FORMATS)})", param, ctx)
        if "=" in str(value) and not path:
            self.fail(f"'{value}': give a file after '=' (--format {word}=report{_ending(word)})", param, ctx)
        return (word, path or None)

    def get_metavar(self, param, ctx=None):
        return "[" + "|".join(FORMATS) + "][=FILE]"


def _ending(fmt: str) -> str:
    return next(end for end, f in EXTENSIONS.items() if f == fmt and end.count(".") == 1)


def _looks_like_a_format(path: str) -> bool:
    return os.path.basename(path) == path and path.lower() in FORMAT_WORDS


def _bare_word(path: str, given: str) -> UsageError:
    fmt = path.lower() if path.lower() in FORMATS else format_of(f"x.{path.lower()}") or DEFAULT_FORMAT
    return UsageError(
        f"{given}: '{path}' is a format, not a file name; write --format {fmt} for stdout, "
        f"-o report{_ending(fmt)} for a file (or -o ./{path} for a file really named so)"
    )


def _fits(fmt: str, path: str) -> bool:
    """A file may hold ``fmt`` unless its ending names another format."""
    said = format_of(path)
    return said is None or said == fmt or said in ALSO_WRITTEN_AS.get(fmt, ())


def resolve(formats: tuple[tuple[str, str | None], ...], outputs: tuple[str, ...]) -> list[Destination]:
    """Every report to write, in command-line order (files given by ``-o`` first), or a UsageError."""
    plain = [fmt for fmt, path in formats if path is None]
    pairs = [(fmt, path) for fmt, path in formats if path is not None]
    if len(plain) > 1:
        raise UsageError(
            f"--format given {len(plain)} times ({', '.join(plain)}): one report goes to stdout; "
            "write --format FORMAT=FILE (or -o FILE.ending) for each further report"
        )
    chosen = plain[0] if plain else None
    found: list[Destination] = []
    for path in outputs:
        if _looks_like_a_format(path):
            raise _bare_word(path, f"-o {path}")
        if path == STDOUT:
            found.append(Destination(chosen or DEFAULT_FORMAT, STDOUT))
            continue
        said = format_of(path)
        if chosen and not _fits(chosen, path):
            raise UsageError(
                f"-o {path}: the file's ending says {said} but --format says {chosen}; "
                f"drop --format, or name the file report{_ending(chosen)}"
            )
        found.append(Destination(chosen or said or DEFAULT_FORMAT, path))
    for fmt, path in pairs:
        if _looks_like_a_format(path):
            raise _bare_word(path, f"--format {fmt}={path}")
        if path != STDOUT and not _fits(fmt, path):
            raise UsageError(f"--format {fmt}={path}: the file's ending says {format_of(path)}, not {fmt}")
        found.append(Destination(fmt, path))
    if not outputs and (chosen or not pairs):
        found.append(Destination(chosen or DEFAULT_FORMAT, STDOUT))
    _no_file_twice(found)
    return found


def _no_file_twice(found: list[Destination]) -> None:
    seen: dict[str, Destination] = {}
    for destination in found:
        key = STDOUT if destination.stdout else os.path.normcase(os.path.abspath(destination.path))
        if key in seen:
            where = "stdout" if destination.stdout else destination.path
            raise UsageError(
                f"{where}: two reports ({seen[key].format} and {destination.format}) would be written there; "
                "give each report its own file"
            )
        seen[key] = destination


def refuse_clobbering_any(destinations: list[Destination], protected, ledger: str | None = None) -> None:
    """``refuse_clobbering`` for every file to be written (stdout: that it is open), the ledger file too."""
    protected = list(protected)
    for destination in destinations:
        refuse_clobbering(destination.path, protected, ledger=ledger)


def write_reports(report, destinations: list[Destination], lang: str, timestamps: bool, no_color: bool) -> None:
    """Render every report whole first, then write each through the atomic writer (stdout last, so a
    closed pipe does not keep the files from being written)."""
    from ..report import render
    from ..report.options import RenderOptions

    texts = []
    for destination in destinations:
        terminal = destination.stdout and sys.stdout is not None and sys.stdout.isatty()
        options = RenderOptions(lang=lang, timestamps=timestamps, color=terminal and color_wanted(no_color))
        text = io.StringIO()
        render(report, destination.format, text, options)
        texts.append((destination, text.getvalue()))
    for destination, text in sorted(texts, key=lambda item: item[0].stdout):
        write_text(destination.path, text)


def color_wanted(no_color: bool) -> bool:
    """Colour on a terminal unless ``--no-color`` or the ``NO_COLOR`` convention (set and not empty)."""
    return not no_color and not os.environ.get("NO_COLOR")


_OPTIONS = (
    click.option(
        "--format",
        "formats",
        type=FormatOption(),
        multiple=True,
        help="Report format (default text on stdout), or FORMAT=FILE for a report in a file (repeatable).",
    ),
    click.option(
        "--output",
        "-o",
        "outputs",
        multiple=True,
        help="Write the report to FILE, its format from the ending: .sarif .json .xml (JUnit) .md .txt "
        "(repeatable; '-' is stdout).",
    ),
    click.option("--no-color", is_flag=True, help="No colour in the report or progress bar (also: NO_COLOR=1)."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar and no notes on stderr: the report and errors."),
)


def output_options(command):
    """Decorator adding --format, --output/-o, --no-color and --quiet."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


__all__ = [
    "DEFAULT_FORMAT",
    "FORMAT_WORDS",
    "Destination",
    "color_wanted",
    "output_options",
    "refuse_clobbering_any",
    "resolve",
    "write_reports",
]
