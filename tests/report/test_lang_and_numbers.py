"""``--lang zh`` translates table headers, severities and category titles; a share that is not all is
never shown as 100% (nor a non-zero one as 0%); the distinct-individuals figure says exact or estimate
(issue 12, Outputs). Through the installed CLI, on data whose shares are known by construction."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.report.numbers import count, percent

from .test_cli_outputs import installed


def mobile(i: int) -> str:
    return f"{(138, 139, 186)[i % 3]}{(12345678 + i * 7919) % 100_000_000:08d}"


def write_csv(path: Path, rows: int, bad_every: int | None = None) -> Path:
    """A mobile column (one value in ``bad_every`` is not a mobile) and an order number."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mobile", "order_no"])
        for i in range(rows):
            value = "n/a-unknown" if bad_every and i % bad_every == bad_every - 1 else mobile(i)
            writer.writerow([value, f"SO-{i:06d}"])
    return path


# --- percent and count --------------------------------------------------------------------------


@given(ratio=st.floats(min_value=0, max_value=1, exclude_min=True, exclude_max=True), decimals=st.integers(0, 2))
def test_a_share_strictly_between_none_and_all_is_never_shown_as_0_or_100(ratio, decimals):
    shown = percent(ratio, decimals)
    number = re.fullmatch(r"([<>]?)(\d+(?:\.\d+)?)%", shown)
    assert number, shown
    value = float(number.group(2))
    assert 0 < value < 100
    if number.group(1) == "<":
        assert ratio * 100 < value
    elif number.group(1) == ">":
        assert ratio * 100 > value
    else:  # rounded to its own last decimal
        places = len(number.group(2).partition(".")[2])
        assert places >= decimals and abs(value - ratio * 100) <= 0.5 * 10**-places + 1e-9


def test_known_shares():
    assert percent(0.998) == "99.8%" and percent(0.998, 1) == "99.8%"
    assert percent(0.97) == "97%" and percent(0.021, 1) == "2.1%"
    assert percent(0.003) == "0.3%" and percent(0.9996) == "99.96%"
    assert percent(1.0) == "100%" and percent(0.0) == "0%" and percent(1.0, 1) == "100.0%"
    assert percent(0.999999) == ">99.99%" and percent(0.000001) == "<0.01%"


def test_counts_say_exact_or_estimate():
    assert count(980, True) == "980 (exact)" and count(12400, False) == "~12,400 (estimate)"
    assert count(980, True, "zh") == "980（精确）" and count(12400, False, "zh") == "约 12,400（估计）"


# --- through the CLI ----------------------------------------------------------------------------

SCAN = ["--as-of", "2026-01-01", "--no-timestamp", "--fail-on", "never"]


def test_998_in_1000_is_99_8_percent_in_text_and_markdown(tmp_path):
    write_csv(tmp_path / "m.csv", rows=1000, bad_every=500)  # 2 of 1,000 are not mobiles
    text = installed(["scan", "m.csv", "--full", *SCAN], tmp_path)
    assert text.returncode == 0, text.stderr
    assert "CN_MOBILE 99.8%" in text.stdout and "CN_MOBILE 100%" not in text.stdout
    markdown = installed(["scan", "m.csv", "--full", "--format", "markdown", *SCAN], tmp_path)
    assert "`CN_MOBILE` 99.8% (998)" in markdown.stdout


