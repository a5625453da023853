"""Engines: where the detection kernel runs. See README.md in this folder for the layout.

``kernel.py`` is engine-neutral (an Arrow batch and a plan in, a mergeable tally out); ``local.py``
runs it on this machine's threads, ``spark.py`` in Spark's ``mapInArrow`` on executors. The scan
flow around them (decision sample, verdicts, classification) is ``compliance/scanner.py``.
"""

from __future__ import annotations

ENGINES = ("local", "spark")


def engine_for(name: str):
    """The engine called ``name`` (``spark`` needs the ``[spark]`` extra and Java)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine()
    if name == "spark":
        from .spark import SparkEngine

        return SparkEngine.shared()
    raise ValueError(f"unknown engine {name!r} (one of: {', '.join(ENGINES)})")
