"""``compliance report``: the audit report from the ledger (golden files with the time pinned)."""

from __future__ import annotations

import datetime
import re
import sqlite3

import pytest

from compliance.audit.trend import trend
from compliance.audit.volumes import route_for
from compliance.evaluate.cross_border import Thresholds


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [
        ("markdown", "en", "audit_report_en.md"),
        ("markdown", "zh", "audit_report_zh.md"),
        ("html", "en", "audit_report_en.html"),
    ],
)
def test_report_matches_the_golden_file(cli, history_ledger, fmt, lang, golden):
    result = cli.run("report", "--ledger", history_ledger, "--format", fmt, "--lang", lang, "--now", cli.now)
    assert result.exit_code == 0, result.stderr
    cli.golden(golden, result.stdout.replace(str(history_ledger), "LEDGER"))


def test_now_can_be_pinned_by_the_environment(cli, history_ledger, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_NOW", cli.now)
    first = cli.run("report", "--ledger", history_ledger, "--format", "markdown").stdout
    assert "| Generated | 2026-12-03T12:00:00Z |" in first
    assert first == cli.run("report", "--ledger", history_ledger, "--format", "markdown", "--now", cli.now).stdout


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_sections_say_what_the_ledger_holds(cli, history_ledger):
    text = cli.run("report", "--ledger", history_ledger, "--format", "markdown", "--now", cli.now).stdout
    assert "**chain intact: 20 records verified**" in text
    rules = _section(text, "Open violations by severity and rule")
    # the pack's title and legal references, not only the record's
    assert "| DCS-CL-002 | medium | Personal-data categories detected but not declared | 1 | 1 |" in rules
    assert "GBT-43697 Clause 7.2; PIPL Art 17" in rules
    assert "DCS-XB-002" not in rules  # fixed in week 7
    waivers = _section(text, "Suppressions and waivers")
    assert re.search(r"\| hr/staff.xlsx#员工 \| DCS-PI-005 \| waiver \| hr-lead \| 2026-11-01 \| EXPIRED \|", waivers)
    assert "| 2026-12-20 | expires within 30 days |" in waivers
    stale = _section(text, "Assets never scanned or stale")
    assert "| hr/staff.xlsx#员工 |  | 2026-08-01T09:00:00Z | 124 |" in stale
    xb = _section(text, "Cross-border volume in 2026 (XB-2024)")
    # the 2025 record does not count; the latest 2026 record of the flow does, once
    assert "| acme | 120,008 | 9,000 | 1 | standard contract or certification | XB-2024 Art 8 |" in xb


def test_since_and_until_select_the_period(cli, history_ledger):
    text = cli.run(
        "report",
        "--ledger",
        history_ledger,
        "--format",
        "markdown",
        "--since",
        "2026-10-01",
        "--until",
        "2026-10-15",
        "--now",
        cli.now,
    ).stdout
    assert "| Period | from 2026-10-01 to 2026-10-15 |" in text
    assert "| Records in period | 6 |" in text  # three weekly scans of two assets
    trend_rows = re.findall(r"^\| (2026-10-\d\d) \|", _section(text, "Trend of open violations"), re.M)
    assert trend_rows == ["2026-10-01", "2026-10-08", "2026-10-15"]  # a short period is counted by day
    rules = _section(text, "Open violations by severity and rule")
    assert "| DCS-XB-002 | critical |" in rules  # still open in that period


def test_never_scanned_assets_come_from_the_project_manifests(cli, history_ledger, tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    for asset in ("customers", "payroll"):
        (tmp_path / "assets" / f"{asset}.yaml").write_text(
            f"id: {asset}\ntitle: {asset}\nowner: hr\nsource: {asset}.csv\n", encoding="utf-8"
        )
    (tmp_path / "compliance.yaml").write_text("manifests:\n  - assets/*.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = cli.run("report", "--ledger", history_ledger, "--format", "markdown", "--now", cli.now).stdout
    never = _section(text, "Assets never scanned or stale").split("### Stale")[0]
    assert "| payroll | assets/payroll.yaml |" in never
    assert "customers" not in never


def test_stale_days_is_a_setting(cli, history_ledger):
    text = cli.run(
        "report", "--ledger", history_ledger, "--format", "markdown", "--stale-days", "5", "--now", cli.now
    ).stdout
    stale = _section(text, "Assets never scanned or stale").split("### Stale", 1)[1]
    assert "older than 5 days" in stale
    assert {"customers", "orders", "hr/staff.xlsx#员工"} <= set(re.findall(r"^\| ([^|]+?) \|", stale, re.M))


def test_a_tampered_ledger_is_on_the_cover_and_exits_1(cli, history_ledger):
    with sqlite3.connect(history_ledger) as db:  # the SQLite store's table (compliance/ledger/sqlite_store.py)
        (text,) = db.execute("SELECT record FROM ledger_records WHERE seq = 3").fetchone()
        assert '"actor":"alice"' in text
        db.execute("UPDATE ledger_records SET record = ? WHERE seq = 3", (text.replace('"alice"', '"mallory"'),))
    result = cli.run("report", "--ledger", history_ledger, "--format", "markdown", "--now", cli.now)
    assert result.exit_code == 1
    assert "**CHAIN BROKEN: 1 problem(s) in 20 records**" in result.stdout
    assert "seq 3" in result.stdout
    assert "does not verify" in result.stderr
    html = cli.run("report", "--ledger", history_ledger, "--now", cli.now).stdout
    assert '<p class="bad">CHAIN BROKEN' in html


def test_html_is_self_contained(cli, history_ledger):
    html = cli.run("report", "--ledger", history_ledger, "--now", cli.now).stdout
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)=["'](?!#)""", html)  # only in-page anchors
    assert "@import" not in html and "url(" not in html
    assert html.count("<svg") >= 3 and 'class="point"' in html
    assert "@media print" in html


def test_pdf_is_written_to_a_file(cli, history_ledger, tmp_path):
    pytest.importorskip("weasyprint")
    out = tmp_path / "audit.pdf"
    result = cli.run(
        "report", "--ledger", history_ledger, "--format", "pdf", "--lang", "zh", "-o", out, "--now", cli.now
    )
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_missing_ledger_is_an_error_not_a_new_ledger(cli, tmp_path):
    result = cli.run("report", "--ledger", tmp_path / "missing.db")
    assert result.exit_code == 2 and "missing.db" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_since_after_until_is_a_usage_error(cli, history_ledger):
    result = cli.run("report", "--ledger", history_ledger, "--since", "2026-12-01", "--until", "2026-11-01")
    assert result.exit_code == 2


def test_a_url_password_is_never_shown():
    from compliance.audit.targets import shown_target

    assert (
        shown_target("postgresql://audit:s3cret@db.example:5432/ledger")
        == "postgresql://audit:***@db.example:5432/ledger"
    )
    assert shown_target("ledger.db") == "ledger.db"


@pytest.mark.parametrize(
    ("individuals", "sensitive", "route"),
    [
        (99_999, 0, "none"),
        (100_000, 0, "standard_contract_or_certification"),
        (999_999, 0, "standard_contract_or_certification"),
        (1_000_000, 0, "security_assessment"),
        (50, 1, "standard_contract_or_certification"),  # any sensitive PI leaves Art 5(4)
        (20_000, 9_999, "standard_contract_or_certification"),
        (20_000, 10_000, "security_assessment"),
    ],
)
def test_cross_border_route_thresholds(individuals, sensitive, route):
    assert route_for(individuals, sensitive, Thresholds())[0] == route


def test_an_exempt_flow_is_not_counted_and_an_unknown_volume_fails_closed(make):
    from compliance.audit.volumes import cross_border

    now = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
    records = [
        make.record(
            "a", make.at("2026-03-01"), flows=[make.flow("x", individuals=500_000, exemption="contract_necessity")]
        ),
        make.record("b", make.at("2026-03-01"), flows=[make.flow("y", processor="beta", individuals=None)]),
        make.record("c", make.at("2026-12-04"), flows=[make.flow("z", processor="gamma", individuals=5)]),  # after now
    ]
    volumes = {p.processor: p for p in cross_border(records, now, None).processors}
    assert sorted(volumes) == ["beta"]  # acme's only flow is exempt; gamma's is after the report's now
    assert volumes["beta"].individuals is None and volumes["beta"].route == "security_assessment"


def test_a_flow_counts_once_at_its_largest_volume_of_the_year(make):
    from compliance.audit.volumes import cross_border

    now = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
    records = [
        make.record("a", make.at("2025-12-30"), flows=[make.flow("x", individuals=900_000, sensitive=0)]),
        make.record("a", make.at("2026-02-01"), flows=[make.flow("x", individuals=150_000, sensitive=0)]),
        make.record("a", make.at("2026-06-01"), flows=[make.flow("x", individuals=120_000, sensitive=0)]),
    ]
    (acme,) = cross_border(records, now, None).processors
    assert (acme.individuals, acme.flows, acme.route) == (150_000, 1, "standard_contract_or_certification")


def test_trend_keeps_each_assets_latest_state(make):
    records = [
        make.record("a", make.at("2026-11-01"), violations=[make.violation("R1", "high", "a")]),
        make.record("b", make.at("2026-11-01", 10), violations=[make.violation("R2", "low", "b")]),
        make.record("a", make.at("2026-11-02"), violations=[]),  # fixed
        make.record("b", make.at("2026-11-03"), violations=[make.violation("R2", "low", "b")] * 2),
    ]
    points, unit = trend(records)
    assert unit == "day"
    assert [(p.label, p.counts["high"], p.counts["low"], p.assets) for p in points] == [
        ("2026-11-01", 1, 1, 2),
        ("2026-11-02", 0, 1, 2),
        ("2026-11-03", 0, 2, 2),
    ]
