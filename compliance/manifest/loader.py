"""Load asset manifests and the project file, collecting every problem before raising.

Manifests are untrusted, hand-written input: they go through ``safe_yaml`` (safe types, duplicate keys,
size and alias limits) and ``schemas/asset-manifest.schema.json``, and every problem becomes one line
``file:line: json.path: message`` in :attr:`ManifestError.errors`, the same shape as the pack loader's,
so a data owner fixes a manifest in one round.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ManifestError
from ..filekind import not_regular
from ..resources import builtin_pack_paths
from ..safe_yaml import YamlDocument
from ..sources.globbing import glob_paths
from ._read import normalised_document, read_yaml
from ._validate import Problems, date_problem, mapping_problem, problem, schema_problems
from .model import Flow, Manifest, Project, has_glob
from .placeholders import with_placeholders

if TYPE_CHECKING:
    from ..policy.model import Pack

SCHEMA = "asset-manifest.schema.json"
PROJECT_SCHEMA = "project.schema.json"
PROJECT_FILE = "compliance.yaml"
_MANIFEST_DOCS = "docs/manifest-format.md"
_DATE_FIELDS = (("retention", "until"),)


def _raise(problems: Problems) -> None:
    if problems:
        errors = [message for _, message in sorted(set(problems))]
        raise ManifestError(errors[0], errors=errors)


def _checked(
    path: str | Path,
    schema: str,
    what: str,
    date_fields: Iterable[tuple],
    extra: Callable[[YamlDocument], Problems] | None = None,
) -> YamlDocument:
    """Parse, normalise and validate one file (schema, dates, ``extra`` checks); raise with all problems."""
    doc = read_yaml(path)
    not_mapping = mapping_problem(doc, what)
    if not_mapping:
        _raise([not_mapping])
    doc, key_problems = normalised_document(doc)
    problems = [problem(doc, parts, message) for parts, message in key_problems]
    problems += schema_problems(doc, schema, _MANIFEST_DOCS)
    problems += [p for parts in date_fields if (p := date_problem(doc, parts))]
    if extra is not None:
        problems += extra(doc)
    _raise(with_placeholders(doc, problems))  # a draft's "<FILL IN>" is never evidence
    return doc


def _flow_id_problems(doc: YamlDocument) -> Problems:
    """Flow ids name a flow in reports, fingerprints and waivers, so they must be unique."""
    first: dict[str, int] = {}
    found: Problems = []
    flows = doc.data.get("flows")
    for index, flow in enumerate(flows if isinstance(flows, list) else []):
        flow_id = flow.get("id") if isinstance(flow, dict) else None
        if not isinstance(flow_id, str):
            continue  # reported by the schema
        line = doc.line_of(("flows", index, "id")) or 0
        if flow_id in first:
            found.append(
                problem(doc, ("flows", index, "id"), f"duplicate flow id '{flow_id}' (first on line {first[flow_id]})")
            )
        else:
            first[flow_id] = line
    return found


def _flow_date_problems(doc: YamlDocument) -> Problems:
    """``flows[i].cross_border.valid_until`` must be a calendar date (``2027-02-30`` is not)."""
    found: Problems = []
    flows = doc.data.get("flows")
    for index, flow in enumerate(flows if isinstance(flows, list) else []):
        route = flow.get("cross_border") if isinstance(flow, dict) else None
        value = route.get("valid_until") if isinstance(route, dict) else None
        if not isinstance(value, str) or len(value) != 10:
            continue  # absent, or reported by the schema
        try:
            datetime.date.fromisoformat(value)
        except ValueError as err:
            parts = ("flows", index, "cross_border", "valid_until")
            found.append(problem(doc, parts, f"invalid date '{value}' ({err})"))
    return found


def _flow_problems(doc: YamlDocument) -> Problems:
    return _flow_id_problems(doc) + _flow_date_problems(doc)


def _build(doc: YamlDocument) -> Manifest:
    data: dict[str, Any] = doc.data
    manifest = Manifest(
        id=data["id"],
        path=doc.path,
        data=data,
        flows=tuple(Flow(id=flow["id"], data=flow) for flow in data.get("flows") or []),
        title=data.get("title"),
        owner=data.get("owner"),
        source=data["source"],
        declared_level=data.get("declared_level"),
        categories=tuple(data.get("categories") or ()),
        state=data.get("state"),
        tables=dict(data.get("tables") or {}),
    )
    # Kept off the dataclass fields (equality, repr, asdict) but available for line numbers later.
    object.__setattr__(manifest, "_doc", doc)
    return manifest


def load_manifest(path: str | Path, pack: Pack | None = None) -> Manifest:
    """Load and validate one manifest; with ``pack``, also check its level and categories against it."""
    doc = _checked(path, SCHEMA, "an asset manifest", _DATE_FIELDS, _flow_problems)
    manifest = _build(doc)
    if pack is not None:
        _raise(_pack_problems(manifest, pack))
    return manifest


def _document(manifest: Manifest) -> YamlDocument:
    doc = getattr(manifest, "_doc", None)
    return doc if doc is not None else YamlDocument(data=manifest.data, path=manifest.path)


def _pack_problems(manifest: Manifest, pack: Pack) -> Problems:
    doc = _document(manifest)
    found: Problems = []
    order = pack.level_order
    if manifest.declared_level is not None and manifest.declared_level not in order:
        levels = ", ".join(order.ids)
        message = f"unknown level '{manifest.declared_level}' in pack {pack.id} ({levels})"
        found.append(problem(doc, ("declared_level",), message))
    known = ", ".join(c.id for c in pack.categories)
    declared = [((), manifest.declared_level, manifest.categories)]
    declared += [
        (("tables", name), t.get("declared_level"), t.get("categories") or ()) for name, t in manifest.tables.items()
    ]
    for at, level, categories in declared:
        if at and level is not None and level not in order:
            message = f"unknown level '{level}' in pack {pack.id} ({', '.join(order.ids)})"
            found.append(problem(doc, (*at, "declared_level"), message))
        for index, category in enumerate(categories):
            if pack.category(category) is None:
                message = f"unknown category '{category}' in pack {pack.id} ({known})"
                found.append(problem(doc, (*at, "categories", index), message))
    return found


def check_against_pack(manifest: Manifest, pack: Pack) -> list[str]:
    """``declared_level`` must be a level or sub-level of ``pack``; ``categories`` must be its categories.

    A manifest written for another pack would otherwise make level rules compare against an unknown
    level and category rules silently never match. Lines are known for manifests from
    :func:`load_manifest`; a hand-built :class:`Manifest` gets ``file: json.path: message``.
    """
    return [message for _, message in sorted(_pack_problems(manifest, pack))]


# ---------------------------------------------------------------------------------------- project


def find_project(start_dir: str | Path) -> Path | None:
    """``start_dir/compliance.yaml`` if it is a file (the directory itself only, no walking up)."""
    candidate = Path(start_dir) / PROJECT_FILE
    return candidate if candidate.is_file() else None


def _resolve_pack(doc: YamlDocument, base: Path) -> tuple[str | None, Path | None, Problems]:
    """(pack reference usable from the working directory, its file if it is a file, problems)."""
    ref = doc.data.get("pack")
    if ref is None:
        return None, None, []
    builtins = builtin_pack_paths()
    if ref in builtins:
        return ref, builtins[ref], []
    candidate = Path(ref) if os.path.isabs(ref) else base / ref
    if candidate.is_file():
        return str(candidate), candidate, []
    if Path(ref).suffix.lower() in (".yaml", ".yml") or "/" in ref or os.sep in ref:
        message = f"pack file '{ref}' not found (paths are relative to the project file)"
    else:
        known = ", ".join(sorted(builtins)) or "none"
        message = f"unknown policy pack '{ref}' (built-in packs: {known}; or give a path to a .yaml file)"
    return None, None, [problem(doc, ("pack",), message)]


def _expand(doc: YamlDocument, base: Path, exclude: set[Path]) -> tuple[list[str], Problems]:
    """Manifest files of every glob, each glob's matches sorted, first occurrence kept."""
    files: list[str] = []
    seen: set[Path] = set()
    found: Problems = []
    for index, pattern in enumerate(doc.data["manifests"]):
        matches = glob_paths(pattern, root_dir=base) if has_glob(pattern) else [pattern]
        hits = 0
        for match in matches:
            path = Path(match) if os.path.isabs(match) else base / match
            if not path.is_file():
                odd = not_regular(path)  # a FIFO or a device the glob reached: said, never skipped silently
                if odd:
                    hits += 1
                    found.append(problem(doc, ("manifests", index), f"{path} {odd}"))
                continue
            real = path.resolve()
            if real in exclude:
                continue
            hits += 1
            if real not in seen:
                seen.add(real)
                files.append(str(path))
        if not hits:
            if has_glob(pattern):
                what = f"no manifest file matches '{pattern}'"
            elif (base / pattern).is_dir():
                what = f"'{pattern}' is a folder; use a glob such as '{pattern.rstrip('/')}/*.yaml'"
            else:
                what = f"manifest file '{pattern}' not found"
            found.append(problem(doc, ("manifests", index), f"{what} (relative to {base})"))
    return files, found


