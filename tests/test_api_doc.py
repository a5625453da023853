"""docs/api.md is true: every example on the page runs as a doctest from the repository root."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "api.md"


def test_api_page_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, attempted = doctest.testfile(
        str(PAGE), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert attempted > 30
    assert failures == 0


def test_every_public_api_function_is_on_the_page() -> None:
    import compliance.api as api

    text = PAGE.read_text(encoding="utf-8")
    for name in api.__all__:
        assert f"api.{name}" in text or name in ("Pack", "Report"), name
