"""``compliance manifest init DATASET`` (issue 12): a draft from a scan with the detected level and
categories and every evidence field the rules ask for; it validates once the placeholders are filled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from compliance.resources import load_schema

from ..hardening.gate_support import git_repo
from .cmds_support import AS_OF, installed, report_of, run_cli, write_dataset
from .test_asset_ids_tables import workbook

SCHEMA = load_schema("asset-manifest.schema.json")
PREFIX = "<FILL IN"


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _node_at(path: tuple) -> dict:
    node = SCHEMA
    for part in path:
        node = _resolve(node)
        if isinstance(part, int):
            node = node["items"]
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            node = node["additionalProperties"]
    return _resolve(node)


def _value_for(node: dict, path: tuple) -> Any:
    """A valid value from the schema alone (not from the draft's hints)."""
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "boolean":
        return True
    if kind == "integer":
        return 10
    if node.get("format") == "date":
        return "2030-12-31"
    if "P(?=" in node.get("pattern", ""):
        return "P3Y"
    if path == ("id",):
        return "shop/filled"
    return "DOC-2026-001"


def fill(value: Any, path: tuple = (), filled: list | None = None) -> Any:
    """``value`` with every placeholder replaced; ``filled`` collects the paths."""
    if isinstance(value, str) and value.startswith(PREFIX):
        filled.append(path)
        return _value_for(_node_at(path), path)
    if isinstance(value, dict):
        return {k: fill(v, (*path, k), filled) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, (*path, i), filled) for i, v in enumerate(value)]
    return value


def _facts(paths: list[tuple], data: dict) -> set[str]:
    facts = set()
    for path in paths:
        if path[0] == "flows":
            facts.add("flow." + ".".join(str(p) for p in path[2:] if not isinstance(p, int)))
        else:
            facts.add("manifest." + ".".join(str(p) for p in path if not isinstance(p, int)))
    return facts


def test_the_draft_names_the_evidence_and_validates_once_filled(tmp_path):
    write_dataset(tmp_path / "data" / "customers.csv", ["phone", "id_number", "order_no"])
    (tmp_path / "manifests").mkdir()
    done = installed(
        tmp_path, "manifest", "init", "data/customers.csv", "--flow", "third_party", "-o", "manifests/c.yaml"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    text = (tmp_path / "manifests" / "c.yaml").read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    assert draft["source"] == "../data/customers.csv"  # relative to the manifest's folder
    assert draft["id"] == "customers"
    assert "personal" in draft["categories"]
    assert draft["declared_level"].startswith("general")
    assert "asked by DCS-" in text and "# Separate consent to provide the data to other processors" in text
    assert draft["flows"][0]["recipient_type"] == "third_party"

    # left as drafted: every placeholder is a problem, for validate and for the gate
    unfilled = installed(tmp_path, "manifest", "validate", "manifests/c.yaml")
    assert unfilled.returncode == 2
    placeholders: list = []
    fill(draft, (), placeholders)
    assert len(unfilled.stdout.splitlines()) == len(placeholders) > 5
    assert f"fill in its {len(placeholders)} placeholder(s)" in done.stderr
    assert installed(tmp_path, "scan", "--manifest", "manifests/c.yaml").returncode == 2

    filled_paths: list = []
    filled = fill(draft, (), filled_paths)
    (tmp_path / "manifests" / "c.yaml").write_text(yaml.safe_dump(filled, allow_unicode=True), encoding="utf-8")
    valid = installed(tmp_path, "manifest", "validate", "manifests/c.yaml")
    assert (valid.returncode, valid.stdout) == (0, ""), valid.stdout

    # what the draft asked for is what the rules needed: none of it is reported missing any more
    scan = installed(tmp_path, "scan", "--manifest", "manifests/c.yaml", "--format", "json", "--as-of", AS_OF)
    report = report_of(scan.stdout)
    still_missing = {m for a in report["assets"] for v in a["violations"] for m in v.get("missing", [])}
    assert not still_missing & _facts(filled_paths, filled)


def test_a_workbook_draft_declares_each_sheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook(tmp_path / "hr.xlsx")
    result = run_cli("manifest", "init", "hr.xlsx")
    assert result.exit_code == 0, result.stderr
    draft = yaml.safe_load(result.stdout)
    assert set(draft["tables"]) == {"员工", "订单"}
    assert "personal" in draft["tables"]["员工"]["categories"]
    assert not {"personal", "sensitive_personal"} & set(draft["tables"]["订单"]["categories"])
    Path("m.yaml").write_text(yaml.safe_dump(fill(draft, (), []), allow_unicode=True), encoding="utf-8")
    assert run_cli("manifest", "validate", "m.yaml").exit_code == 0
    scan = run_cli("scan", "--manifest", "m.yaml", "--format", "json", "--as-of", AS_OF)
    assert sorted(a["id"] for a in report_of(scan.stdout)["assets"]) == ["hr#员工", "hr#订单"]


def test_names_from_the_data_are_masked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "13812345678.csv", ["phone:11010519491231002X", "order_no"])
    result = run_cli("manifest", "init", "13812345678.csv")
    assert result.exit_code == 0, result.stderr
    assert "13812345678" not in result.stdout and "11010519491231002X" not in result.stdout
    draft = yaml.safe_load(result.stdout)
    assert draft["source"].startswith(PREFIX) and draft["id"].startswith(PREFIX)


