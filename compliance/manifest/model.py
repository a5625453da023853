"""Typed, immutable view of an asset manifest and of a project file (after validation).

``Manifest.data`` is the manifest exactly as written (dates normalised to ISO strings), because the
policy rules read it by path: the fact ``manifest.consent.separate.provision`` is
``data["consent"]["separate"]["provision"]`` and ``flow.pia_ref`` is ``Flow.data["pia_ref"]``. The
typed attributes are conveniences for the fields every stage needs.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..sources.globbing import glob_paths

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = frozenset("*?[")


def is_url(source: str) -> bool:
    """``postgresql://...``, ``s3://...``, ``file:///...``: a source the tool does not resolve as a path."""
    return bool(_URL.match(source))


def has_glob(text: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in text)


@dataclass(frozen=True)
class Flow:
    """One intended flow of an asset; ``data`` is the raw flow mapping (the ``flow.*`` facts)."""

    id: str
    data: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class Manifest:
    """One data asset as its owner declares it (the ``manifest.*`` facts) plus its flows."""

    id: str
    path: str  # the manifest file, as given
    data: dict[str, Any] = field(hash=False)
    flows: tuple[Flow, ...] = ()
    title: str | None = None
    owner: str | None = None
    source: str = ""
    declared_level: str | None = None
    categories: tuple[str, ...] = ()
    state: str | None = None
    #: ``tables:`` of the manifest: table name -> that table's own ``categories`` / ``declared_level``
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    def for_table(self, table: str | None) -> Manifest:
        """The manifest as the rules see it for one table: that table's declared categories and level
        (``tables:``) in place of the asset's, so a workbook's HR sheet does not declare the orders sheet."""
        own = self.tables.get(table) if table is not None else None
        if not own:
            return self
        data = {**self.data, **{k: v for k, v in own.items() if k in ("categories", "declared_level")}}
        view = replace(
            self,
            data=data,
            declared_level=data.get("declared_level"),
            categories=tuple(data.get("categories") or ()),
        )
        doc = getattr(self, "_doc", None)
        if doc is not None:
            object.__setattr__(view, "_doc", doc)
        return view

    @property
    def folder(self) -> Path:
        return Path(self.path).parent

    def source_paths(self) -> list[str]:
        """The dataset path(s) ``source`` names, relative paths resolved against the manifest's folder.

        A URL comes back unchanged; a plain path comes back joined (and ``..`` collapsed) whether or not
        it exists, so that the reader reports a missing file; a glob comes back as its matching files,
        sorted, and a glob matching nothing is an error (a silent empty asset would pass the gate).
        """
        source = self.source
        if is_url(source):
            return [_relative_sqlite(source, self.folder)]
        if not has_glob(source):
            return [os.path.normpath(source if os.path.isabs(source) else self.folder / source)]
        matches = glob_paths(source, root_dir=self.folder)
        found, seen = [], set()
        for match in matches:
            path = os.path.normpath(match if os.path.isabs(match) else self.folder / match)
            if os.path.isdir(path):
                continue
            real = os.path.realpath(path)  # a link loop under ** reaches one file many times: keep the first
            if real not in seen:
                seen.add(real)
                found.append(path)  # FIFOs and broken links too: the scan reports them, never a silent skip
        if not found:
            raise InputError(f"{self.path}: source '{source}' matches no file (relative to {self.folder})")
        return found


def _relative_sqlite(url: str, folder) -> str:
    """``sqlite:///shop.db`` in a manifest names the file beside the manifest (as a plain path does):
    the URL with that path made absolute (``sqlite:////abs/folder/shop.db``); other URLs unchanged."""
    scheme, sep, rest = url.partition(":///")
    if not sep or scheme.lower().split("+")[0] != "sqlite":
        return url
    path, query_sep, query = rest.partition("?")
    if not path or path.startswith("/") or path == ":memory:":
        return url
    return f"{scheme}:///{os.path.normpath(os.path.join(os.path.abspath(folder), path))}{query_sep}{query}"


@dataclass(frozen=True)
class Project:
    """A repository's ``compliance.yaml``: the pack, the manifests and the gate threshold."""

    path: str  # the project file
    pack: str | None  # a built-in pack id or a pack file path usable from the working directory; None: default
    manifests: tuple[Manifest, ...]
    fail_on: str | None = None
    as_of: datetime.date | None = None
    baseline: str | None = None  # baseline file, resolved against the project file's folder
    waivers: str | None = None  # waiver file, resolved against the project file's folder
    #: the processor's facts for the cross-border route (``processor.*``): ``ciio`` and
    #: ``exported_this_year.{individuals, sensitive_individuals}``; None or absent keys fail closed
    processor: dict[str, Any] | None = field(default=None, hash=False)