def test_distinct_individuals_say_exact_or_estimate(tmp_path):
    write_csv(tmp_path / "small.csv", rows=200)
    write_csv(tmp_path / "large.csv", rows=6000)
    result = installed(["scan", "small.csv", "large.csv", "--sample", "500", *SCAN], tmp_path)
    assert result.returncode == 0, result.stderr
    blocks = {block.split()[0]: block for block in result.stdout.split("\n\n") if block.strip()}
    figures = {
        name: re.search(r"distinct individuals: (.+)", blocks[name]).group(1) for name in ("small.csv", "large.csv")
    }
    assert figures["small.csv"] == "200 (exact)"
    assert figures["large.csv"].startswith("~") and figures["large.csv"].endswith(" (estimate)")
    data = json.loads(
        installed(
            ["scan", "small.csv", "large.csv", "--sample", "500", "-o", "-", "--format", "json", *SCAN], tmp_path
        ).stdout
    )
    exact = {a["id"]: a["facts"]["distinct_individuals_exact"] for a in data["assets"]}
    assert exact == {"large.csv": False, "small.csv": True}  # the text says what the JSON knows
    zh = installed(["scan", "large.csv", "--sample", "500", "--lang", "zh", *SCAN], tmp_path)
    assert re.search(r"个人数量: 约 [\d,]+（估计）", zh.stdout), zh.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_lang_zh_translates_headers_severities_and_categories(tmp_path, fmt):
    write_csv(tmp_path / "m.csv", rows=50)
    args = ["scan", "m.csv", "--flow", "third_party", "--format", fmt, *SCAN]
    en = installed(args, tmp_path)
    zh = installed([*args, "--lang", "zh"], tmp_path)
    assert en.returncode == zh.returncode == 0, zh.stderr
    if fmt == "text":
        assert re.search(r"^\s+column\s+entities\s+category\s+evidence\s*$", en.stdout, re.M)
        assert re.search(r"^\s+列\s+识别结果\s+类别\s+样例（已脱敏）\s*$", zh.stdout, re.M)
        assert re.search(r"^  (HIGH|MEDIUM|LOW|CRITICAL) DCS-", en.stdout, re.M)
        assert re.search(r"^  (高|中|低|严重) DCS-", zh.stdout, re.M)
        assert not re.search(r"^  (HIGH|MEDIUM|LOW|CRITICAL) ", zh.stdout, re.M)
        assert "类别: 一般个人信息" in zh.stdout and "categories: personal" in en.stdout
        summary = zh.stdout.strip().splitlines()[-1]
        assert re.search(r"违规: \d+ (高|中|低|严重)", summary) and " high" not in summary
    else:
        assert "| 列 | 识别结果 | 类别 | 样例（已脱敏） |" in zh.stdout
        assert "- 数据类别: 一般个人信息 (`personal`)" in zh.stdout
        assert "- Categories: `personal`" in en.stdout
        assert re.search(r"^#### (高|中|低|严重) — ", zh.stdout, re.M)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_lang_zh_translates_pass_and_fail(tmp_path, fmt):
    """Asset, flow and summary statuses say 通过/不通过 under ``--lang zh``; English keeps PASS/FAIL."""
    write_csv(tmp_path / "m.csv", rows=50)  # mobiles flowing to a third party: high violations
    (tmp_path / "clean.csv").write_text("order_no\n" + "".join(f"SO-{i:06d}\n" for i in range(20)), encoding="utf-8")
    args = ["scan", "m.csv", "clean.csv", "--flow", "third_party", "--format", fmt, "--as-of", "2026-01-01"]
    en = installed([*args, "--no-timestamp"], tmp_path)
    zh = installed([*args, "--no-timestamp", "--lang", "zh"], tmp_path)
    assert en.returncode == zh.returncode == 1, zh.stderr
    assert re.search(r"\b(PASS|FAIL|ERROR|EMPTY)\b", zh.stdout) is None, zh.stdout
    asset = r"^## `{}` — \*\*{}\*\*$" if fmt == "markdown" else r"^{}  {}$"
    for word_en, word_zh, name in (("FAIL", "不通过", "m.csv"), ("PASS", "通过", "clean.csv")):
        assert re.search(asset.format(re.escape(name), word_en), en.stdout, re.M), en.stdout
        assert re.search(asset.format(re.escape(name), word_zh), zh.stdout, re.M), zh.stdout
    flow = [line for line in zh.stdout.splitlines() if "流向 third" in line]
    assert flow and all(line.rstrip().endswith(("; 通过", "; 不通过")) for line in flow), flow
    if fmt == "text":
        assert zh.stdout.strip().splitlines()[-1].endswith(" — 不通过")
        assert en.stdout.strip().splitlines()[-1].endswith(" — FAIL")
    else:
        assert "总体结论: **不通过**" in zh.stdout and "Overall status: **FAIL**" in en.stdout
