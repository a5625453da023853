"""The fact names a policy rule may read (docs/policy-format.md, section *Facts*).

Rules are data, so a typo in a fact path (``manifest.consent.separate.sensitve_personal``)
would silently make a leaf false and hide or invent violations. The pack loader therefore
rejects any rule that reads a path this module does not know. Keep this list in step with
docs/policy-format.md: a new fact is one new line here plus its producer.
"""

from __future__ import annotations

import re

#: PIPL Art 13 bases other than consent; each may declare ``<basis>.purposes`` in a manifest
NON_CONSENT_BASES = (
    "contract",
    "hr_management",
    "legal_duty",
    "emergency",
    "news_reporting",
    "public_information",
    "other_law",
)

#: Facts derived from the data itself by the scanner and classifier.
ASSET_FACTS: frozenset[str] = frozenset(
    {
        "asset.id",
        "asset.source",
        "asset.entities",
        "asset.categories",
        "asset.personal",
        "asset.sensitive",
        "asset.direct_identifiers",
        "asset.quasi_identifiers",
        "asset.level.detected",
        "asset.level.declared",
        "asset.minors_share",
        "asset.minors",
        "asset.distinct_individuals",
        "asset.rows_total",
        "asset.undeclared_categories",
        # measured on the data of anonymised / de-identified assets (compliance/anonymity/scan_hook.py)
        "asset.anonymity.measured",
        "asset.anonymity.k",
        "asset.anonymity.l",
        "asset.anonymity.entropy_l",
        "asset.anonymity.t",
        "asset.anonymity.max_risk",
        "asset.anonymity.records_at_risk",
        "asset.anonymity.sensitive",
        "asset.anonymity.pseudonym_columns",
        "asset.anonymity.evidence",
    }
)

#: Facts taken from the asset manifest as written by the data owner.
MANIFEST_FACTS: frozenset[str] = frozenset(
    {
        "manifest.declared_level",
        "manifest.categories",
        "manifest.state",
        "manifest.anonymisation.method",
        "manifest.anonymisation.quasi_identifiers",
        "manifest.anonymisation.k",
        "manifest.anonymisation.l",
        "manifest.anonymisation.sensitive",
        "manifest.anonymisation.count_column",
        "manifest.anonymisation.evaluation_ref",
        "manifest.legal_basis",
        "manifest.consent.purposes",
        "manifest.consent.method",
        "manifest.consent.separate.sensitive_personal",
        "manifest.consent.separate.provision",
        "manifest.consent.separate.publication",
        "manifest.consent.separate.cross_border",
        "manifest.consent.guardian",
        "manifest.consent.withdrawal",
        "manifest.important_data.declaration_ref",
        "manifest.important_data.duties_ref",
        "manifest.individuals",
        "manifest.sensitive_individuals",
        "manifest.catalog_ref",
        "manifest.regrading_ref",
        "manifest.processing_records_ref",
        "manifest.retention.period",
        "manifest.retention.until",
        "manifest.retention.purpose_fulfilled",
        "manifest.retention.legal_hold_ref",
        "manifest.pia_ref",
        "manifest.notice_ref",
        "manifest.automated_decision",
        "manifest.automated_decision_controls.transparency_ref",
        "manifest.automated_decision_controls.fair_treatment",
        "manifest.automated_decision_controls.non_personalised_option",
        "manifest.automated_decision_controls.explanation_channel",
        # the purposes each non-consent PIPL Art 13 basis covers (consent's are consent.purposes)
        *(f"manifest.{basis}.{key}" for basis in NON_CONSENT_BASES for key in ("purposes", "ref")),
    }
)

#: Facts of one manifest flow; only meaningful in rules with ``scope: flow``.
FLOW_FACTS: frozenset[str] = frozenset(
    {
        "flow.recipient",
        "flow.recipient_type",
        "flow.purpose",
        "flow.environment",
        "flow.destination",
        "flow.contract_ref",
        "flow.pia_ref",
        "flow.risk_assessment_ref",
        "flow.cross_border.mechanism",
        "flow.cross_border.ref",
        "flow.cross_border.exemption",
        "flow.cross_border.valid_until",
        "flow.access",
        "flow.statutory_duty_ref",
        "flow.approval_ref",
        "flow.individuals",
        "flow.sensitive_individuals",
        "flow.authorisation_ref",
        "flow.legal_basis",
        "flow.recipient_role",
        "flow.notice_ref",
    }
)

#: Facts of the processor, from the project file's ``processor`` (compliance.yaml).
PROCESSOR_FACTS: frozenset[str] = frozenset(
    {
        "processor.ciio",
        "processor.exported_this_year.individuals",
        "processor.exported_this_year.sensitive_individuals",
    }
)

#: A flow's cross-border decision (compliance/evaluate/cross_border.py); flow rules only.
ROUTE_FACTS: frozenset[str] = frozenset(
    {
        "xb.cross_border",
        "xb.personal",
        "xb.sensitive",
        "xb.important",
        "xb.core",
        "xb.required_route",
        "xb.route_satisfied",
        "xb.exemption_claimed",
        "xb.exemption_holds",
        "xb.expired",
        "xb.missing",
        "xb.note",
    }
)

#: Facts of one flow derived from the manifest, not written by the owner (compliance/evaluate/flow_basis.py).
DERIVED_FLOW_FACTS: frozenset[str] = frozenset({"flow.basis_purposes", "flow.consent_needed"})

#: Every leaf fact path of docs/policy-format.md.
KNOWN_FACTS: frozenset[str] = (
    DERIVED_FLOW_FACTS | ASSET_FACTS | MANIFEST_FACTS | FLOW_FACTS | PROCESSOR_FACTS | ROUTE_FACTS
)


def _parents(paths: frozenset[str]) -> frozenset[str]:
    """Object-valued prefixes below the namespace (``manifest.consent``, ``asset.level``...)."""
    found: set[str] = set()
    for path in paths:
        parts = path.split(".")
        for end in range(2, len(parts)):
            found.add(".".join(parts[:end]))
    return frozenset(found)


#: Object-valued facts (e.g. ``manifest.consent``): readable with ``exists``.
OBJECT_FACTS: frozenset[str] = _parents(KNOWN_FACTS)

_SETTINGS_PATH = re.compile(r"^settings(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def is_known_fact(path: str) -> bool:
    """True for a documented fact, an object-valued prefix of one, or any ``settings.`` path.

    Settings are open-ended (packs may add their own keys), so whether a settings path is
    actually defined can only be checked against the merged pack, not here.
    """
    if path in KNOWN_FACTS or path in OBJECT_FACTS:
        return True
    return bool(_SETTINGS_PATH.match(path))


def is_flow_fact(path: str) -> bool:
    """True when ``path`` reads the current flow, which only ``scope: flow`` rules have."""
    return path in ("flow", "xb") or path.startswith(("flow.", "xb."))
