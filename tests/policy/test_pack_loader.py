"""Loading packs: valid packs, inheritance, and every broken pack giving one line per problem with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main
from compliance.errors import PolicyError
from compliance.policy import load_pack

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PACKS = FIXTURES / "packs"
BROKEN = FIXTURES / "broken_packs"

BROKEN_CASES = [
    ("missing_field.yaml", ":6: $.rules[0]: 'severity' is a required property"),
    ("wrong_type.yaml", ":6: $.settings.minors_age: 'fourteen' is not of type 'integer'"),
    ("duplicate_key.yaml", ":5: duplicate key 'version' (first defined on line 2)"),
    ("unknown_level.yaml", ":9: $.rules[0].require.level_below: unknown level 'top-secret'"),
    ("unknown_operator.yaml", ":9: $.rules[0].require"),
    ("unknown_fact.yaml", ":9: $.rules[0].require.fact: unknown fact 'manifest.consent_given'"),
    ("disabled_without_reason.yaml", ":6: $.overrides[0]"),
    ("override_unknown_rule.yaml", ":6: $.overrides[0].rule: no rule 'MIN-XX-999' in the base pack"),
    ("alias_bomb.yaml", "alias bomb"),
    ("cycle_a.yaml", "'extends' cycle"),
    ("unknown_base.yaml", ":4: $.extends: unknown policy pack 'no-such-pack'"),
    ("non_yaml_bytes.yaml", "binary data, not a YAML text file"),
    ("empty.yaml", "file is empty"),
    ("not_a_mapping.yaml", "a policy pack must be a YAML mapping"),
    ("bad_category_level.yaml", ":8: $.categories[0].min_level: unknown level 'ultra'"),
]


@pytest.mark.parametrize(("name", "expected"), BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_broken_pack_is_one_line_naming_file_and_problem(name, expected):
    path = BROKEN / name
    result = CliRunner().invoke(main, ["policy", "validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert lines, "no error printed"
    assert any(name in line and expected in line for line in lines), lines
    assert "Traceback" not in result.output


def test_pack_larger_than_limit_is_refused(tmp_path):
    big = tmp_path / "huge.yaml"
    with big.open("w") as handle:
        handle.write("id: huge\n")
        handle.write("# " + "x" * 1000 + "\n" * 1)
        handle.truncate(50 * 1024 * 1024)
    result = CliRunner().invoke(main, ["policy", "validate", str(big)])
    assert result.exit_code == 2
    assert "huge.yaml: file is 52,428,800 bytes, larger than the 5,242,880-byte limit" in result.stderr


def test_all_errors_of_a_pack_are_reported(tmp_path):
    text = (PACKS / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("severity: high", "severity: urgent").replace("min_level: general-1", "min_level: g9")
    text = text.replace('version: "0.1.0"', "version: 1")
    bad = tmp_path / "many.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_pack(bad)
    assert len(info.value.errors) >= 2
    assert all(line.startswith(f"{bad}:") for line in info.value.errors)


def test_valid_files_exit_zero_and_bad_ones_do_not_hide_them():
    result = CliRunner().invoke(main, ["policy", "validate", str(PACKS / "minimal.yaml"), str(BROKEN / "empty.yaml")])
    assert result.exit_code == 2
    assert "minimal.yaml: ok (minimal 0.1.0" in result.stdout
    assert "empty.yaml: file is empty" in result.stderr


def test_inheritance_merges_settings_entities_overrides_and_rules():
    pack = load_pack(PACKS / "child.yaml")
    assert pack.id == "minimal-child"
    assert pack.lineage == ("minimal-child", "minimal")
    assert pack.settings["anonymisation"] == {"k_controlled": 10, "k_public": 20, "l_sensitive": 2}
    assert pack.entities["CN_MOBILE"].category == "public"
    assert pack.rule("MIN-PI-001").severity == "critical"
    disabled = pack.rule("MIN-CL-001")
    assert not disabled.enabled and "reviewed manually" in disabled.disabled_reason
    assert pack.rule("ORG-GOV-001").pack == "minimal-child"
    assert pack.rule("MIN-PI-001").pack == "minimal"
    assert [r.id for r in pack.enabled_rules] == ["MIN-PI-001", "ORG-GOV-001"]
    base = load_pack(PACKS / "minimal.yaml")
    assert base.sha256 != pack.sha256 and len(pack.sha256) == 64


def test_level_order_follows_the_pack():
    order = load_pack(PACKS / "minimal.yaml").level_order
    assert order.below("general-1", "general-2")
    assert order.below("general-2", "important")
    assert order.below("important", "core")
    assert not order.below("general", "general-2") and not order.below("general-2", "general")
    assert order.highest(["general-1", "important", "general-2"]) == "important"
    assert order.highest(["general", "general-2"]) == "general-2"
    assert order.parent("general-1") == "general"


def test_unknown_pack_name_is_a_usage_error():
    result = CliRunner().invoke(main, ["policy", "show", "no-such-pack"])
    assert result.exit_code == 2
    assert "unknown policy pack 'no-such-pack'" in result.stderr
