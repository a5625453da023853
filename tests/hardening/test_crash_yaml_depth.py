"""Configuration files nested 10,000 levels deep (issue 8): one line naming the file, exit 2.

Packs, manifests, project, waiver and baseline files are untrusted YAML (or JSON); safe_yaml bounds
their nesting before constructing anything, so a deep flow sequence or block mapping is one line,
not a RecursionError.
"""

from __future__ import annotations

import pytest

from .crash_support import assert_clean_failure, good_csv, run_in_process

FLOW = "id: x\nrules: " + "[" * 10_000 + "]" * 10_000 + "\n"
BLOCK = "id: x\nrules:\n" + "".join(" " * i + "a:\n" for i in range(3_000))
JSON = '{"version": 2, "entries": ' + "[" * 10_000 + "]" * 10_000 + "}\n"


@pytest.mark.parametrize(
    "option, name, body",
    [
        ("--pack", "pack.yaml", FLOW),
        ("--pack", "pack.yaml", BLOCK),
        ("--manifest", "manifest.yaml", FLOW),
        ("--project", "compliance.yaml", BLOCK),
        ("--waivers", "waivers.yaml", FLOW),
        ("--baseline", "baseline.json", JSON),
    ],
)
def test_deeply_nested_configuration_is_one_line(tmp_path, option, name, body):
    (tmp_path / name).write_text(body, encoding="utf-8")
    good_csv(tmp_path)
    result = run_in_process(["scan", "good.csv", option, name], tmp_path)
    lines = assert_clean_failure(result.exit_code, result.stderr, name)
    assert len(lines) == 1, lines
