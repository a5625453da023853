"""The facts rules read (docs/policy-format.md): ``asset.*`` from the scan, ``manifest.*`` and
``flow.*`` as written by the asset owner, ``settings.*`` from the pack.

A fact that is absent or null is MISSING; conditions treat it as unknown, which fails closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..policy.model import MINORS_CATEGORY, Pack
from .flow_basis import flow_view

MISSING = object()


def _columns_with(scan, pack: Pack, identifier: str) -> list[str]:
    out = []
    for column in scan.columns:
        for hit in column.entities:
            mapping = pack.entities.get(hit.type)
            if mapping and mapping.identifier == identifier:
                out.append(column.name)
                break
    return out


def _required_level(detected: str | None, declared_categories: list[str], pack: Pack) -> str | None:
    """就高从严: the highest of the detected level and the minimum levels of the declared categories
    (declaring important_data must not leave the asset graded as general data)."""
    levels = [detected] if detected else []
    levels += [pack.category(c).min_level for c in declared_categories if pack.category(c)]
    return pack.level_order.highest(levels)


def asset_facts(scan, pack: Pack, manifest=None) -> dict[str, Any]:
    """``asset.*`` of one scanned asset, combined with what its manifest declares."""
    declared = list(manifest.categories) if manifest else []
    detected = list(scan.categories)
    categories = sorted(set(detected) | set(declared))
    known = [pack.category(c) for c in categories if pack.category(c)]
    personal_detected = [c for c in detected if (pack.category(c) and pack.category(c).personal)]
    facts = scan.facts
    return {
        "id": scan.id,
        "source": scan.source,
        "entities": sorted({hit.type for column in scan.columns for hit in column.entities}),
        "categories": categories,
        "personal": any(c.personal for c in known),
        "sensitive": any(c.sensitive for c in known),
        "direct_identifiers": _columns_with(scan, pack, "direct"),
        "quasi_identifiers": _columns_with(scan, pack, "quasi"),
        "level": {
            "detected": _required_level(scan.level, declared, pack),
            "declared": manifest.declared_level if manifest else None,
        },
        "minors_share": facts.minors_share,
        # PIPL Art 28, 31: minors inferred from resident-ID birth dates, or declared by the owner
        "minors": facts.minors_records > 0 or MINORS_CATEGORY in declared,
        "distinct_individuals": facts.distinct_individuals,
        "rows_total": scan.rows_total,
        "undeclared_categories": sorted(c for c in personal_detected if c not in declared),
        "anonymity": getattr(scan, "anonymity", None),  # asset.anonymity.*: measured by anonymity.scan_hook
    }


@dataclass
class Facts:
    asset: dict[str, Any]
    settings: dict[str, Any]
    manifest: dict[str, Any] | None = None
    flow: dict[str, Any] | None = None
    #: further roots derived by the engine: ``processor`` (the project file), ``xb`` (a flow's route)
    derived: dict[str, Any] = field(default_factory=dict)
    _roots: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._roots = {"asset": self.asset, "settings": self.settings, "manifest": self.manifest, "flow": self.flow}
        self._roots.update({k: v for k, v in self.derived.items() if k not in self._roots})

    def with_flow(self, flow: dict[str, Any] | None, derived: dict[str, Any] | None = None) -> Facts:
        # the flow's own basis, purpose and recipient role, defaults filled in (flow_basis.flow_view)
        view = flow_view(flow, self.manifest)
        return Facts(self.asset, self.settings, self.manifest, view, {**self.derived, **(derived or {})})

    def get(self, path: str) -> Any:
        head, _, rest = path.partition(".")
        node = self._roots.get(head)
        for part in rest.split(".") if rest else ():
            if not isinstance(node, dict) or part not in node:
                return MISSING
            node = node[part]
        return MISSING if node is None else node
