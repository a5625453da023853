"""``compliance manifest validate FILE...`` and ``policy validate`` given a manifest (issue 12)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from .cmds_support import installed, run_cli, write_dataset, write_text

GOOD = """
id: shop/customers
source: customers.csv
declared_level: general-2
categories: [personal]
legal_basis: [consent]
retention: {period: P3Y, until: 2030-12-31}
consent: {method: explicit, separate: {provision: true}}
flows:
  - id: courier
    recipient_type: third_party
    contract_ref: CTR-1
"""
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<path>\$[^:]*): (?P<message>.+)$")


def _problems(result) -> list[re.Match]:
    lines = result.stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines  # every stdout line is one problem, file:line: path: message
    return matches


def test_a_valid_manifest_exits_0(tmp_path):
    write_dataset(tmp_path / "customers.csv", ["phone"])
    write_text(tmp_path / "m.yaml", GOOD)
    done = installed(tmp_path, "manifest", "validate", "m.yaml")
    assert (done.returncode, done.stdout) == (0, "")
    assert "m.yaml: ok" in done.stderr


def test_every_problem_is_one_line_with_its_line_and_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "customers.csv", ["phone"])
    write_text(tmp_path / "good.yaml", GOOD)
    bad = (
        GOOD.replace("categories: [personal]", "categoriess: [personal]")
        .replace("recipient_type: third_party", "recipient_type: partner")
        .replace("until: 2030-12-31", "until: '2030-02-30'")
        .replace("declared_level: general-2", "declared_level: secret")
    )
    write_text(tmp_path / "bad.yaml", bad)
    result = run_cli("manifest", "validate", "good.yaml", "bad.yaml")
    assert result.exit_code == 2
    found = {(m["file"], int(m["line"]), m["path"]) for m in _problems(result)}
    assert found == {
        ("bad.yaml", 3, "$.declared_level"),
        ("bad.yaml", 4, "$.categoriess"),
        ("bad.yaml", 6, "$.retention.until"),
        ("bad.yaml", 10, "$.flows[0].recipient_type"),
    }
    messages = result.stdout
    assert "did you mean 'categories'?" in messages and "unknown level 'secret'" in messages
    assert "1 of 2 manifest(s) have problems" in result.stderr


def test_a_source_that_names_no_file_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_text(tmp_path / "a.yaml", "id: a\nsource: missing.csv\n")
    write_text(tmp_path / "b.yaml", "id: b\nsource: 'exports/*.csv'\n")
    write_text(tmp_path / "c.yaml", "id: c\nsource: postgresql://db.example/shop\n")  # a URL is not resolved
    result = run_cli("manifest", "validate", "a.yaml", "b.yaml", "c.yaml")
    assert result.exit_code == 2
    assert [(m["file"], m["path"]) for m in _problems(result)] == [("a.yaml", "$.source"), ("b.yaml", "$.source")]
    assert "matches no file" in result.stdout and "'missing.csv' not found" in result.stdout


def test_a_policy_pack_or_project_file_is_named_for_what_it_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_text(tmp_path / "pack.yaml", "id: my-pack\nversion: '1'\nextends: cn-data-circulation-2025\nrules: []\n")
    write_text(tmp_path / "compliance.yaml", "manifests: ['*.yaml']\n")
    result = run_cli("manifest", "validate", "pack.yaml", "compliance.yaml")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "a policy pack, not an asset manifest" in lines[0] and "compliance policy validate" in lines[0]
    assert "a project file, not an asset manifest" in lines[1]


def test_policy_validate_points_a_manifest_to_manifest_validate(tmp_path):
    write_dataset(tmp_path / "customers.csv", ["phone"])
    write_text(tmp_path / "m.yaml", GOOD)
    done = installed(tmp_path, "policy", "validate", "m.yaml")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: m.yaml is an asset manifest, not a policy pack: check it with `compliance manifest validate m.yaml`"
    ]


def test_values_and_names_from_the_file_are_masked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "customers.csv", ["phone"])
    write_text(tmp_path / "m.yaml", GOOD + "11010519491231002X: 13812345678\n")
    result = run_cli("manifest", "validate", "m.yaml")
    assert result.exit_code == 2
    assert "11010519491231002X" not in result.stdout and "13812345678" not in result.stdout
    assert "unknown field" in result.stdout


def test_unknown_categories_of_a_table_are_problems(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "customers.csv", ["phone"])
    write_text(tmp_path / "m.yaml", GOOD + "tables:\n  员工:\n    categories: [staff]\n    declared_level: top\n")
    result = run_cli("manifest", "validate", "m.yaml")
    assert result.exit_code == 2
    paths = sorted(m["path"] for m in _problems(result))
    assert paths == ["$.tables.员工.categories[0]", "$.tables.员工.declared_level"]


# A draft's placeholders (``manifest init``) are never evidence: each one left is one problem at its path,
# whatever the field's type, and the schema's own complaint about the same value is not repeated.
_FIELDS = [
    ("pia_ref", "pia_ref: {}"),
    ("automated_decision", "automated_decision: {}"),
    ("state", "state: {}"),
    ("individuals", "individuals: {}"),
    ("legal_basis", "legal_basis: [{}]"),
    ("retention.until", "retention: {{until: {}}}"),
    ("flows[0].recipient_type", "flows:\n  - id: f\n    recipient_type: {}"),
]


@settings(max_examples=25, deadline=None)
@given(chosen=st.lists(st.sampled_from(_FIELDS), min_size=1, max_size=4, unique_by=lambda f: f[0].split(".")[0]))
def test_each_unfilled_placeholder_is_one_problem(tmp_path_factory, chosen):
    folder = tmp_path_factory.mktemp("draft")
    write_dataset(folder / "d.csv", ["phone"])
    body = "\n".join(template.format('"<FILL IN: a value>"') for _, template in chosen)
    write_text(folder / "m.yaml", f"id: d\nsource: d.csv\n{body}\n")
    result = run_cli("manifest", "validate", str(folder / "m.yaml"))
    assert result.exit_code == 2
    problems = _problems(result)
    expected = sorted("$." + name + ("[0]" if name == "legal_basis" else "") for name, _ in chosen)
    assert sorted(m["path"] for m in problems) == expected
    assert all("placeholder not filled in" in m["message"] for m in problems)
