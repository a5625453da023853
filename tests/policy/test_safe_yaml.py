"""The untrusted-YAML loader: duplicate keys, alias bombs, sizes, encodings, line numbers."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from compliance.errors import ConfigError
from compliance.safe_yaml import load_yaml_file, load_yaml_text


def test_lines_are_recorded_for_nested_paths():
    doc = load_yaml_text("a:\n  - b: 1\n    c:\n      - x\n", "f.yaml")
    assert doc.data == {"a": [{"b": 1, "c": ["x"]}]}
    assert doc.line_of(("a", 0, "c", 0)) == 4
    assert doc.line_of(("a", 0, "missing", 3)) == 2  # falls back to the deepest existing node


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3: duplicate key 'a' (first defined on line 1)"),
        ("x:\n  k: 1\n  k: 2\n", "f.yaml:3: duplicate key 'k'"),
        ("a: [1, 2\n", "f.yaml:2: invalid YAML"),
        ("", "f.yaml: file is empty"),
        ("# only a comment\n", "f.yaml: file is empty"),
        ("a: &r [*r]\n", "recursive alias"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "merge keys"),
        ("a: !!python/object:os.system x\n", "f.yaml:1: invalid YAML"),
        ("a: 1\nb: 2027-02-30\n", "f.yaml:2: $.b: invalid date '2027-02-30' (day is out of range for month)"),
        ("a: !!int abc\n", "f.yaml:1: $.a: invalid int 'abc'"),
        ("a: !!timestamp foo\n", "f.yaml:1: $.a: invalid date 'foo'"),
    ],
)
def test_rejected_documents(text, expected):
    with pytest.raises(ConfigError) as info:
        load_yaml_text(text, "f.yaml")
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_alias_bomb_fails_fast():
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    with pytest.raises(ConfigError, match="alias"):
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")


def test_large_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ConfigError, match=r"big\.yaml: file is 52,428,800 bytes, larger than"):
        load_yaml_file(big)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"a: \xff\xfe\xfa\n", "not UTF-8 text (invalid byte at offset 3)"),
        (b"   \n\n", "file is empty"),
    ],
)
def test_bad_bytes(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_yaml_file(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_yaml_file(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match="is a directory"):
        load_yaml_file(tmp_path)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeff名称: 个人信息\n".encode())
    assert load_yaml_file(path).data == {"名称": "个人信息"}


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(min_size=1, max_size=10), _values, min_size=1, max_size=6))
def test_round_trip_matches_safe_load(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_yaml_text(text, "p.yaml").data == yaml.safe_load(text)


@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_gives_one_line_error(text):
    try:
        load_yaml_text(text, "p.yaml")
    except ConfigError as err:
        assert str(err).startswith("p.yaml")
        assert "\n" not in str(err)
