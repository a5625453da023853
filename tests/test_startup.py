"""What start-up no longer checks on every run is checked here, and the fast YAML loader is the reference's twin.

A small scan used to spend most of its time loading the default pack: PyYAML's pure-Python scanner,
the JSON Schema meta-check of every shipped schema and the pack's schema validation. Now libyaml
parses (``safe_yaml._FastStrictLoader``, any failure re-parsed by the pure-Python loader for its
message), shipped schemas are not meta-checked and shipped packs not schema-validated at run time:
these tests are where that happens instead. The start-up time itself: benchmarks/bench_startup.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from compliance.errors import ConfigError
from compliance.policy import load_pack
from compliance.policy.loader import SCHEMA, _shipped
from compliance.resources import builtin_pack_paths, data_dir, policies_dir
from compliance.safe_yaml import _LOADERS, _load_with, _StrictLoader, load_yaml_file, load_yaml_text
from compliance.schema_check import schema_errors

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("schema", sorted(p.name for p in data_dir("schemas").glob("*.json")))
def test_every_shipped_schema_is_a_valid_schema(schema: str) -> None:
    document = json.loads((data_dir("schemas") / schema).read_text(encoding="utf-8"))
    validator_for(document, default=Draft202012Validator).check_schema(document)


@pytest.mark.parametrize("pack", sorted(builtin_pack_paths()))
def test_every_shipped_pack_is_schema_valid(pack: str) -> None:
    path = builtin_pack_paths()[pack]
    assert _shipped(path)
    assert schema_errors(load_yaml_file(path), SCHEMA) == []


def test_a_copy_of_a_shipped_pack_is_validated(tmp_path: Path) -> None:
    path = next(iter(builtin_pack_paths().values()))
    copy = tmp_path / path.name
    copy.write_text(path.read_text(encoding="utf-8") + "\nnot_a_pack_key: 1\n", encoding="utf-8")
    assert not _shipped(copy) and _shipped(policies_dir() / path.name)
    with pytest.raises(ConfigError, match="not_a_pack_key"):
        load_pack(copy)


def _both(text: str, name: str) -> list[tuple]:
    """The fast and the reference loader's (data, lines) of ``text``, or their error."""
    out = []
    for loader in (_LOADERS[0], _StrictLoader):
        try:
            doc = _load_with(loader, text, name)
            out.append(("ok", doc.data, doc.lines))
        except ConfigError as err:
            out.append(("error", err.message if loader is _StrictLoader else None))
    return out


def test_libyaml_is_the_first_loader() -> None:
    assert yaml.__with_libyaml__ and _LOADERS[0] is not _StrictLoader


SHIPPED_YAML = sorted(p for p in policies_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: p.name)
def test_fast_and_reference_loaders_agree_on_every_shipped_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast, reference = _both(text, str(path))
    assert fast[0] == "ok" and fast == reference
    assert load_yaml_file(path, shipped=True).data == reference[1]


@pytest.mark.parametrize("text", ["!", ">#", "a: 1\na: 2\n", "x: [1, 2", "&a [*a]"])
def test_a_shipped_file_libyaml_reads_otherwise_is_read_by_the_reference(text: str) -> None:
    """Where the two disagree or fail, the shipped path returns the reference's result or error."""
    try:
        expected = ("ok", load_yaml_text(text, "t.yaml").data)
    except ConfigError as err:
        expected = ("error", err.message)
    try:
        got = ("ok", load_yaml_text(text, "t.yaml", shipped=True).data)
    except ConfigError as err:
        got = ("error", err.message)
    if text in ("!", ">#"):  # libyaml reads these differently: only a shipped file may take its reading
        assert got[0] == "ok"
    else:
        assert got == expected


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
        max_leaves=12,
    )
)
def test_fast_and_reference_loaders_agree_on_dumped_data(data) -> None:
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    fast, reference = _both(text, "d.yaml")
    assert fast == reference and fast[0] == "ok"


def test_the_compliance_process_skips_pyarrows_pandas_probe(tmp_path: Path) -> None:
    """The console script's entry point refuses pandas (pyarrow would import it, 0.5 s); the library does not."""
    import subprocess
    import sys

    pytest.importorskip("pandas")  # installed with the test extra: the probe would import it
    small = tmp_path / "small.csv"
    small.write_text("姓名,手机\n张三,13800138000\n李四,13900139000\n", encoding="utf-8")
    listing = tmp_path / "modules.txt"
    probe = (
        "import atexit, sys; from compliance.cli import main; out = sys.argv.pop(1); "
        "atexit.register(lambda: open(out, 'w').write('\\n'.join(sys.modules))); main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(listing), "scan", str(small)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CN_MOBILE" in done.stdout
    loaded = set(listing.read_text(encoding="utf-8").split())
    assert "pyarrow" in loaded and "compliance.scanner" in loaded
    assert "pandas" not in loaded
    library = subprocess.run(
        [sys.executable, "-c", "import pyarrow as pa, sys; pa.array([1]); print('pandas' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert library.stdout.strip() == "True"  # outside the command, pyarrow and pandas work together as usual
