"""What each ``manifest.*`` / ``flow.*`` fact a rule reads means, for ``compliance rules explain``.

The meaning of a written field is its description in ``schemas/asset-manifest.schema.json`` (one source
of truth with the manifest validator); derived flow facts (compliance/evaluate/flow_basis.py) are
described here. A data officer reading a rule thus sees which manifest fields satisfy it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..resources import load_schema
from .facts import DERIVED_FLOW_FACTS

DERIVED = {
    "flow.basis_purposes": "computed: every purpose declared under one of the flow's legal bases "
    "(consent.purposes, contract.purposes, hr_management.purposes ...)",
    "flow.consent_needed": "computed: true unless a non-consent basis of the flow (flow.legal_basis, default the "
    "asset's) declares the flow's purpose (PIPL Art 13 para 2)",
}
assert set(DERIVED) == set(DERIVED_FLOW_FACTS)


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _field(path: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    defs = schema["$defs"]
    head, _, rest = path.partition(".")
    node = schema if head == "manifest" else defs["flow"] if head == "flow" else None
    for part in rest.split(".") if node is not None else ():
        node = _resolve(node, defs).get("properties", {}).get(part)
        if node is None:
            return None
    return _resolve(node, defs) if node is not None else None


def describe_fact(path: str) -> str | None:
    """The meaning of a manifest or flow fact, or None for other namespaces and unknown paths."""
    if path in DERIVED:
        return DERIVED[path]
    field = _field(path, load_schema("asset-manifest.schema.json"))
    if field is None:
        return None
    return field.get("description") or None


def described_facts(paths: Iterable[str]) -> list[tuple[str, str]]:
    """(path, meaning) of each distinct manifest/flow fact among ``paths``, in order."""
    out: list[tuple[str, str]] = []
    for path in dict.fromkeys(paths):
        meaning = describe_fact(path)
        if meaning:
            out.append((path, meaning))
    return out
