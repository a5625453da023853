"""``compliance manifest init FOLDER -o OUT``: one draft manifest per supported data file of a folder.

The files are the ones ``compliance scan FOLDER`` reads (the same walk: hidden entries, what ``.gitignore``
ignores and unsupported types are skipped). Each draft is ``OUT/<path under FOLDER>.yaml`` (``orders.csv``
→ ``OUT/orders.csv.yaml``, ``2025/q1.xlsx`` → ``OUT/2025/q1.xlsx.yaml``), its source relative to it and its
id the path without the ending (``2025/q1``; with the ending when two files would share one). A path that
looks like personal data is never written: its draft is ``OUT/draft-N.yaml`` with a placeholder id.
No draft is written over an existing file: they are all checked before the first one is written.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError, UsageError
from ..redact import safe_name
from .placeholders import placeholder

_ID = re.compile(r"[^A-Za-z0-9._/-]+")


@dataclass(frozen=True)
class Draft:
    dataset: str  # the file, as the walk gave it
    output: str  # where its draft goes
    asset_id: str


@dataclass
class FolderDrafts:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list = field(default_factory=list)  # sources.paths.Skip entries of the walk


def _relative(path: str, folder: str) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _slug(text: str) -> str:
    return _ID.sub("-", text).strip("-._/")


def plan(folder: str, output: str) -> FolderDrafts:
    """The drafts to write for ``folder`` into the folder ``output``; a UsageError when ``output`` is not a
    folder or one of the drafts exists, an InputError when the walk finds no supported file."""
    from ..sources.paths import expand_inputs

    if output == "-":
        raise UsageError(f"{folder} is a folder: give -o FOLDER to write one draft manifest per data file")
    if os.path.lexists(output) and not os.path.isdir(output):
        raise UsageError(f"{output}: is not a folder; a folder of datasets drafts one manifest per file into one")
    found = expand_inputs([folder])
    if found.rejected:
        path, reason = found.rejected[0]
        raise InputError(f"{safe_name(path)}: {reason}")
    if not found.files:
        raise InputError(f"{safe_name(folder)}: no supported data file in this folder (see: compliance scan {folder})")
    names = [_relative(f, folder) for f in found.files]
    stems = Counter(os.path.splitext(n)[0] for n in names)
    out = FolderDrafts(skipped=list(found.skipped))
    hidden = 0
    for path, name in zip(found.files, names, strict=True):
        stem = os.path.splitext(name)[0]
        if safe_name(name) != name or not _slug(stem):
            hidden += 1
            asset_id = placeholder("asset id: letters, digits and . _ / -")
            draft = Draft(path, os.path.join(output, f"draft-{hidden}.yaml"), asset_id)
        else:
            asset_id = _slug(stem if stems[stem] == 1 else name)
            draft = Draft(path, os.path.join(output, *f"{name}.yaml".split("/")), asset_id)
        out.drafts.append(draft)
    existing = [d.output for d in out.drafts if os.path.lexists(d.output)]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(f"{existing[0]} exists{more}: give another --output folder, or remove them first")
    return out
