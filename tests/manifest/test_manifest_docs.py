"""docs/manifest-format.md stays true: its examples validate and it documents every schema field."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from compliance.manifest import check_against_pack, load_manifest
from compliance.policy import load_pack
from compliance.resources import load_schema
from compliance.schema_check import validator_for

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "manifest-format.md").read_text(encoding="utf-8")


def yaml_block_after(heading: str) -> str:
    section = DOC.split(heading, 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_full_annotated_example_loads_and_fits_the_default_pack(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(yaml_block_after("## Full annotated example"), encoding="utf-8")
    manifest = load_manifest(path, load_pack())
    assert check_against_pack(manifest, load_pack()) == []
    assert manifest.data["retention"]["until"] == "2035-03-31"
    # the full example uses every field of the schema (x- extras aside)
    schema = load_schema("asset-manifest.schema.json")
    assert set(schema["properties"]) <= set(manifest.data)
    flow_fields = set(schema["$defs"]["flow"]["properties"])
    assert flow_fields <= {key for flow in manifest.flows for key in flow.data}


def test_project_example_is_schema_valid():
    data = yaml.safe_load(yaml_block_after("## Project file `compliance.yaml`"))
    data["as_of"] = data["as_of"].isoformat()
    assert validator_for("project.schema.json").is_valid(data)


def test_every_field_and_enum_value_is_documented():
    schema = load_schema("asset-manifest.schema.json")
    objects = [schema, schema["$defs"]["flow"]]
    leaves, values = set(), set()
    while objects:
        node = objects.pop()
        for name, sub in node.get("properties", {}).items():
            if "properties" in sub:
                objects.append(sub)
                continue
            leaves.add(name)
            values.update(sub.get("enum", []), sub.get("items", {}).get("enum", []))
    missing = sorted(n for n in leaves if f"`{n}`" not in DOC and f".{n}`" not in DOC)
    assert not missing, f"undocumented manifest fields: {missing}"
    assert len(values) > 30
    undocumented = sorted(v for v in values if f"`{v}`" not in DOC)
    assert not undocumented, f"undocumented values: {undocumented}"
