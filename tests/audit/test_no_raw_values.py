"""No raw value in the catalogue (every format, from a scan and from the ledger) or the audit report
(every format): the inputs of the leak test (``tests/hardening/leak_support.py``: personal data in
folder, file, sheet, table and column names and in every cell) scanned into a ledger, plus a manifest
whose title, owner and flow recipient hold personal data."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ..hardening import leak_support as support

CATALOG_FORMATS = ("csv", "json", "markdown", "xlsx")
REPORT_FORMATS = ("html", "markdown", "pdf")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    from click.testing import CliRunner

    from compliance.cli import main

    inputs = support.build(tmp_path_factory.mktemp("leak-audit"))
    leaks = inputs.leaks
    manifest = inputs.root / "asset.yaml"
    manifest.write_text(
        f"id: contacts\ntitle: 客户 {leaks.add(support.mobile(200))}\nowner: {leaks.add(support.email(200))}\n"
        f"source: {inputs.data.name}/{support.mobile(0)}.csv\ndeclared_level: important\n"
        "flows:\n  - id: abroad\n    recipient_type: cross_border\n    destination: SG\n"
        f"    recipient: 联系人 {leaks.add(support.mobile(201))}\n",
        encoding="utf-8",
    )
    ledger = inputs.root / "ledger.db"
    cwd = os.getcwd()
    os.chdir(inputs.root)
    try:
        runner = CliRunner()
        for args in (
            ["scan", "--ledger", str(ledger), "--as-of", support.AS_OF, inputs.data.name, "broken"],
            ["scan", "--ledger", str(ledger), "--as-of", support.AS_OF, "--manifest", "asset.yaml"],
        ):
            result = runner.invoke(main, args, catch_exceptions=False)
            assert result.exit_code in (1, 2), result.stderr
    finally:
        os.chdir(cwd)
    return inputs, ledger


def _text_of(path, fmt: str) -> str:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        return "\n".join(
            f"{sheet.title}\t" + "\t".join("" if v is None else str(v) for v in row)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    if fmt == "pdf":
        pdftotext = shutil.which("pdftotext")
        if not pdftotext:
            if os.environ.get("CI") == "true":
                pytest.fail("CI=true but pdftotext (poppler-utils) is missing")
            pytest.skip("pdftotext is not installed")
        return subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path.read_text(encoding="utf-8")


def _check(inputs, result, path, fmt, what):
    assert "Traceback" not in result.stderr, result.stderr
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr), (path.name, _text_of(path, fmt))):
        leaked = inputs.leaks.found_in(text)
        assert not leaked, f"{what}: {name} holds raw values {leaked[:3]}:\n{text[:2000]}"


def _run(inputs, *args):
    from click.testing import CliRunner

    from compliance.cli import main

    cwd = os.getcwd()
    os.chdir(inputs.root)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", CATALOG_FORMATS)
@pytest.mark.parametrize("important", [False, True])
def test_catalog_from_the_ledger_holds_no_raw_value(scanned, tmp_path, fmt, important):
    inputs, ledger = scanned
    out = tmp_path / f"catalog.{fmt}"
    extra = ["--important"] if important else []
    result = _run(inputs, "catalog", "--from-ledger", ledger, "--format", fmt, "-o", out, *extra)
    assert result.exit_code == 0, result.stderr
    text = _text_of(out, fmt)
    assert "contacts" in text and ("mobile" in text.lower() or "asset" in text.lower() or "资产" in text)
    _check(inputs, result, out, fmt, f"catalog --from-ledger --format {fmt}")


@pytest.mark.parametrize("fmt", CATALOG_FORMATS)
def test_catalog_from_a_scan_holds_no_raw_value(scanned, tmp_path, fmt):
    inputs, _ = scanned
    out = tmp_path / f"catalog.{fmt}"
    result = _run(
        inputs,
        "catalog",
        "--as-of",
        support.AS_OF,
        "--manifest",
        "asset.yaml",
        inputs.data.name,
        "broken",
        "--format",
        fmt,
        "-o",
        out,
    )
    assert result.exit_code == 2  # the broken inputs: listed, and the catalogue is incomplete
    _check(inputs, result, out, fmt, f"catalog (scan) --format {fmt}")


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_holds_no_raw_value(scanned, tmp_path, fmt, lang):
    if fmt == "pdf" and os.environ.get("CI") != "true":
        pytest.importorskip("weasyprint")
    inputs, ledger = scanned
    out = tmp_path / f"report.{fmt}"
    result = _run(inputs, "report", "--ledger", ledger, "--format", fmt, "--lang", lang, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = _text_of(out, fmt)
    assert "DCS-" in text and "XB-2024" in text  # the scans' violations and the cross-border flow are reported
    _check(inputs, result, out, fmt, f"report --format {fmt} --lang {lang}")
