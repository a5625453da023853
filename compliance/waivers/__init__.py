"""Waivers: reviewed, expiring exceptions (``schemas/waivers.schema.json``).

``load(path, pack)`` validates a waiver file against the schema and the pack's rules; ``apply(report,
waivers, day)`` suppresses the violations covered by waivers still valid on ``day`` and returns the
expired ones.
"""

from .apply import apply
from .load import load
from .model import Waiver, WaiverFile

__all__ = ["Waiver", "WaiverFile", "apply", "load"]
