"""Each flow's own legal basis, purpose and recipient role (PIPL Arts 6, 13, 20, 21, 23).

A legal basis and a purpose belong to each flow, not to the asset: a sales contract (PIPL Art 13(1)(2))
covers delivering the order, not giving the data to an ad network. :func:`flow_view` gives a flow the
``flow.*`` facts the rules read, with the defaults and the derived facts filled in:

``flow.legal_basis``
    the flow's own ``legal_basis``, else the asset's (``manifest.legal_basis``), else missing; plus
    ``legal_duty`` when the flow names the law that obliges it (``statutory_duty_ref``: PIPL Art 13(1)(3)).
``flow.recipient_role``
    the flow's own ``recipient_role``, else ``independent_processor`` (PIPL Art 23, the strictest
    reading for the individual: notice and, under consent, separate consent).
``flow.basis_purposes``
    every purpose declared under one of the flow's bases (``consent.purposes``, ``contract.purposes``,
    ``hr_management.purposes`` ...); missing when none is declared. A basis covers a flow only for the
    purposes declared under it.
``flow.consent_needed``
    ``True`` unless a non-consent basis of the flow declares the flow's purpose (PIPL Art 13 para 2:
    under another basis no consent, and so no separate consent, is needed). Fails closed: no basis, an
    undeclared purpose, or a non-consent basis with no declared purposes all leave consent needed. A
    provision the law obliges (``statutory_duty_ref``, e.g. an AML report to the regulator) rests on the
    statutory duty, whose purpose the law itself fixes: no consent is needed.

The asset's facts are never changed; a flow's own fields always win over the defaults.
"""

from __future__ import annotations

from typing import Any

from ..policy.facts import NON_CONSENT_BASES

DEFAULT_ROLE = "independent_processor"
LEGAL_DUTY = "legal_duty"


def _purposes(manifest: dict[str, Any], basis: str) -> list[str] | None:
    section = manifest.get(basis)
    found = section.get("purposes") if isinstance(section, dict) else None
    return list(found) if isinstance(found, list) and found else None


def _bases(flow: dict[str, Any], manifest: dict[str, Any]) -> list[str] | None:
    own = flow.get("legal_basis")
    bases = own if own else manifest.get("legal_basis")
    return list(bases) if isinstance(bases, list) and bases else None


def consent_needed(bases: list[str] | None, purpose: Any, manifest: dict[str, Any]) -> bool:
    """Whether the flow rests on consent: no non-consent basis of it declares its purpose."""
    for basis in bases or ():
        if basis not in NON_CONSENT_BASES:
            continue
        declared = _purposes(manifest, basis)
        if declared is not None and purpose is not None and purpose in declared:
            return False
    return True


def flow_view(flow: dict[str, Any] | None, manifest: dict[str, Any] | None) -> dict[str, Any] | None:
    """The ``flow.*`` facts of one flow: as written, plus defaults and derived facts (see the module doc)."""
    if flow is None:
        return None
    manifest = manifest or {}
    view = dict(flow)
    bases = _bases(flow, manifest)
    obliged = bool(flow.get("statutory_duty_ref"))
    if obliged and LEGAL_DUTY not in (bases or ()):
        bases = [*(bases or ()), LEGAL_DUTY]
    if bases is not None:
        view["legal_basis"] = bases
    view.setdefault("recipient_role", DEFAULT_ROLE)
    purposes: list[str] = []
    for basis in bases or ():
        purposes += [p for p in _purposes(manifest, basis) or () if p not in purposes]
    if purposes:
        view["basis_purposes"] = purposes
    else:
        view.pop("basis_purposes", None)
    view["consent_needed"] = not obliged and consent_needed(bases, flow.get("purpose"), manifest)
    return view