def _duplicate_ids(manifests: list[Manifest]) -> Problems:
    first: dict[str, Manifest] = {}
    found: Problems = []
    for manifest in manifests:
        other = first.setdefault(manifest.id, manifest)
        if other is not manifest:
            where = _document(other)
            line = where.line_of(("id",))
            also = f"{other.path}:{line}" if line else other.path
            found.append(
                problem(_document(manifest), ("id",), f"duplicate manifest id '{manifest.id}' (also in {also})")
            )
    return found


def load_project(path_or_dir: str | Path, *, pack: Pack | None = None) -> Project:
    """Load ``compliance.yaml`` (or ``DIR/compliance.yaml``) and every manifest it names.

    All problems of the project file and of every manifest are collected into one ManifestError. With
    ``pack``, every manifest is also checked against it (see :func:`check_against_pack`).
    """
    given = Path(path_or_dir)
    file = given / PROJECT_FILE if given.is_dir() else given
    if given.is_dir() and not file.is_file():
        raise ManifestError(f"{given}: no {PROJECT_FILE} in this directory")
    doc = _checked(file, PROJECT_SCHEMA, "a project file", [("as_of",)])
    base = file.parent
    pack_ref, pack_file, problems = _resolve_pack(doc, base)
    exclude = {file.resolve()} | ({pack_file.resolve()} if pack_file else set())
    files, glob_problems = _expand(doc, base, exclude)
    problems += glob_problems
    manifests: list[Manifest] = []
    for path in files:
        try:
            manifests.append(load_manifest(path, pack))
        except ManifestError as err:
            problems += [(0, message) for message in err.errors]
    problems += _duplicate_ids(manifests)
    if problems:
        # keep each file's problems together, in the order the files were named
        errors = list(dict.fromkeys(message for _, message in problems))
        raise ManifestError(errors[0], errors=errors)
    as_of = doc.data.get("as_of")
    return Project(
        path=str(file),
        pack=pack_ref,
        manifests=tuple(manifests),
        fail_on=doc.data.get("fail_on"),
        as_of=datetime.date.fromisoformat(as_of) if as_of else None,
        processor=doc.data.get("processor"),
        baseline=_beside(base, doc.data.get("baseline")),
        waivers=_beside(base, doc.data.get("waivers")),
    )


def _beside(base: Path, ref: str | None) -> str | None:
    """A path from the project file, usable from the working directory (existence is checked on use)."""
    return None if ref is None else str(Path(ref) if os.path.isabs(ref) else base / ref)
