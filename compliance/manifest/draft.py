"""``compliance manifest init DATASET``: a draft manifest from a scan, commented for the data owner.

The draft states what the scan found (level, categories, per table for a workbook) and lists every
evidence field the pack's rules ask for, each with a ``"<FILL IN ...>"`` placeholder and a comment:
what the field means (its schema description) and which rules ask for it. "Ask for" is decided by
the engine itself, not by a hand-kept list: the draft is evaluated like a manifest without evidence,
and each violation names the ``manifest.*`` / ``flow.*`` facts its rule needed but did not find.
Placeholders never count as evidence (``placeholders.py``): the draft validates only once the owner
has replaced or deleted every one.

Names from the data (columns, sheets, the file) pass the masking gate before they are written; a name
that had to be masked cannot be written as a key or a path, so the draft says so in a comment instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from ..errors import InputError
from ..redact import safe_name
from ..resources import load_schema
from .model import Flow, Manifest
from .placeholders import placeholder, placeholder_paths

SCHEMA = "asset-manifest.schema.json"
_ID = re.compile(r"[^A-Za-z0-9._/-]+")
_WRAP = 100
_HEADER = """\
# Draft asset manifest written by `compliance manifest init` (dataflow-compliance {version}, pack {pack}).
# Scanned {dataset}: {rows} rows read; detected level {level}; categories: {categories}.
#
# Every "<FILL IN ...>" below is evidence a rule of the pack asks for. Replace it with the real value
# (a document reference an auditor can be given, true/false, ...), or delete the field when you cannot
# show it: the rule that asks for it then reports the gap. A placeholder left in is an error for
# `compliance manifest validate` and `compliance scan` alike. Field reference: docs/manifest-format.md
"""


@dataclass
class _Leaf:
    value: Any
    meaning: str
    rules: list[str] = field(default_factory=list)


def _scalar(value: Any) -> str:
    """One YAML flow scalar or sequence, quoted by PyYAML (never by hand)."""
    text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6).strip()
    return text[1:-1]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _schema_node(fact: str) -> dict[str, Any] | None:
    """The schema of a ``manifest.*`` / ``flow.*`` fact, or None when it is not a written field."""
    schema = load_schema(SCHEMA)
    defs = schema["$defs"]
    head, _, rest = fact.partition(".")
    node: dict[str, Any] | None = schema if head == "manifest" else defs["flow"]
    for part in rest.split("."):
        node = _resolve(node, defs).get("properties", {}).get(part) if node is not None else None
    return _resolve(node, defs) if node is not None else None


def _placeholder_for(node: dict[str, Any], name: str) -> Any:
    if "enum" in node:
        return placeholder("one of " + " | ".join(map(str, node["enum"])))
    kind = node.get("type")
    if kind == "array":
        return [_placeholder_for(_resolve(node.get("items", {}), load_schema(SCHEMA)["$defs"]), name)]
    if kind == "boolean":
        return placeholder("true or false")
    if kind == "integer":
        return placeholder("a whole number")
    if node.get("format") == "date":
        return placeholder("YYYY-MM-DD")
    if name.endswith("_ref") or "evidence" in str(node.get("description", "")).lower():
        return placeholder("a document reference")
    return placeholder(node.get("title") or "text")


def _comment(text: str, indent: str) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(indent) + 2 + len(line) + 1 + len(word) > _WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return [f"{indent}# {line}" for line in lines]


def _asked(pack, scans, manifest: Manifest, lang: str, as_of) -> dict[tuple, _Leaf]:
    """(where, field path) -> placeholder leaf, for every evidence fact a violation says is missing."""
    from ..evaluate import evaluate_asset

    leaves: dict[tuple, _Leaf] = {}
    for scan in scans:
        violations, _ = evaluate_asset(pack, scan, manifest.for_table(scan.table), None, lang, as_of=as_of)
        for violation in violations:
            for fact in violation.missing:
                node = _schema_node(fact) if fact.startswith(("manifest.", "flow.")) else None
                if node is None or node.get("type") == "object":
                    continue  # a derived fact (flow.basis_purposes), not a field to write
                parts = tuple(fact.split(".")[1:])
                where = ("asset",) if fact.startswith("manifest.") else ("flow", violation.flow)
                leaf = leaves.setdefault((*where, *parts), _Leaf(_placeholder_for(node, parts[-1]), ""))
                leaf.meaning = node.get("description", "")
                label = f"{violation.rule} ({violation.title})"
                if label not in leaf.rules:
                    leaf.rules.append(label)
    return leaves


def _tree(leaves: dict[tuple, _Leaf], prefix: tuple) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, leaf in leaves.items():
        if key[: len(prefix)] != prefix:
            continue
        node = tree
        *parents, last = key[len(prefix) :]
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = leaf
    return tree


def _emit(tree: dict[str, Any], indent: str, out: list[str]) -> None:
    for key, item in tree.items():
        if isinstance(item, _Leaf):
            out += _comment(item.meaning, indent)
            out += _comment("asked by " + "; ".join(item.rules), indent)
            out.append(f"{indent}{key}: {_scalar(item.value)}")
        else:
            out.append(f"{indent}{key}:")
            _emit(item, indent + "  ", out)


def _asset_id(dataset: str) -> str:
    stem = Path(dataset).stem
    shown = safe_name(stem)
    slug = _ID.sub("-", shown).strip("-._/")
    return slug if slug and shown == stem else placeholder("asset id: letters, digits and . _ / -")


def _columns_by_category(scan) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for column in scan.columns:
        if column.category:
            entity = f" ({column.primary})" if column.primary else ""
            found.setdefault(column.category, []).append(safe_name(column.name) + entity)
    return found


def _declared(scan_or_scans, pack, indent: str, out: list[str]) -> None:
    scans = scan_or_scans if isinstance(scan_or_scans, list) else [scan_or_scans]
    level = pack.level_order.highest(s.level for s in scans if s.level) or placeholder("level id")
    categories = sorted({c for s in scans for c in s.categories})
    out += _comment(f"detected by the scan: {level}; declaring a lower level fails DCS-CL-001", indent)
    out.append(f"{indent}declared_level: {_scalar(level)}")
    out += _comment("detected; add what the scan cannot see (important_data, core_data, public_data)", indent)
    for scan in scans:
        for category, columns in _columns_by_category(scan).items():
            where = f"{safe_name(scan.table)}: " if scan.table and len(scans) > 1 else ""
            out += _comment(f"  {where}{category}: " + ", ".join(columns), indent)
    out.append(f"{indent}categories: {_scalar(categories)}")


def _source(dataset: str, folder: Path) -> tuple[str, list[str]]:
    relative = os.path.relpath(os.path.abspath(dataset), os.path.abspath(folder)).replace(os.sep, "/")
    if safe_name(relative) != relative:
        return placeholder("path of the dataset, relative to this file"), [
            "# the file name looks like personal data, so it is not written here"
        ]
    return relative, []


def draft_manifest(
    dataset: str,
    pack,
    options,
    *,
    flows: Sequence[str] = (),
    folder: str | Path = ".",
    lang: str = "en",
    asset_id: str | None = None,
) -> str:
    """The draft manifest text for ``dataset`` (one file), to be saved in ``folder``; ``asset_id``
    (default: from the file name) for drafts of a whole folder (``init_folder.py``)."""
    from ..scanner import scan_paths

    scans = scan_paths([dataset], pack, options)
    broken = [s for s in scans if s.error]
    if broken:
        raise InputError(broken[0].error or f"{dataset}: could not be scanned")
    if not scans or len({os.path.abspath(s.source) for s in scans}) != 1:
        raise InputError(f"{dataset}: manifest init drafts one dataset file (name a file, not a folder)")
    several = len(scans) > 1
    source, source_note = _source(dataset, Path(folder))
    level = pack.level_order.highest(s.level for s in scans if s.level)
    categories = sorted({c for s in scans for c in s.categories})
    data: dict[str, Any] = {"id": "draft", "source": source, "declared_level": level, "categories": categories}
    tables = {s.table: {"declared_level": s.level, "categories": list(s.categories)} for s in scans if several}
    flow_entries = [{"id": kind, "recipient_type": kind} for kind in dict.fromkeys(flows)]
    data.update({"tables": tables} if tables else {}, flows=flow_entries)
    manifest = Manifest(
        id="draft",
        path=str(Path(folder) / "manifest.yaml"),
        data=data,
        flows=tuple(Flow(id=f["id"], data=f) for f in flow_entries),
        source=source,
        declared_level=level,
        categories=tuple(categories),
        tables=tables,
    )
    leaves = _asked(pack, scans, manifest, lang, options.reference_date)

    rows = sum(s.rows_scanned for s in scans)
    out = _HEADER.format(
        version=__version__,
        pack=f"{pack.id} {pack.version}",
        dataset=safe_name(os.path.basename(dataset)),
        rows=rows,
        level=level,
        categories=", ".join(categories) or "none",
    ).splitlines()
    shown_id = _scalar(asset_id or _asset_id(dataset))
    out += ["", f"id: {shown_id}   # stable: reports, baselines and waivers are keyed by it"]
    out += source_note
    out.append(f"source: {_scalar(source)}   # relative to this file; a glob such as exports/orders-*.xlsx")
    out.append("")
    _declared(scans, pack, "", out)
    if several:
        out += ["", "# per-table declarations: they replace declared_level and categories for that table", "tables:"]
        for scan in scans:
            name = safe_name(scan.table or "")
            if name != scan.table:
                out.append("  # a table whose name looks like personal data: add it here by its name")
                continue
            out.append(f"  {_scalar(name)}:")
            _declared(scan, pack, "    ", out)
    asset_tree = _tree(leaves, ("asset",))
    if asset_tree:
        out += ["", "# ---- evidence the rules ask for"]
        _emit(asset_tree, "", out)
    out += ["", "# intended flows: `compliance manifest init DATASET --flow third_party` drafts their evidence"]
    if not flow_entries:
        out.append("flows: []")
    else:
        out.append("flows:")
        for entry in flow_entries:
            out.append(f"  - id: {_scalar(entry['id'])}")
            out.append(f"    recipient_type: {_scalar(entry['recipient_type'])}")
            _emit(_tree(leaves, ("flow", entry["id"])), "    ", out)
    return "\n".join(out) + "\n"


def placeholder_count(text: str) -> int:
    """How many placeholders a draft holds (the comments' mentions of them aside)."""
    return len(list(placeholder_paths(yaml.safe_load(text))))
