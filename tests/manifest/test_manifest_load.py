"""Loading one manifest: a full manifest round-trips, and every kind of mistake is one line
``file:line: json.path: message`` pointing at the line where the mistake is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from compliance.errors import ConfigError, InputError, ManifestError
from compliance.manifest import Flow, Manifest, check_against_pack, load_manifest
from compliance.policy import load_pack

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "manifests" / "customer-share.yaml"

FULL = """
id: crm/customers
title: Customers
owner: Data office
source: data/customers.csv
declared_level: general-4
categories: [personal, sensitive_personal]
state: deidentified
anonymisation:
  method: pseudonymisation
  quasi_identifiers: [city, birth_year]
  k: 7
  l: 2
  evaluation_ref: EVAL-1
legal_basis: [consent, contract]
consent:
  purposes: [billing, support]
  method: explicit
  separate: {sensitive_personal: true, provision: true, publication: false, cross_border: true}
  guardian: false
  withdrawal: privacy policy section 7
important_data: {declaration_ref: DECL-9}
catalog_ref: CAT-1
regrading_ref: REG-1
processing_records_ref: ROPA-1
retention: {period: P3Y, until: 2027-12-31, purpose_fulfilled: false}
flows:
  - id: partner
    recipient: Partner Ltd
    recipient_type: third_party
    purpose: billing
    environment: privacy_computing
    destination: CN
    contract_ref: CTR-1
    pia_ref: PIA-1
    risk_assessment_ref: RA-1
    authorisation_ref: AUTH-1
    x-ticket: JIRA-1
  - id: abroad
    recipient_type: cross_border
    destination: SG
    cross_border: {mechanism: standard_contract, ref: SCC-2025-01}
