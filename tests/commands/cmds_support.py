"""Helpers for the issue 12 "commands people look for" tests: the installed ``compliance`` console
script in a subprocess (``installed``), the CLI in process for the many small cases (``run_cli``), and
synthetic data with valid check digits from python-stdnum (never from the tool's own detectors)."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from compliance.resources import load_schema

from ..gating.conftest import AS_OF, manifest_text, run_cli, run_compliance, write_dataset, write_text

__all__ = ["AS_OF", "installed", "manifest_text", "report_of", "run_cli", "write_dataset", "write_text"]

REPORT_SCHEMA = Draft202012Validator(load_schema("report.schema.json"))


def installed(cwd: Path, *args: str):
    """The installed console script (``compliance ...``) run from ``cwd``, CI=true."""
    return run_compliance([str(a) for a in args], cwd)


def report_of(text: str) -> dict:
    """A JSON report, checked against the report schema."""
    report = json.loads(text)
    REPORT_SCHEMA.validate(report)
    return report


def violated(report: dict) -> set[str]:
    return {v["rule"] for asset in report["assets"] for v in asset["violations"]}
