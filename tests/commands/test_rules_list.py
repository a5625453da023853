"""``compliance rules list [--flow TYPE]`` and ``scan --skip-rule/--only-rule`` (issue 12)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from compliance.cli.inputs import RECIPIENT_TYPES
from compliance.evaluate.conditions import holds
from compliance.evaluate.engine import Context
from compliance.evaluate.facts import Facts
from compliance.policy import load_pack
from compliance.policy.applicability import may_hold

from .cmds_support import AS_OF, installed, report_of, run_cli, violated, write_dataset, write_text

PACK = load_pack()


def listed(*args: str) -> list[dict]:
    result = run_cli("rules", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_lists_every_enabled_rule_in_pack_order():
    rows = listed()
    assert [r["id"] for r in rows] == [r.id for r in PACK.enabled_rules]
    first = PACK.enabled_rules[0]
    assert rows[0] == {"id": first.id, "severity": first.severity, "scope": first.scope, "title": first.title.en}


def test_lang_zh_gives_the_chinese_titles():
    rows = listed("--lang", "zh")
    assert [r["title"] for r in rows] == [r.title.zh for r in PACK.enabled_rules]


def test_text_table_through_the_installed_cli(tmp_path):
    done = installed(tmp_path, "rules", "list", "--flow", "public_release")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "Severity", "Scope", "title"]
    assert any(line.split()[:3] == ["DCS-PI-004", "high", "flow"] for line in lines)
    assert installed(tmp_path, "rules", "list", "--flow", "abroad").returncode == 2


def test_flow_type_leaves_out_rules_for_other_types():
    internal = {r["id"] for r in listed("--flow", "internal")}
    public = {r["id"] for r in listed("--flow", "public_release")}
    assert "DCS-PI-004" in public and "DCS-PI-004" not in internal  # publication: public_release only
    assert "DCS-PI-003" not in internal  # provision to another processor
    asset_rules = {r.id for r in PACK.enabled_rules if r.scope == "asset"}
    assert asset_rules <= internal and asset_rules <= public  # asset rules run whatever the flow


def test_every_rule_a_flow_scan_reports_is_listed_for_that_flow(tmp_path, monkeypatch):
    """Soundness against the engine: nothing a ``scan --flow TYPE`` can report is left out of the list."""
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "people.csv", ["phone", "id_number", "order_no"])
    for kind in RECIPIENT_TYPES:
        result = run_cli("scan", "people.csv", "--flow", kind, "--format", "json", "--as-of", AS_OF)
        fired = violated(report_of(result.stdout))
        assert fired, kind
        assert fired <= {r["id"] for r in listed("--flow", kind)}, kind


_TYPES = st.sampled_from(RECIPIENT_TYPES)
_LEAF = st.one_of(
    st.builds(lambda t: {"fact": "flow.recipient_type", "equals": t}, _TYPES),
    st.builds(lambda ts: {"fact": "flow.recipient_type", "in": ts}, st.lists(_TYPES, min_size=1, max_size=3)),
    st.builds(lambda v: {"fact": "flow.purpose", "equals": v}, st.sampled_from(["a", "b"])),
    st.builds(lambda b: {"fact": "flow.pia_ref", "exists": b}, st.booleans()),
)
_CONDITIONS = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=6,
)


@given(
    condition=_CONDITIONS,
    kind=_TYPES,
    purpose=st.sampled_from(["a", "b", None]),
    pia=st.sampled_from(["PIA-1", None]),
)
def test_a_decided_condition_agrees_with_the_engine_for_every_other_fact(condition, kind, purpose, pia):
    context = Context(PACK.level_order)
    decided = may_hold(condition, {"flow.recipient_type": kind}, context)
    flow = {"recipient_type": kind, "purpose": purpose, "pia_ref": pia}
    actual = holds(condition, Facts(asset={}, settings={}, flow=flow), context)
    assert decided is None or decided == actual


def _flow_scan(tmp_path, monkeypatch, *extra: str) -> tuple[int, dict, str]:
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "people.csv", ["phone", "id_number", "order_no"])
    args = ("scan", "people.csv", "--flow", "third_party", "--format", "json", "--as-of", AS_OF, *extra)
    result = run_cli(*args)
    return result.exit_code, report_of(result.stdout) if result.stdout else {}, result.stderr


def test_skip_rule_leaves_the_rule_out(tmp_path, monkeypatch):
    _, full, _ = _flow_scan(tmp_path, monkeypatch)
    assert {"DCS-PI-001", "DCS-PI-003"} <= violated(full)
    code, report, err = _flow_scan(tmp_path, monkeypatch, "--skip-rule", "DCS-PI-001", "--skip-rule", "dcs-pi-003")
    assert violated(report) == violated(full) - {"DCS-PI-001", "DCS-PI-003"}
    assert report["assets"][0]["rules_evaluated"] == full["assets"][0]["rules_evaluated"] - 2
    assert "2 of 49 rules not evaluated" in err
    assert code == 1


def test_only_rule_evaluates_just_those(tmp_path, monkeypatch):
    code, report, _ = _flow_scan(tmp_path, monkeypatch, "--only-rule", "DCS-PI-001")
    assert violated(report) == {"DCS-PI-001"}
    assert report["assets"][0]["rules_evaluated"] == 1
    code, report, _ = _flow_scan(tmp_path, monkeypatch, "--only-rule", "DCS-CL-003")  # a medium rule only
    assert violated(report) == {"DCS-CL-003"} and code == 0


def test_unknown_rule_ids_exit_2_before_scanning(tmp_path):
    write_dataset(tmp_path / "people.csv", ["phone"])
    for option in ("--skip-rule", "--only-rule"):
        done = installed(tmp_path, "scan", "people.csv", option, "DCS-NOPE-1", option, "DCS-PI-001")
        assert done.returncode == 2
        assert done.stdout == ""
        expected = f"error: {option}: no rule 'DCS-NOPE-1' in pack {PACK.id} (see: compliance rules list)"
        assert done.stderr.strip() == expected


def test_a_waiver_of_a_skipped_rule_still_loads(tmp_path, monkeypatch):
    waivers = write_text(
        tmp_path / "waivers.yaml",
        """
        - rule: DCS-PI-001
          asset: people.csv
          justification: reviewed
          approver: dpo
          expires: 2099-01-01
        """,
    )
    code, report, err = _flow_scan(tmp_path, monkeypatch, "--skip-rule", "DCS-PI-001", "--waivers", str(waivers))
    assert "DCS-PI-001" not in violated(report), err
    assert code == 1
