"""Stable violation fingerprints: the same finding has the same fingerprint on every run and machine.

Built from what identifies a finding (asset id, rule, flow, column), never from row numbers, file
order or time; a finding that moves to another column or asset is a new finding.
"""

from __future__ import annotations

import hashlib

VERSION = "v1"


def fingerprint(asset_id: str, rule_id: str, flow: str | None = None, column: str | None = None) -> str:
    key = "\x1f".join((VERSION, asset_id, rule_id, flow or "", column or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