def test_an_existing_output_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(tmp_path / "c.csv", ["phone"])
    Path("m.yaml").write_text("keep me\n", encoding="utf-8")
    result = run_cli("manifest", "init", "c.csv", "-o", "m.yaml")
    assert result.exit_code == 2
    assert Path("m.yaml").read_text(encoding="utf-8") == "keep me\n"
    assert result.stderr.strip() == "error: m.yaml exists: give another --output, or remove it first"


def test_an_unreadable_dataset_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("manifest", "init", "missing.csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "missing.csv" in result.stderr


def test_a_folder_gets_one_draft_per_data_file_and_each_validates_once_filled(tmp_path):
    """The walk of ``scan FOLDER``: hidden, .gitignored and unsupported entries get no draft."""
    write_dataset(tmp_path / "data" / "customers.csv", ["phone", "id_number", "order_no"])
    write_dataset(tmp_path / "data" / "2025" / "orders.csv", ["order_no", "phone"])
    write_dataset(tmp_path / "data" / "2025" / "orders.tsv", ["order_no"])  # same stem: ids keep the ending
    write_dataset(tmp_path / "data" / ".hidden" / "old.csv", ["phone"])
    write_dataset(tmp_path / "data" / "scratch.csv", ["phone"])
    (tmp_path / "data" / ".gitignore").write_text("scratch.csv\n", encoding="utf-8")
    (tmp_path / "data" / "README.md").write_text("about the data\n", encoding="utf-8")
    git_repo(tmp_path)  # .gitignore is asked of git, as scan's walk does
    args = ("manifest", "init", "data", "--flow", "third_party", "-o", "manifests")
    done = installed(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    drafts = sorted(p.relative_to(tmp_path / "manifests").as_posix() for p in (tmp_path / "manifests").rglob("*"))
    drafts = [d for d in drafts if d.endswith(".yaml")]
    assert drafts == ["2025/orders.csv.yaml", "2025/orders.tsv.yaml", "customers.csv.yaml"]
    assert "note: skipped: 4 (2 hidden, 1 ignored by .gitignore, 1 unsupported)" in done.stderr  # .gitignore too
    walked = report_of(installed(tmp_path, "scan", "data", "--format", "json", "--as-of", AS_OF).stdout)
    assert walked["summary"]["skipped"] == 4 and len(walked["assets"]) == len(drafts)  # scan's own walk
    ids = {}
    for name in drafts:
        path = tmp_path / "manifests" / name
        draft = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids[name] = draft["id"]
        assert (path.parent / draft["source"]).resolve() == (tmp_path / "data" / name[: -len(".yaml")]).resolve()
        assert draft["flows"][0]["recipient_type"] == "third_party"
        assert installed(tmp_path, "manifest", "validate", str(path)).returncode == 2  # placeholders left in
        filled_paths: list = []
        filled = fill(draft, (), filled_paths)
        assert filled_paths, name
        path.write_text(yaml.safe_dump(filled, allow_unicode=True), encoding="utf-8")
        valid = installed(tmp_path, "manifest", "validate", str(path))
        assert (valid.returncode, valid.stdout) == (0, ""), valid.stdout
    assert ids == {
        "customers.csv.yaml": "customers",
        "2025/orders.csv.yaml": "2025/orders.csv",
        "2025/orders.tsv.yaml": "2025/orders.tsv",
    }
    manifests = [a for name in drafts for a in ("--manifest", f"manifests/{name}")]
    scan = installed(tmp_path, "scan", *manifests, "--format", "json", "--as-of", AS_OF)
    assert sorted(a["id"] for a in report_of(scan.stdout)["assets"]) == sorted(ids.values())

    # drafts are never written over, and all are checked before the first is written
    (tmp_path / "manifests" / "customers.csv.yaml").unlink()
    again = installed(tmp_path, *args)
    assert again.returncode == 2 and not (tmp_path / "manifests" / "customers.csv.yaml").exists()
    assert "2025/orders.csv.yaml exists (and 1 more)" in again.stderr


def test_a_folder_needs_an_output_folder_and_a_bad_file_does_not_stop_the_others(tmp_path):
    write_dataset(tmp_path / "data" / "customers.csv", ["phone", "id_number"])
    (tmp_path / "data" / "broken.csv").write_bytes(b"name,phone\n\xff\xfe\x00\x81bad\n")
    to_stdout = installed(tmp_path, "manifest", "init", "data")
    assert to_stdout.returncode == 2 and "give -o FOLDER" in to_stdout.stderr and to_stdout.stdout == ""
    done = installed(tmp_path, "manifest", "init", "data", "-o", "drafts")
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "broken.csv" in errors[0] and "1 of 2 file(s)" in errors[1], done.stderr
    assert (tmp_path / "drafts" / "customers.csv.yaml").is_file()
    assert not (tmp_path / "drafts" / "broken.csv.yaml").exists()


def test_a_folder_named_after_a_mobile_number_is_masked_in_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "13812345678").mkdir()
    (tmp_path / "13812345678" / "notes.txt").write_text("no table here\n", encoding="utf-8")
    for args in (["13812345678"], ["13812345678", "-o", "out"]):  # no -o; no supported file
        result = run_cli("manifest", "init", *args)
        assert result.exit_code == 2
        assert "13812345678" not in result.output
