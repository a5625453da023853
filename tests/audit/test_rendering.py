"""The audit report as a reader sees it: HTML rendered by headless Chromium, the PDF's first page as an image.

Chromium (``/usr/bin/chromium`` or ``$COMPLIANCE_TEST_CHROMIUM``), WeasyPrint and poppler-utils
(``pdftoppm``, ``pdftotext``, ``pdffonts``) are services here: the tests skip when one is missing and
fail when ``CI=true`` (``.ci/run`` installs them). Screenshots and page images are kept in
``$COMPLIANCE_TEST_ARTIFACTS`` when set (else in the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

#: the chart colour of medium-severity points (compliance/audit/charts.py COLOURS["medium"])
MEDIUM = (0xEF, 0x6C, 0x00)


def _required(what: str, found: str | None) -> str:
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {what} is missing (.ci/run installs it)")
    pytest.skip(f"{what} is not installed")


def _chromium() -> str:
    given = os.environ.get("COMPLIANCE_TEST_CHROMIUM")
    candidates = [given] if given else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return _required("chromium", next((c for c in candidates if c and os.path.isfile(c)), None))


def _artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COMPLIANCE_TEST_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _headless(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def _pixels(png: Path):
    image = pytest.importorskip("PIL.Image").open(png).convert("RGB")
    flattened = getattr(image, "get_flattened_data", None) or image.getdata  # Pillow 14 drops getdata
    return image, list(flattened())


def _near(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


TITLES = {
    "en": ("Data compliance audit report", "chain intact: 20 records verified"),
    "zh": ("数据合规审计报告", "哈希链完整：已校验 20 条记录"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_report_renders_in_headless_chromium(cli, history_ledger, tmp_path, lang):
    chromium = _chromium()
    page = tmp_path / "audit.html"
    result = cli.run("report", "--ledger", history_ledger, "-o", page, "--lang", lang, "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    url = page.resolve().as_uri()

    dumped = _headless(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    title, verdict = TITLES[lang]
    assert f"<title>{title}</title>" in dom
    assert dom.count("<table") >= 8
    assert verdict in dom
    points = re.findall(r'class="point" data-series="(\w+)" data-value="(\d+)"', dom)
    assert ("medium", "1") in points and len(points) >= 10  # the trend chart's points, with their values
    console = [line for line in dumped.stderr.splitlines() if "CONSOLE" in line or "Refused to" in line]
    assert console == [], console  # no console error, no blocked fetch (the page's CSP allows none)

    shot = _artifacts(tmp_path) / f"audit-report-{lang}.png"
    taken = _headless(
        chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1024,4000", "--hide-scrollbars", url
    )
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    _, pixels = _pixels(shot)
    assert sum(1 for p in pixels if _near(p, MEDIUM)) > 50  # the chart was drawn: its medium line and points


def test_pdf_first_page_has_chinese_text_and_an_embedded_cjk_font(cli, history_ledger, tmp_path):
    if os.environ.get("CI") != "true":
        pytest.importorskip("weasyprint")  # in CI a missing WeasyPrint fails the report below
    pdftoppm = _required("pdftoppm (poppler-utils)", shutil.which("pdftoppm"))
    pdftotext = _required("pdftotext (poppler-utils)", shutil.which("pdftotext"))
    pdf = tmp_path / "audit.pdf"
    result = cli.run(
        "report", "--ledger", history_ledger, "--format", "pdf", "--lang", "zh", "-o", pdf, "--now", cli.now
    )
    assert result.exit_code == 0, result.stderr

    text = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "数据合规审计报告" in text
    assert "哈希链完整：已校验 20 条记录" in text

    prefix = _artifacts(tmp_path) / "audit-report-page"
    subprocess.run(
        [pdftoppm, "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    image, pixels = _pixels(prefix.with_suffix(".png"))
    assert image.size[0] > 500
    dark = sum(1 for p in pixels if max(p) < 100)
    assert dark > 1000  # text was drawn (a page of missing-glyph boxes or nothing is far lighter)

    pdffonts = shutil.which("pdffonts")
    if pdffonts:
        fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"CJK|Noto Sans SC|WenQuanYi|Source Han", fonts), fonts
