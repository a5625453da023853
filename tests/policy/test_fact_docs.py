"""``compliance rules explain`` documents the manifest fields each rule reads."""

from __future__ import annotations

from click.testing import CliRunner

from compliance.cli import main
from compliance.evaluate.conditions import fact_paths
from compliance.policy import load_pack
from compliance.policy.fact_docs import describe_fact


def test_every_manifest_and_flow_fact_the_default_pack_reads_is_described():
    for rule in load_pack().rules:
        for path in [*fact_paths(rule.when), *fact_paths(rule.require)]:
            if path.startswith(("manifest.", "flow.")):
                assert describe_fact(path), f"{rule.id} reads {path}, which has no description"


def test_explain_lists_the_new_fields():
    runner = CliRunner()
    cases = {
        "DCS-PI-003": ["flow.recipient_role", "flow.consent_needed", "entrusted_processor"],
        "DCS-PI-008": ["flow.legal_basis", "flow.basis_purposes", "flow.purpose"],
        "DCS-GOV-006": ["manifest.retention.legal_hold_ref", "flow.statutory_duty_ref"],
        "DCS-SPI-003": ["manifest.pia_ref"],
        "DCS-AD-002": ["manifest.automated_decision", "manifest.automated_decision_controls.explanation_channel"],
    }
    for rule, fields in cases.items():
        result = runner.invoke(main, ["rules", "explain", rule])
        assert result.exit_code == 0, result.output
        for field in fields:
            assert field in result.output, (rule, field)
