"""Where results go: a file replaced atomically, or stdout; every failure is one clear line.

- ``-o FILE`` writes a temporary file in FILE's folder and renames it over FILE only when the whole
  text is written and flushed, so a full disk, a crash or an interrupt never leaves a partial report
  that looks complete. An existing non-regular target (``/dev/null``, ``/dev/stdout``, a FIFO) is
  written directly: renaming over a device would replace it.
- ``-o`` naming a directory, a missing folder, or a file the run reads (a dataset, the pack, a
  manifest, the project file, a baseline, a waiver file) is refused before the scan
  (:func:`refuse_clobbering`): a report written over its own input destroys the evidence. So is the
  scan ledger's SQLite file (and its ``-wal``/``-shm``/``-journal`` companions), even before the ledger
  exists: the run would create it and then replace the history with a report.
- stdout gets the whole text at once; a closed pipe (``| head -0``) or a full device is an
  :class:`~compliance.errors.OutputError`. Reports are UTF-8 whatever the locale (JSON, SARIF and
  JUnit require it): :func:`utf8_stdout` switches a non-UTF-8 stdout (``PYTHONIOENCODING=cp1252``)
  to UTF-8 when it is a file or pipe, and to escapes (``\\u5f20``) on a terminal that cannot show it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator

import click

from .errors import OutputError

STDOUT = "-"


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


#: files SQLite keeps beside a database while it is open or mid-transaction
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _is_ledger(output: str, ledger: str) -> bool:
    """``output`` is the ledger file or one of its companions, whether or not they exist yet."""
    for end in SQLITE_COMPANIONS:
        companion = ledger + end
        if os.path.realpath(output) == os.path.realpath(companion):
            return True
        if os.path.lexists(output) and os.path.lexists(companion) and _same(output, companion):
            return True
    return False


def refuse_clobbering(
    output: str | None, protected: Iterable[str | None], what: str = "the report", ledger: str | None = None
) -> None:
    """Raise unless ``output`` can be written: not a directory, its folder exists, not one of ``protected``,
    not the ``ledger`` SQLite file (existing or not)."""
    if output is None or output == STDOUT:
        if sys.stdout is None:
            raise OutputError("stdout is closed; use -o FILE to write the result to a file")
        return
    if os.path.isdir(output):
        raise OutputError(f"{output}: is a directory; give a file name for {what}")
    if ledger and _is_ledger(output, ledger):
        raise OutputError(
            f"{output}: is the scan ledger ({ledger}); writing {what} there would destroy the scan history, "
            "choose another file"
        )
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise OutputError(f"{output}: the folder {folder} does not exist; create it or choose another file")
    if not os.path.lexists(output):
        return  # a file that does not exist yet is nobody's input
    for path in protected:
        if path and "://" not in path and os.path.lexists(path) and _same(output, path):
            raise OutputError(
                f"{output}: is also an input of this run ({path}); writing {what} there would destroy it, "
                "choose another file"
            )


def write_text(output: str | None, text: str) -> None:
    """``text`` to stdout (``None`` or ``-``) or to the file ``output`` (atomically)."""
    if output is None or output == STDOUT:
        write_stdout(text)
    else:
        write_file(output, text)


def write_file(path: str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` completely or not at all."""
    data = text.encode("utf-8")
    with atomic_target(path) as target, open(target, "wb") as stream:
        stream.write(data)
        stream.flush()
        if target != path:
            os.fsync(stream.fileno())


@contextlib.contextmanager
def atomic_target(path: str) -> Iterator[str]:
    """The file name to write instead of ``path``: a temporary file in ``path``'s folder, renamed over
    ``path`` when the block ends without error and removed when it fails, so ``path`` ends up complete or
    untouched. For an existing non-regular ``path`` (a device, a FIFO) the name is ``path`` itself. Any
    ``OSError`` in the block becomes one :class:`OutputError` line naming ``path``."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        try:
            yield path
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({_reason(err)})") from None
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder {folder} does not exist; create it or choose another file") from None
    except OSError as err:
        raise OutputError(f"{path}: cannot write here ({_reason(err)})") from None
    os.close(handle)
    try:
        yield temporary
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as err:
        _remove(temporary)
        raise OutputError(f"{path}: cannot write ({_reason(err)}); nothing was written") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_stdout(text: str) -> None:
    """The whole ``text`` to stdout, flushed; a closed or full stdout is an OutputError."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("stdout is closed; use -o FILE to write the result to a file")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise OutputError(broken_pipe_message()) from None
    except OSError as err:
        raise OutputError(f"cannot write to stdout ({_reason(err)})") from None


def broken_pipe_message() -> str:
    """Also silences the interpreter's own flush at exit, which would fail the same way."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    return "cannot write to stdout: the reading end of the pipe was closed; use -o FILE to keep the result"


class _GuardedStdout:
    """stdout whose write and flush failures are OutputErrors (one line, exit 2) for every writer:
    click.echo, rich consoles and renderers alike. Everything else is the real stream's."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def _guard(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise OutputError(broken_pipe_message()) from None
        except OSError as err:
            raise OutputError(f"cannot write to stdout ({_reason(err)})") from None

    def write(self, data):
        return self._guard(self._stream.write, data)

    def writelines(self, lines):
        return self._guard(self._stream.writelines, lines)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """While a command runs, stdout failures are OutputErrors; stdout is flushed before the command
    ends (not at interpreter exit, where a failure would be a traceback and exit 120)."""
    real = sys.stdout
    if real is None:
        yield
        return
    guarded = _GuardedStdout(real)
    sys.stdout = guarded
    try:
        yield
        guarded.flush()
    except (click.exceptions.Exit, SystemExit):  # a command's normal end: its output must be complete
        guarded.flush()
        raise
    except BaseException:  # the error being raised says more than a failed flush would
        with contextlib.suppress(OutputError):
            guarded.flush()
        raise
    finally:
        if sys.stdout is guarded:
            sys.stdout = real


def utf8_stdout() -> None:
    """Make stdout able to write any report (see the module docstring); never raises."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if stream is None or encoding in ("utf-8", "utf8") or not hasattr(stream, "reconfigure"):
        return
    try:
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8")
    except (OSError, ValueError):
        pass
