"""A hand-built Report (no scanner, no evaluator) for the renderer tests, golden files and the SARIF schema.

The report covers what renderers must get right: assets given out of order, a URL source, a path with
spaces and Chinese characters, an asset that could not be scanned, two violations of one rule on one
asset, a rule evaluated without violation, a rule in ``report.rules`` that nothing mentions, and cell
text with ``|``, backticks and line breaks.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import io
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from compliance.classify.profile import AssetFacts
from compliance.detect.verdict import ColumnVerdict, EntityHit
from compliance.report import render
from compliance.report.model import AssetReport, Report, RuleInfo, Violation
from compliance.report.options import RenderOptions
from compliance.scanner import AssetScan, ScanOptions

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
SARIF_SCHEMA = HERE / "fixtures" / "sarif-schema-2.1.0.json"
ROOT_DATASET = HERE.parent / "fixtures" / "datasets" / "customers_small.csv"
GENERATED_AT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

CUSTOMERS = "exports/客户 名单.xlsx#客户"
ORDERS = "https://data.example.invalid/orders.parquet"
SHIPMENTS = "data/shipments.csv"
BROKEN = "broken/bad.csv"
BROKEN_ERROR = "broken/bad.csv: not valid UTF-8, GB18030 or UTF-16 (undecodable byte at offset 12)"
PIPE_COLUMN = "备注|remark"
TICK_COLUMN = "note`s"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"golden file missing: {path} (run with UPDATE_GOLDEN=1)"
    assert text == path.read_bytes().decode("utf-8")  # bytes: no newline translation


def fingerprint(asset: str, rule: str, flow: str | None, column: str | None) -> str:
    return hashlib.sha256("\x1f".join([asset, rule, flow or "", column or ""]).encode()).hexdigest()[:32]


RULES = {
    r.id: r
    for r in [
        RuleInfo(
            "DCS-CL-001",
            "Declared level is below the detected level",
            "high",
            "An asset takes the highest level of what it contains (就高从严).",
            ("GB/T 43697 Clause 4", "DSL Art 21"),
            "Raise declared_level in the manifest to at least the detected level.",
            ("classification",),
            pack="cn-data-circulation-2025",
        ),
        RuleInfo(
            "DCS-PI-001",
            "Personal data leaving the processor needs consent or anonymisation",
            "high",
            "Providing personal information to another processor needs separate consent.",
            ("PIPL Art 23",),
            "Record consent (consent_ref) or anonymise the data before it flows.",
            ("personal", "flow"),
            pack="cn-data-circulation-2025",
        ),
        RuleInfo(
            "DCS-MIN-001",
            "Personal information of minors under 14 needs guardian consent",
            "critical",
            "All personal information of minors under 14 is sensitive.",
            ("PIPL Art 28", "PIPL Art 31"),
            "Obtain guardian consent and record it as guardian_consent_ref.",
            ("personal", "minors"),
            pack="cn-data-circulation-2025",
        ),
        RuleInfo(
            "DCS-XB-001",
            "Cross-border transfer needs a legal mechanism",
            "medium",
            "Personal information leaving mainland China needs a security assessment, certification or contract.",
            ("PIPL Art 38",),
            "Name the mechanism (legal_mechanism) and the impact assessment (pia_ref) in the flow.",
            ("cross-border",),
            pack="cn-data-circulation-2025",
        ),
        RuleInfo(
            "DCS-GOV-001",
            "Asset has no owner | steward",
            "low",
            "Every asset needs an accountable owner.\nThe steward answers questions.",
            ("DSL Art 27",),
            "Fill in owner in the manifest.",
            ("governance",),
            pack="acme-finance",
        ),
        RuleInfo(
            "DCS-PUB-001",
            "Never mentioned by this report",
            "low",
            "A rule that no asset evaluated: it must not appear in SARIF rules.",
            (),
            "",
            pack="cn-data-circulation-2025",
        ),
    ]
}


def violation(asset: str, rule: str, message: str, *, column=None, flow=None, missing=(), **extra) -> Violation:
    info = RULES[rule]
    kind = extra.pop("kind", Violation)
    return kind(
        rule=rule,
        severity=info.severity,
        title=info.title,
        message=message,
        references=info.references,
        remediation=info.remediation,
        fingerprint=fingerprint(asset, rule, flow, column),
        column=column,
        flow=flow,
        missing=tuple(missing),
        **extra,
    )


@dataclass(frozen=True)
class SuppressedViolation(Violation):
    """What the baseline/waiver issue will add: a ``suppression`` attribute on a violation."""

    suppression: Any = None


def _customers() -> AssetReport:
    scan = AssetScan(
        CUSTOMERS,
        "exports/客户 名单.xlsx",
        table="客户",
        format="xlsx",
        rows_scanned=1000,
        rows_total=250000,
        rows_total_exact=False,
        columns=[
            ColumnVerdict(
                "身份证号",
                [EntityHit("CN_RESIDENT_ID", 0.998, 998, 0.95)],
                "sensitive_personal",
                ["1101**********123X", "3301**********0021"],
                non_null=1000,
            ),
            ColumnVerdict(
                "手机号", [EntityHit("CN_MOBILE", 0.97, 970, 0.9)], "personal", ["138****5678"], non_null=1000
            ),
            ColumnVerdict(
                PIPE_COLUMN,
                [EntityHit("CN_MOBILE", 0.003, 3, 0.9, sporadic=True)],
                "personal",
                ["139****0000"],
                non_null=400,
            ),
            ColumnVerdict(TICK_COLUMN, [EntityHit("PERSON", 0.8, 80, 0.6)], "personal", ["张*"], non_null=100),
            ColumnVerdict("order_no", non_null=1000),
        ],
        level="important",
        categories=["minors_personal", "personal", "sensitive_personal"],
        facts=AssetFacts(minors_share=0.021, minors_records=21, distinct_individuals=980),
    )
    flow = "to-partner"
    return AssetReport(
        scan,
        declared_level="general-2",
        manifest="manifests/customers.yaml",
        evaluated_rules=["DCS-GOV-001", "DCS-CL-001", "DCS-PI-001", "DCS-MIN-001", "DCS-XB-001"],
        violations=[
            violation(
                CUSTOMERS,
                "DCS-GOV-001",
                "Owner field is empty | steward unknown\nAsk the data office.",
            ),
            violation(
                CUSTOMERS,
                "DCS-PI-001",
                "Column 身份证号 (CN_RESIDENT_ID) flows to partner without consent.",
                column="身份证号",
                flow=flow,
                missing=["flow.consent_ref"],
            ),
            violation(
                CUSTOMERS,
                "DCS-MIN-001",
                "2.1% of records belong to minors under 14; no guardian consent is recorded.",
                column="身份证号",
                flow=flow,
                missing=["manifest.guardian_consent_ref"],
            ),
            violation(
                CUSTOMERS,
                "DCS-PI-001",
                "Column 手机号 (CN_MOBILE) flows to partner without consent.",
                column="手机号",
                flow=flow,
                missing=["flow.consent_ref"],
            ),
            violation(CUSTOMERS, "DCS-CL-001", "Declared level general-2 is below the detected level important."),
        ],
    )


def _orders() -> AssetReport:
    scan = AssetScan(
        ORDERS,
        ORDERS,
        format="parquet",
        rows_scanned=50,
        rows_total=50,
        rows_total_exact=True,
        columns=[
            ColumnVerdict("email", [EntityHit("EMAIL_ADDRESS", 1.0, 50, 0.85)], "personal", ["a***@example.com"]),
            ColumnVerdict("amount", non_null=50),
        ],
        level="general-2",
        categories=["personal"],
        facts=AssetFacts(distinct_individuals=50, distinct_individuals_exact=True),
    )
    return AssetReport(scan, declared_level="general-2", evaluated_rules=["DCS-PI-001", "DCS-CL-001"])


def _shipments() -> AssetReport:
    scan = AssetScan(
        SHIPMENTS,
        SHIPMENTS,
        format="csv",
        rows_scanned=10,
        rows_total=10,
        rows_total_exact=True,
        columns=[ColumnVerdict("sku", non_null=10)],
        level="general-1",
        categories=[],
    )
    return AssetReport(
        scan,
        evaluated_rules=["DCS-XB-001"],
        violations=[
            violation(
                SHIPMENTS,
                "DCS-XB-001",
                "Flow to-sg leaves mainland China without a named mechanism.",
                flow="to-sg",
                missing=["flow.legal_mechanism", "flow.pia_ref"],
            )
        ],
    )


def _broken() -> AssetReport:
    return AssetReport(AssetScan(BROKEN, BROKEN, error=BROKEN_ERROR))


#: the pack's category titles as ``run._report`` puts them in the report (the default pack's words)
CATEGORY_TITLES = {
    "en": {
        "personal": "Personal information",
        "sensitive_personal": "Sensitive personal information",
        "minors_personal": "Personal information of minors under 14",
    },
    "zh": {
        "personal": "一般个人信息",
        "sensitive_personal": "敏感个人信息",
        "minors_personal": "不满十四周岁未成年人的个人信息",
    },
}


def build_report(lang: str = "en") -> Report:
    return Report(
        tool_version="0.1.0",
        policy_id="cn-data-circulation-2025",
        policy_version="2025.1",
        policy_sha256="ab" * 32,
        options=ScanOptions(sample=1000, seed=0, as_of=datetime.date(2026, 1, 1)),
        assets=[_shipments(), _broken(), _customers(), _orders()],  # deliberately not sorted by id
        lang=lang,
        generated_at=GENERATED_AT,
        rules=dict(RULES),
        category_titles=dict(CATEGORY_TITLES[lang]),
    )


def shuffled(report: Report, seed: int) -> Report:
    """The same report with assets and violations in another order: output must not change."""
    other = copy.deepcopy(report)
    rng = random.Random(seed)
    rng.shuffle(other.assets)
    for asset in other.assets:
        rng.shuffle(asset.violations)
    return other


def rendered(report: Report, fmt: str, **options: Any) -> str:
    stream = io.StringIO()
    render(report, fmt, stream, RenderOptions(**{"timestamps": False, **options}))
    return stream.getvalue()


@pytest.fixture
def report() -> Report:
    return build_report()


def sarif_validator() -> Draft7Validator:
    """The SARIF 2.1.0 schema with its root (kept in this copy under ``definitions/Root``) at the top."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    root = schema["definitions"]["Root"]
    schema.update({key: root[key] for key in ("type", "properties", "required", "additionalProperties")})
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)
