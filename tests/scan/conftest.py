from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "fixtures" / "datasets"
GOLDEN = ROOT / "golden"


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file missing: {path} (run with UPDATE_GOLDEN=1)"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def customers() -> Path:
    return DATASETS / "customers_small.csv"


def load_json(text: str) -> dict:
    return json.loads(text)
