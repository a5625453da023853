"""The JSON report lists the pack's rules a scan did not evaluate, and why (``rules_skipped``); the text
and markdown summaries say so on one line (issue 12 leftover). Through the installed CLI."""

from __future__ import annotations

from compliance.policy import load_pack

from .cmds_support import AS_OF, installed, manifest_text, report_of, write_dataset, write_text

PACK = load_pack()
ENABLED = [r.id for r in PACK.enabled_rules]
FLOW_RULES = sorted(r.id for r in PACK.enabled_rules if r.scope == "flow")


def _scan(tmp_path, *args: str, fmt: str = "json"):
    write_dataset(tmp_path / "people.csv", ["phone", "id_number", "order_no"])
    done = installed(tmp_path, "scan", *args, "--format", fmt, "-o", "-", "--as-of", AS_OF, "--no-timestamp")
    assert done.returncode in (0, 1), done.stderr
    return report_of(done.stdout) if fmt == "json" else done.stdout


def test_skip_and_only_rule_are_listed_with_their_reason(tmp_path):
    report = _scan(tmp_path, "people.csv", "--flow", "third_party", "--skip-rule", "dcs-pi-003")
    assert report["rules_skipped"] == [
        {"rule": "DCS-PI-003", "reason": "skip_rule", "detail": "switched off by --skip-rule"}
    ]
    assert report["summary"]["rules_skipped"] == 1
    only = _scan(tmp_path, "people.csv", "--flow", "third_party", "--only-rule", "DCS-PI-001")
    assert {s["reason"] for s in only["rules_skipped"]} == {"only_rule"}
    assert sorted(s["rule"] for s in only["rules_skipped"]) == sorted(set(ENABLED) - {"DCS-PI-001"})
    assert only["summary"]["rules_skipped"] == len(ENABLED) - 1


def test_every_rule_is_evaluated_with_a_flow(tmp_path):
    report = _scan(tmp_path, "people.csv", "--flow", "third_party")
    assert report["summary"]["rules_skipped"] == 0 and "rules_skipped" not in report
    text = _scan(tmp_path, "people.csv", "--flow", "third_party", fmt="text")
    assert "rules not evaluated" not in text


def test_without_manifest_or_flow_every_rule_is_not_applicable(tmp_path):
    report = _scan(tmp_path, "people.csv")
    assert [s["rule"] for s in report["rules_skipped"]] == sorted(ENABLED)
    assert {(s["reason"], s["detail"]) for s in report["rules_skipped"]} == {
        ("not_applicable", "no manifest and no --flow")
    }
    assert report["summary"]["rules_evaluated"] == 0
    text = _scan(tmp_path, "people.csv", fmt="text")
    assert "only detection ran" in text and "rules not evaluated" not in text  # the note already says why


def test_a_manifest_without_flows_skips_the_flow_rules_and_a_pack_can_disable_one(tmp_path):
    write_text(tmp_path / "people.yaml", manifest_text("shop/people", "people.csv", []).replace("flows:\n", ""))
    pack = (
        "id: team\nversion: '1.0.0'\ntitle: {en: team, zh: team}\nextends: cn-data-circulation-2025\n"
        "overrides:\n  - rule: DCS-GOV-001\n    enabled: false\n    reason: owners are tracked in the CMDB\n"
    )
    write_text(tmp_path / "team.yaml", pack)
    report = _scan(tmp_path, "--manifest", "people.yaml", "--pack", "team.yaml", "--skip-rule", "DCS-CL-001")
    skipped = report["rules_skipped"]
    assert skipped[0] == {"rule": "DCS-CL-001", "reason": "skip_rule", "detail": "switched off by --skip-rule"}
    assert skipped[1] == {"rule": "DCS-GOV-001", "reason": "disabled", "detail": "owners are tracked in the CMDB"}
    assert [s["rule"] for s in skipped[2:]] == FLOW_RULES
    assert {s["detail"] for s in skipped[2:]} == {"no evaluated asset has a flow"}
    evaluated = report["assets"][0]["rules_evaluated"]
    assert evaluated == len(ENABLED) - 2  # flow rules count as evaluated per asset, as before: field unchanged


def test_text_and_markdown_summaries_say_it_in_one_line(tmp_path):
    args = ("people.csv", "--flow", "third_party", "--skip-rule", "DCS-PI-001", "--skip-rule", "DCS-PI-003")
    text = _scan(tmp_path, *args, fmt="text")
    assert [line for line in text.splitlines() if "rules not evaluated" in line] == [
        "rules not evaluated: 2 (--skip-rule: DCS-PI-001, DCS-PI-003)"
    ]
    markdown = _scan(tmp_path, *args, fmt="markdown")
    assert "\n> rules not evaluated: 2 (--skip-rule: DCS-PI-001, DCS-PI-003)\n" in markdown
    zh = _scan(tmp_path, *args, "--lang", "zh", fmt="text")
    assert "未评估的规则: 2 (--skip-rule: DCS-PI-001, DCS-PI-003)" in zh
    only = _scan(tmp_path, "people.csv", "--flow", "third_party", "--only-rule", "DCS-PI-001", fmt="text")
    line = next(line for line in only.splitlines() if line.startswith("rules not evaluated"))
    assert line.startswith(f"rules not evaluated: {len(ENABLED) - 1} (--only-rule: ")
    assert line.endswith(f", +{len(ENABLED) - 1 - 6} more)")  # the JSON report lists them all