x-cost-centre: CC-1
"""


def errors_of(path: Path, pack=None) -> list[str]:
    with pytest.raises(ManifestError) as info:
        load_manifest(path, pack)
    return info.value.errors


def test_full_manifest_round_trips(write):
    path = write("m/customers.yaml", FULL)
    manifest = load_manifest(path)
    expected = yaml.safe_load(FULL)
    expected["retention"]["until"] = "2027-12-31"  # a YAML date becomes its ISO string
    assert manifest.data == expected
    assert manifest.id == "crm/customers" and manifest.path == str(path)
    assert (manifest.title, manifest.owner, manifest.source) == ("Customers", "Data office", "data/customers.csv")
    assert manifest.declared_level == "general-4"
    assert manifest.categories == ("personal", "sensitive_personal")
    assert manifest.state == "deidentified"
    assert manifest.flows == (Flow("partner", expected["flows"][0]), Flow("abroad", expected["flows"][1]))
    assert manifest.flows[1].data["cross_border"]["mechanism"] == "standard_contract"
    # writing the loaded data back out and loading it again gives the same manifest
    again = write("m/again.yaml", yaml.safe_dump(manifest.data, allow_unicode=True))
    reloaded = load_manifest(again)
    assert reloaded.data == manifest.data and reloaded.flows == manifest.flows
    assert hash(reloaded.id) and hash(reloaded) != 0  # frozen and hashable despite the dict fields


def test_date_strings_and_date_objects_both_normalise_to_iso(write):
    quoted = load_manifest(write("q.yaml", 'id: a\nsource: d.csv\nretention: {until: "2030-01-02"}\n'))
    plain = load_manifest(write("p.yaml", "id: a\nsource: d.csv\nretention: {until: 2030-01-02}\n"))
    assert quoted.data["retention"]["until"] == plain.data["retention"]["until"] == "2030-01-02"
    other = load_manifest(write("o.yaml", "id: a\nsource: d.csv\ntitle: 2024-05-06\n"))
    assert other.title == "2024-05-06"


def test_shipped_example_validates_against_the_default_pack():
    manifest = load_manifest(EXAMPLE, load_pack())
    assert manifest.source == "../datasets/customers.csv"
    paths = manifest.source_paths()
    assert paths == [str(ROOT / "examples" / "datasets" / "customers.csv")]
    assert Path(paths[0]).is_file()
    assert {f.data["recipient_type"] for f in manifest.flows} == {"third_party", "internal"}
    assert check_against_pack(manifest, load_pack()) == []


# (name, text, expected line, expected json path, message fragment)
ERROR_CASES = [
    ("missing_id", "title: x\nsource: d.csv\n", 1, "$", "'id' is a required property"),
    (
        "wrong_type",
        "id: a\nsource: d.csv\nanonymisation:\n  k: five\n",
        4,
        "$.anonymisation.k",
        "'five' is not of type 'integer'",
    ),
    (
        "k_zero",
        "id: a\nsource: d.csv\nanonymisation: {k: 0}\n",
        3,
        "$.anonymisation.k",
        "0 is less than the minimum of 1",
    ),
    (
        "unknown_recipient_type",
        "id: a\nsource: d.csv\nflows:\n  - id: f1\n    recipient_type: partner\n",
        5,
        "$.flows[0].recipient_type",
        "'partner' is not one of ['internal', 'third_party'",
    ),
    (
        "flow_without_recipient_type",
        "id: a\nsource: d.csv\nflows:\n  - id: f1\n  - id: f2\n    recipient_type: internal\n",
        4,
        "$.flows[0]",
        "'recipient_type' is a required property",
    ),
    (
        "duplicate_flow_ids",
        "id: a\nsource: d.csv\nflows:\n  - id: f1\n    recipient_type: internal\n"
        "  - id: f1\n    recipient_type: third_party\n",
        6,
        "$.flows[1].id",
        "duplicate flow id 'f1' (first on line 4)",
    ),
    (
        "duplicate_key",
        "id: a\nsource: d.csv\nstate: raw\nsource: e.csv\n",
        4,
        "$.source",
        "duplicate key 'source' (first defined on line 2)",
    ),
    (
        "nested_duplicate_key",
        "id: a\nsource: d.csv\nconsent:\n  method: explicit\n  method: bundled\n",
        5,
        "$.consent.method",
        "duplicate key 'method' (first defined on line 4)",
    ),
    (
        "unknown_field",
        "id: a\nsource: d.csv\nlegal_bases: [consent]\n",
        3,
        "$.legal_bases",
        "unknown field 'legal_bases' (did you mean 'legal_basis'?)",
    ),
    (
        "unknown_flow_field",
        "id: a\nsource: d.csv\nflows:\n  - id: f\n    recipient_type: internal\n    colour: blue\n",
        6,
        "$.flows[0].colour",
        "unknown field 'colour'",
    ),
    (
        "bad_date_month",
        "id: a\nsource: d.csv\nretention:\n  until: 2027-13-45\n",
        4,
        "$.retention.until",
        "invalid date '2027-13-45' (month must be in 1..12)",
    ),
    (
        "bad_date_day",
        "id: a\nsource: d.csv\nretention:\n  until: 2027-02-30\n",
        4,
        "$.retention.until",
        "invalid date '2027-02-30'",
    ),
    (
        "bad_date_quoted",
        'id: a\nsource: d.csv\nretention:\n  until: "2027-02-30"\n',
        4,
        "$.retention.until",
        "invalid date '2027-02-30'",
    ),
    (
        "datetime_not_date",
        "id: a\nsource: d.csv\nretention:\n  until: 2027-12-31T10:00:00\n",
        4,
        "$.retention.until",
        "'2027-12-31T10:00:00' is not a valid ISO 8601 date (YYYY-MM-DD)",
    ),
    (
        "bad_period",
        "id: a\nsource: d.csv\nretention: {period: 3 years}\n",
        3,
        "$.retention.period",
        "'3 years' is not a valid ISO 8601 duration",
    ),
    ("bad_id", "id: -a b\nsource: d.csv\n", 1, "$.id", "'-a b' is not a valid identifier"),
    ("empty_ref", "id: a\nsource: d.csv\ncatalog_ref: ''\n", 3, "$.catalog_ref", "should be non-empty"),
    ("null_ref", "id: a\nsource: d.csv\ncatalog_ref:\n", 3, "$.catalog_ref", "None is not of type 'string'"),
    (
        "bad_explicit_tag",
        "id: a\nsource: d.csv\nanonymisation:\n  k: !!int abc\n",
        4,
        "$.anonymisation.k",
        "invalid int 'abc'",
    ),
    ("non_string_key", "id: a\nsource: d.csv\n1: x\n", 3, "$.1", "key 1 is not a string (quote it)"),
    (
        "not_a_mapping",
        "- id: a\n  source: d.csv\n",
        1,
        "$",
        "an asset manifest must be a YAML mapping of fields, not a list",
    ),
    ("syntax_error", "id: a\nsource: [d.csv\nstate: raw\n", 3, "$", "invalid YAML"),
    ("empty_file", "", 1, "$", "file is empty"),
    ("comments_only", "# nothing here\n", 1, "$", "file is empty"),
]


@pytest.mark.parametrize(("name", "text", "line", "path", "fragment"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_each_mistake_is_reported_on_its_line(write, name, text, line, path, fragment):
    file = write(f"{name}.yaml", text)
    errors = errors_of(file)
    prefix = f"{file}:{line}: {path}: "
    assert any(e.startswith(prefix) and fragment in e[len(prefix) :] for e in errors), errors


def test_binary_file(write):
    file = write("blob.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert errors_of(file) == [f"{file}:1: $: binary data, not a YAML text file"]


def test_alias_bomb_by_expansion(write):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    file = write("bomb.yaml", "\n".join(lines) + "\n")
    [error] = errors_of(file)
    assert error.startswith(f"{file}:1: $: document expands to more than") and "alias bomb" in error


def test_alias_bomb_by_alias_count_points_at_the_key(write):
    text = "id: a\nsource: d.csv\nx-base: &b v\nx-many:\n" + "".join("  - *b\n" for _ in range(250))
    file = write("aliases.yaml", text)
    [error] = errors_of(file)
    # the 201st alias is on line 4 + 201
    assert error == f"{file}:205: $: more than 200 aliases (alias bomb?)"


def test_alias_bomb_on_a_key_line_names_the_key(write):
    text = "id: a\nx-base: &b v\nx-many: [" + ", ".join(["*b"] * 250) + "]\n"
    file = write("aliases_inline.yaml", text)
    [error] = errors_of(file)
    assert error == f"{file}:3: $.x-many: more than 200 aliases (alias bomb?)"


def test_every_problem_of_a_manifest_is_reported_in_line_order(write):
    file = write(
        "many.yaml",
        """
        title: no id
        source: d.csv
        state: cooked
        consent:
          method: nodding
        flows:
          - id: f
            recipient_type: internal
            environment: email
          - id: f
            recipient_type: third_party
        """,
    )
    errors = errors_of(file)
    assert [int(e.split(":")[1]) for e in errors] == [1, 3, 5, 9, 10]
    assert "duplicate flow id 'f' (first on line 7)" in errors[-1]
    assert all(re.match(rf"^{re.escape(str(file))}:\d+: \$[^ ]*: \S", e) for e in errors), errors


def test_missing_file_is_one_line(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert errors_of(missing) == [f"{missing}: file not found"]


def test_manifest_error_is_a_config_error(write):
    with pytest.raises(ConfigError):
        load_manifest(write("e.yaml", ""))


def test_unknown_level_and_category_against_the_default_pack(write):
    pack = load_pack()
    file = write(
        "lv.yaml",
        """
        id: a
        source: d.csv
        declared_level: secret
        categories:
          - personal
          - health
        """,
    )
    manifest = load_manifest(file)  # without a pack nothing is known about levels
    problems = check_against_pack(manifest, pack)
    assert problems[0].startswith(
        f"{file}:3: $.declared_level: unknown level 'secret' in pack cn-data-circulation-2025"
    )
    assert "general-4" in problems[0]
    assert problems[1].startswith(
        f"{file}:6: $.categories[1]: unknown category 'health' in pack cn-data-circulation-2025"
    )
    assert len(problems) == 2
    assert errors_of(file, pack) == problems  # the same problems when the pack is given at load time


def test_known_levels_and_sublevels_pass_the_pack_check(write):
    pack = load_pack()
    for level in ("core", "general", "general-1"):
        file = write(f"{level}.yaml", f"id: a\nsource: d.csv\ndeclared_level: {level}\ncategories: [public_data]\n")
        assert check_against_pack(load_manifest(file), pack) == []


def test_pack_check_of_a_hand_built_manifest_has_no_line():
    manifest = Manifest(id="a", path="m.yaml", data={"id": "a", "declared_level": "x"}, source="d", declared_level="x")
    [problem] = check_against_pack(manifest, load_pack())
    assert problem.startswith("m.yaml: $.declared_level: unknown level 'x'")


# ------------------------------------------------------------------------------------- source_paths


def _manifest(folder: Path, source: str) -> Manifest:
    return Manifest(id="a", path=str(folder / "m.yaml"), data={}, source=source)


def test_source_relative_path_is_joined_to_the_manifest_folder(tmp_path):
    assert _manifest(tmp_path / "manifests", "../data/x.csv").source_paths() == [str(tmp_path / "data" / "x.csv")]
    assert _manifest(tmp_path, "/abs/x.csv").source_paths() == ["/abs/x.csv"]


def test_source_url_is_returned_unchanged(tmp_path):
    for url in ("postgresql://db.internal/crm?table=customers", "s3://bucket/key.parquet", "file:///x.csv"):
        assert _manifest(tmp_path, url).source_paths() == [url]


def test_source_glob_matches_files_sorted(tmp_path):
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    for name in ("b.csv", "a.csv", "sub/c.csv", "notes.txt"):
        (data / name).write_text("x\n")
    assert _manifest(tmp_path, "data/*.csv").source_paths() == [str(data / "a.csv"), str(data / "b.csv")]
    assert _manifest(tmp_path, "data/**/*.csv").source_paths() == [
        str(data / "a.csv"),
        str(data / "b.csv"),
        str(data / "sub" / "c.csv"),
    ]


def test_source_glob_matching_nothing_fails_closed(tmp_path):
    with pytest.raises(InputError, match=r"source 'data/\*\.csv' matches no file"):
        _manifest(tmp_path, "data/*.csv").source_paths()
