"""``compliance manifest validate``: every problem of a manifest file, one ``file:line: json.path: message``.

The loader's schema, date, flow-id and pack checks (levels and categories of the pack in use), plus what
a scan would otherwise stop on: a ``source`` that names no file. A policy pack or a project file given
by mistake gets one line saying what it is and which command checks it, instead of a screen of
"unknown field" errors (and ``policy validate`` says the same of a manifest: :func:`kind_of`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ComplianceError, ManifestError
from ._read import normalised_document, read_yaml
from ._validate import problem
from .loader import _document, _pack_problems, load_manifest
from .model import Manifest, has_glob, is_url

if TYPE_CHECKING:
    from ..policy.model import Pack

_PACK_KEYS = frozenset({"rules", "levels", "entities", "column_signals", "documents", "extends"})


def kind_of(path: str | Path) -> str | None:
    """``"manifest"``, ``"pack"`` or ``"project"`` when the file is a YAML mapping that looks like one, else None."""
    try:
        data = read_yaml(path).data
    except ComplianceError:
        return None
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "source" in keys and not keys & _PACK_KEYS:
        return "manifest"
    if keys & _PACK_KEYS and "source" not in keys:
        return "pack"
    if "manifests" in keys and "source" not in keys:
        return "project"
    return None


def _wrong_kind(path: str | Path) -> list[str]:
    kind = kind_of(path)
    if kind == "pack":
        return [f"{path}:1: $: a policy pack, not an asset manifest (check it with: compliance policy validate)"]
    if kind == "project":
        return [f"{path}:1: $: a project file, not an asset manifest (compliance scan --project checks it)"]
    return []


def _source_problems(manifest) -> list[str]:
    source = manifest.source
    if is_url(source):
        return []
    doc = _document(manifest)
    try:
        paths = manifest.source_paths()
    except ComplianceError:
        return [problem(doc, ("source",), f"'{source}' matches no file (relative to {manifest.folder})")[1]]
    if not has_glob(source) and not os.path.exists(paths[0]):
        return [problem(doc, ("source",), f"'{source}' not found (relative to {manifest.folder})")[1]]
    return []


def manifest_problems(path: str | Path, pack: Pack | None = None) -> list[str]:
    """Every problem of one manifest file (empty when it is valid), each naming file, line and JSON path."""
    wrong = _wrong_kind(path)
    if wrong:
        return wrong
    try:
        manifest = load_manifest(path, pack)
    except ManifestError as err:
        return _with_pack_problems(path, err.errors, pack)
    return _source_problems(manifest)


def _with_pack_problems(path: str | Path, errors: list[str], pack: Pack | None) -> list[str]:
    """Schema problems plus the pack's (unknown levels and categories), so one round fixes them all;
    the loader stops before the pack checks when the schema fails."""
    try:
        doc, _ = normalised_document(read_yaml(path))
    except ComplianceError:
        return list(errors)
    data = doc.data
    if pack is None or not isinstance(data, dict):
        return list(errors)

    def strings(value) -> tuple[str, ...]:
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    tables = data.get("tables") if isinstance(data.get("tables"), dict) else {}
    level = data.get("declared_level")
    rough = Manifest(
        id=str(data.get("id")),
        path=doc.path,
        data=data,
        declared_level=level if isinstance(level, str) else None,
        categories=strings(data.get("categories")),
        tables={
            name: {"declared_level": t.get("declared_level"), "categories": strings(t.get("categories"))}
            for name, t in tables.items()
            if isinstance(t, dict)
        },
    )
    object.__setattr__(rough, "_doc", doc)
    extra = [message for _, message in _pack_problems(rough, pack)]
    lines = {message: _line(message) for message in [*errors, *extra]}
    return sorted(lines, key=lambda message: lines[message])


def _line(message: str) -> int:
    head = message.split(": ", 1)[0]
    number = head.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else 0
