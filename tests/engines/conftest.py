"""Engine tests: Spark (``local[2]``) needs pyspark and Java; without them the Spark tests skip locally
and FAIL when ``CI=true``. The session-wide network block (tests/conftest.py) is narrowed here to
loopback: pyspark talks to its JVM over 127.0.0.1 (and the local session binds there only)."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest


@pytest.fixture(autouse=True)
def _no_network(loopback_only):
    """Loopback only, not tests/conftest.py's block of everything (see the module docstring)."""


def require_spark() -> None:
    """Skip (locally) or fail (CI=true) when pyspark or Java is missing."""
    missing = []
    if importlib.util.find_spec("pyspark") is None:
        missing.append("pyspark (pip install '.[spark]')")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        missing.append("Java (Debian default-jre-headless)")
    if missing:
        message = "Spark engine tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
