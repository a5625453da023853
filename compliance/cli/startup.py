"""Start-up of the ``compliance`` process: what a short run (a pre-commit hook, a CI step) must not pay.

pyarrow probes for pandas the first time it converts Python or numpy data (``pa.array``, ``take``):
when pandas is installed, that probe imports it, half a second of every run, although the command
line never hands pandas objects to pyarrow. ``skip_pandas_probe`` makes that import fail *in the
``compliance`` process only* (the console script and ``python -m compliance``; not the library, not
``CliRunner`` in tests), so pyarrow records "no pandas" and carries on. It does nothing when pandas
is already imported.
"""

from __future__ import annotations

import importlib.abc
import sys

PROBED = "pandas"


class _NoPandas(importlib.abc.MetaPathFinder):
    """Refuses ``import pandas`` (as if it were not installed) for the rest of this process."""

    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname == PROBED or fullname.startswith(PROBED + "."):
            raise ModuleNotFoundError(f"No module named {fullname!r} (not used by the compliance command)")
        return None


def skip_pandas_probe() -> None:
    """Install the finder once, unless pandas is already loaded (then pyarrow may already use it)."""
    if PROBED in sys.modules or any(isinstance(finder, _NoPandas) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _NoPandas())


def allow_pandas() -> None:
    """Undo :func:`skip_pandas_probe` (pyspark needs pandas: ``--engine spark``)."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _NoPandas)]
